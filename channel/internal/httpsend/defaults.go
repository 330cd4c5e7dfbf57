package httpsend

import (
	"net/http"
	"time"

	"github.com/yujing-go/yujing/channel"
)

// Defaults fills the parts of a sender's Config left nil: an HTTP client
// with the default timeout, no client-side rate limit, the real clock.
// clock may be nil for a sender without one.
func Defaults(client **http.Client, limiter *channel.Limiter, clock *func() time.Time) {
	if *client == nil {
		*client = &http.Client{Timeout: channel.DefaultTimeout}
	}
	if *limiter == nil {
		*limiter = channel.NewLimiter(0)
	}
	if clock != nil && *clock == nil {
		*clock = time.Now
	}
}
