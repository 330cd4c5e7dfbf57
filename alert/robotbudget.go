package alert

import (
	"context"
	"fmt"
	"time"

	"github.com/yujing-go/yujing/channel"
	"github.com/yujing-go/yujing/store"
)

// sharedLimiter is a robot's limiter whose budget lives in the database
// (store.RobotStore): every engine and every replica that shares the
// database takes its sends' slots from the robot's one row, spaced
// channel.Spacing apart, so that together they stay under the robot's
// limit in any 60-second window. A throttling answer pauses the row for
// all of them. It costs one short transaction per send (a locking SELECT
// and an UPDATE; the robot's row is made the first time).
//
// Times are the wall clock's: the robot's window is real time, whatever
// clock the engine runs on.
type sharedLimiter struct {
	store   store.RobotStore
	robot   string
	spacing time.Duration
}

// sharedLimiters is the channel.LimiterSource of an engine's default
// registry.
func sharedLimiters(rs store.RobotStore) channel.LimiterSource {
	return func(key string, perMinute float64) channel.Limiter {
		return &sharedLimiter{store: rs, robot: key, spacing: channel.Spacing(perMinute)}
	}
}

// Wait takes the robot's next slot and waits for it. A slot after ctx's
// deadline is not taken: Wait fails at once with a retryable error whose
// RetryAfter is the wait (the send is deferred without using a retry).
func (l *sharedLimiter) Wait(ctx context.Context) error {
	now := time.Now()
	maxWait := time.Hour
	if d, ok := ctx.Deadline(); ok {
		maxWait = time.Until(d)
	}
	slot, err := l.store.ReserveRobot(ctx, l.robot, now, l.spacing, maxWait)
	if err != nil {
		return &channel.Error{Retryable: true, Err: fmt.Errorf("the robot's budget could not be read: %w", err)}
	}
	wait := slot.At.Sub(now)
	if !slot.Reserved {
		why := "earlier sends of every replica take the robot's budget until then"
		if slot.PausedBy != "" {
			why = "the robot is paused after a throttling answer: " + slot.PausedBy
		}
		return &channel.Error{Retryable: true, RetryAfter: wait,
			Err: fmt.Errorf("%w: next slot in %s; %s", channel.ErrRateLimited, wait.Round(time.Millisecond), why)}
	}
	if wait <= 0 {
		return nil
	}
	t := time.NewTimer(wait)
	defer t.Stop()
	select {
	case <-t.C:
	case <-ctx.Done():
		return &channel.Error{Retryable: true, Err: fmt.Errorf("%w: waiting for the robot's slot: %w", channel.ErrRateLimited, context.Cause(ctx))}
	}
	// A throttling answer to an earlier send may have paused the robot
	// while this one waited: do not send into the throttle.
	until, why, err := l.store.RobotPause(ctx, l.robot)
	if err != nil {
		return &channel.Error{Retryable: true, Err: fmt.Errorf("the robot's pause could not be read: %w", err)}
	}
	if left := time.Until(until); left > 0 {
		return &channel.Error{Retryable: true, RetryAfter: left,
			Err: fmt.Errorf("%w: the robot is paused after a throttling answer for %s: %s", channel.ErrRateLimited, left.Round(time.Second), why)}
	}
	return nil
}

// Pause stops every replica's sends to the robot until until.
func (l *sharedLimiter) Pause(ctx context.Context, until time.Time, why string) error {
	return l.store.PauseRobot(ctx, l.robot, until, why)
}
