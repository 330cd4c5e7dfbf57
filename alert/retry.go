package alert

import (
	"math/rand/v2"
	"time"
)

// Backoff says how long a failed row waits before its next attempt.
type Backoff struct {
	Base time.Duration // the wait after the first failure
	Max  time.Duration // the longest wait
}

// Delay returns the wait before attempt n+1 after n failures (n ≥ 1):
// Base·2^(n-1), at most Max, with "equal jitter" (a random point in its
// upper half) so that replicas that failed together do not retry together.
func (b Backoff) Delay(n int) time.Duration {
	d := b.Base
	for i := 1; i < n && d < b.Max; i++ {
		d *= 2
	}
	d = min(d, b.Max)
	if d <= 0 {
		return 0
	}
	half := d / 2
	return half + rand.N(half+1)
}
