package channel

import (
	"net/http"
	"time"
)

// RegistryOption configures a Registry.
type RegistryOption func(*Registry)

// WithHTTPClient makes the senders share c's transport (connection pool,
// proxy, TLS settings), redirect policy and cookie jar. Its Timeout is not
// used: each channel gets its own (detail "timeout").
func WithHTTPClient(c *http.Client) RegistryOption {
	return func(r *Registry) {
		if c != nil {
			r.client = c
		}
	}
}

// WithClock sets the clock signatures are computed from (tests).
func WithClock(now func() time.Time) RegistryOption {
	return func(r *Registry) {
		if now != nil {
			r.clock = now
		}
	}
}

// WithDefaultTimeout sets the timeout of a send for channels without a
// "timeout" detail (default DefaultTimeout).
func WithDefaultTimeout(d time.Duration) RegistryOption {
	return func(r *Registry) {
		if d > 0 {
			r.timeout = d
		}
	}
}

// WithoutRateLimit turns the client-side rate limiters off (benchmarks, or a
// host that paces sends itself).
func WithoutRateLimit() RegistryOption {
	return func(r *Registry) { r.limiters = nil }
}

// WithLimiterSource makes the Registry take each robot's Limiter from src
// (see LimiterSource) instead of keeping its own in the process.
func WithLimiterSource(src LimiterSource) RegistryOption {
	return func(r *Registry) {
		if r.limiters != nil {
			r.limiters.source = src
		}
	}
}
