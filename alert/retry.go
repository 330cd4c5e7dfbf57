package alert

import (
	"math/rand/v2"
	"time"

	"github.com/yujing-go/yujing/store"
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

// retryPolicy is the one retry policy of records (rule_retry_time,
// send_retry_time), pending alerts (retry_times) and reports (retry_time).
// Each counter holds the retries left, the seed's default 2: a failed
// attempt that finds one left uses it and waits for the next attempt; one
// that finds none is final. A row is so tried at most three times, and its
// counter reads 1, 0 and 0 after the three failures.
type retryPolicy struct {
	delay func(failures int) time.Duration // Backoff.Delay
}

// afterFailure returns the retries left after a failed attempt of a row
// that had left, and when the next attempt runs: the backoff after that
// many failures, or wait (a service's Retry-After) when longer. A zero time
// means the failure is final.
func (p retryPolicy) afterFailure(now time.Time, left int, wait time.Duration) (int, time.Time) {
	if left <= 0 {
		return 0, time.Time{}
	}
	left--
	return left, now.Add(max(p.delay(store.DefaultRetries-left), wait))
}
