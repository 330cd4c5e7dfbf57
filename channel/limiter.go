package channel

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// ErrRateLimited is the cause of the *Error a Limiter returns when the
// caller's context ends before the robot's next free slot.
var ErrRateLimited = errors.New("client-side rate limit")

// Limiter paces the sends to one robot.
type Limiter interface {
	// Wait blocks until the next send may start. When ctx would end first it
	// returns at once a retryable *Error (cause ErrRateLimited) whose
	// RetryAfter is the wait; the caller fills in Channel and Type.
	Wait(ctx context.Context) error
}

// Pauser is a Limiter that can stop every send to its robot until a time:
// after a throttling answer (DingTalk 130101, WeCom 45009, HTTP 429 with
// Retry-After), sending on would only burn retries.
type Pauser interface {
	Pause(ctx context.Context, until time.Time, why string) error
}

// LimiterSource makes the Limiter of one robot: key names the robot
// (its type and a hash of its identity, never a secret), perMinute is its
// rate. A Registry given one (WithLimiterSource) uses it instead of its
// own in-process limiters, e.g. to share a robot's budget across
// processes.
type LimiterSource func(key string, perMinute float64) Limiter

// BudgetShare is the share of a robot's documented rate that a limiter
// uses: sends are spaced Spacing(perMinute) apart, so that any 60-second
// window holds fewer sends than the limit even when the network delays
// one send and not the next.
const BudgetShare = 0.9

// Spacing is the time between two sends to a robot that takes perMinute
// messages a minute: 60 s / (BudgetShare·perMinute). For 20 a minute it is
// 3.33 s, so at most 18 sends fall in any 60 s window.
func Spacing(perMinute float64) time.Duration {
	return time.Duration(float64(time.Minute) / (BudgetShare * perMinute))
}

// NewLimiter returns a Limiter for perMinute messages a minute, evenly
// spaced (Spacing); perMinute <= 0 returns a Limiter that never waits.
// Senders configured from Go share one Limiter per robot by sharing the
// value.
func NewLimiter(perMinute float64) Limiter {
	if perMinute <= 0 {
		return unlimited{}
	}
	return &rateLimiter{l: rate.NewLimiter(perSecond(perMinute), 1)}
}

func perSecond(perMinute float64) rate.Limit { return rate.Every(Spacing(perMinute)) }

type unlimited struct{}

// Wait returns at once.
func (unlimited) Wait(context.Context) error { return nil }

type rateLimiter struct {
	l *rate.Limiter

	mu     sync.Mutex
	paused time.Time // no send before it
	why    string
}

// Pause stops sends until until.
func (r *rateLimiter) Pause(_ context.Context, until time.Time, why string) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if until.After(r.paused) {
		r.paused, r.why = until, why
	}
	return nil
}

// checkPause fails while the robot is paused, with the pause's end as
// RetryAfter.
func (r *rateLimiter) checkPause() error {
	r.mu.Lock()
	paused, why := time.Until(r.paused), r.why
	r.mu.Unlock()
	if paused > 0 {
		return &Error{Retryable: true, RetryAfter: paused, Err: fmt.Errorf("%w: the robot is paused for %s: %s", ErrRateLimited, paused.Round(time.Second), why)}
	}
	return nil
}

// Wait reserves the next slot and waits for it, or gives it back and fails
// when ctx ends first. While the robot is paused it fails at once, with
// the pause's end as RetryAfter.
func (r *rateLimiter) Wait(ctx context.Context) error {
	if err := r.checkPause(); err != nil {
		return err
	}
	res := r.l.Reserve()
	delay := res.Delay()
	if delay == 0 {
		return nil
	}
	if deadline, ok := ctx.Deadline(); ok && time.Until(deadline) < delay {
		res.Cancel()
		return &Error{Retryable: true, RetryAfter: delay,
			Err: fmt.Errorf("%w: next slot in %s, after the send's deadline", ErrRateLimited, delay.Round(time.Millisecond))}
	}
	t := time.NewTimer(delay)
	defer t.Stop()
	select {
	case <-t.C:
		return r.checkPause() // a throttle may have paused the robot meanwhile
	case <-ctx.Done():
		res.Cancel()
		return &Error{Retryable: true, Err: fmt.Errorf("%w: waiting for the next slot: %w", ErrRateLimited, context.Cause(ctx))}
	}
}

// limiterSet holds a Registry's limiters, one per robot: its own, or the
// source's.
type limiterSet struct {
	mu     sync.Mutex
	m      map[string]*rateLimiter
	source LimiterSource
	shared map[string]sharedLimiter
}

type sharedLimiter struct {
	l         Limiter
	perMinute float64
}

// get returns the limiter of the robot (typeName, identity), creating it,
// or updating its rate when the configuration changed.
func (s *limiterSet) get(typeName, identity string, perMinute float64) Limiter {
	sum := sha256.Sum256([]byte(identity))
	key := typeName + ":" + hex.EncodeToString(sum[:])
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.source != nil {
		if sl, ok := s.shared[key]; ok && sl.perMinute == perMinute {
			return sl.l
		}
		if s.shared == nil {
			s.shared = make(map[string]sharedLimiter)
		}
		l := s.source(key, perMinute)
		s.shared[key] = sharedLimiter{l, perMinute}
		return l
	}
	l, ok := s.m[key]
	if !ok {
		if s.m == nil {
			s.m = make(map[string]*rateLimiter)
		}
		l = &rateLimiter{l: rate.NewLimiter(perSecond(perMinute), 1)}
		s.m[key] = l
	} else if l.l.Limit() != perSecond(perMinute) {
		l.l.SetLimit(perSecond(perMinute))
	}
	return l
}
