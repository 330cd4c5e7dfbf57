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

// NewLimiter returns a Limiter for perMinute messages a minute, evenly
// spaced; perMinute <= 0 returns a Limiter that never waits. Senders
// configured from Go share one Limiter per robot by sharing the value.
func NewLimiter(perMinute float64) Limiter {
	if perMinute <= 0 {
		return unlimited{}
	}
	return &rateLimiter{l: rate.NewLimiter(perSecond(perMinute), 1)}
}

func perSecond(perMinute float64) rate.Limit { return rate.Limit(perMinute / 60) }

type unlimited struct{}

// Wait returns at once.
func (unlimited) Wait(context.Context) error { return nil }

type rateLimiter struct{ l *rate.Limiter }

// Wait reserves the next slot and waits for it, or gives it back and fails
// when ctx ends first.
func (r *rateLimiter) Wait(ctx context.Context) error {
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
		return nil
	case <-ctx.Done():
		res.Cancel()
		return &Error{Retryable: true, Err: fmt.Errorf("%w: waiting for the next slot: %w", ErrRateLimited, context.Cause(ctx))}
	}
}

// limiterSet holds a Registry's limiters, one per robot.
type limiterSet struct {
	mu sync.Mutex
	m  map[string]*rateLimiter
}

// get returns the limiter of the robot (typeName, identity), creating it,
// or updating its rate when the configuration changed.
func (s *limiterSet) get(typeName, identity string, perMinute float64) Limiter {
	sum := sha256.Sum256([]byte(identity))
	key := typeName + ":" + hex.EncodeToString(sum[:])
	s.mu.Lock()
	defer s.mu.Unlock()
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
