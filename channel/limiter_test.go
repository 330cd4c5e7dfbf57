package channel_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/yujing-go/yujing/channel"
)

func TestLimiterSharedPerRobot(t *testing.T) {
	r := channel.NewRegistry()
	var cfg channel.Config
	if err := r.Register(7, "robot", capture(&cfg)); err != nil {
		t.Fatal(err)
	}
	build := func(details map[string]string) channel.Config {
		t.Helper()
		if _, err := r.Build(channel.Spec{No: "CH", Type: 7, Details: details}); err != nil {
			t.Fatal(err)
		}
		return cfg
	}
	a := build(nil).Limiter("key-A", 1)
	a2 := build(map[string]string{"lang": "zh"}).Limiter("key-A", 1) // rebuilt, another channel row
	b := build(nil).Limiter("key-B", 1)
	if a != a2 {
		t.Error("two senders of one robot got different limiters")
	}
	if a == b {
		t.Error("two robots share a limiter")
	}

	ctx := context.Background()
	if err := a.Wait(ctx); err != nil {
		t.Fatal(err)
	}
	// One message a minute: the robot's next slot is a minute away, past the
	// deadline, so the second send fails at once, retryable, with the wait.
	short, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	err := a2.Wait(short)
	e, ok := errors.AsType[*channel.Error](err)
	if !ok || !e.Retryable || e.RetryAfter < 50*time.Second || !errors.Is(err, channel.ErrRateLimited) {
		t.Fatalf("second send: %v (%+v), want retryable with RetryAfter about a minute", err, e)
	}
	// The other robot is not held up.
	if err := b.Wait(short); err != nil {
		t.Errorf("other robot: %v", err)
	}
	// A canceled context ends the wait too.
	canceled, stop := context.WithCancel(ctx)
	stop()
	if err := a.Wait(canceled); !channel.IsRetryable(err) {
		t.Errorf("canceled wait: %v", err)
	}
}

func TestLimiterOff(t *testing.T) {
	for name, tc := range map[string]struct {
		opts    []channel.RegistryOption
		details map[string]string
		def     float64
	}{
		"WithoutRateLimit": {[]channel.RegistryOption{channel.WithoutRateLimit()}, nil, 1},
		"rate_limit=0":     {nil, map[string]string{"rate_limit": "0"}, 1},
		"default 0":        {nil, nil, 0},
	} {
		t.Run(name, func(t *testing.T) {
			r := channel.NewRegistry(tc.opts...)
			var cfg channel.Config
			_ = r.Register(7, "robot", capture(&cfg))
			if _, err := r.Build(channel.Spec{No: "CH", Type: 7, Details: tc.details}); err != nil {
				t.Fatal(err)
			}
			l := cfg.Limiter("key", tc.def)
			ctx, cancel := context.WithTimeout(context.Background(), time.Second)
			defer cancel()
			for range 100 {
				if err := l.Wait(ctx); err != nil {
					t.Fatal(err)
				}
			}
		})
	}
}

func TestLimiterConcurrent(t *testing.T) {
	// 100 goroutines share one robot's limiter of one message a minute:
	// exactly one gets through before the deadline.
	r := channel.NewRegistry()
	var cfg channel.Config
	_ = r.Register(7, "robot", capture(&cfg))
	if _, err := r.Build(channel.Spec{No: "CH", Type: 7, Details: map[string]string{"rate_limit": "1"}}); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	var (
		wg     sync.WaitGroup
		mu     sync.Mutex
		passed int
	)
	for range 100 {
		wg.Go(func() {
			l := cfg.Limiter("key", 20) // rate_limit overrides the default
			if err := l.Wait(ctx); err == nil {
				mu.Lock()
				passed++
				mu.Unlock()
			} else if !channel.IsRetryable(err) {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if passed != 1 {
		t.Errorf("%d sends passed, want 1", passed)
	}
}

func TestNewLimiter(t *testing.T) {
	l := channel.NewLimiter(1)
	if err := l.Wait(context.Background()); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	if err := l.Wait(ctx); channel.RetryAfter(err) < 50*time.Second {
		t.Errorf("second wait: %v", err)
	}
	if err := channel.NewLimiter(0).Wait(ctx); err != nil {
		t.Errorf("unlimited: %v", err)
	}
}
