package wecom

import (
	"strconv"
	"time"

	"github.com/yujing-go/yujing/channel/internal/httpsend"
)

// rateWindow is how long WeCom throttles a robot that sent too many
// messages in a minute.
const rateWindow = time.Minute

// classify turns a non-zero errcode into a *channel.Error.
func (s *Sender) classify(code int, errmsg string) error {
	var (
		retryable bool
		after     time.Duration
		meaning   string
	)
	switch code {
	case -1:
		retryable, meaning = true, "system busy"
	case 45009:
		retryable, after, meaning = true, rateWindow, "api freq out of limit (20 messages a minute per robot)"
	case 93000:
		meaning = "webhook invalid or robot removed"
	case 93004:
		meaning = "robot disabled"
	case 93008:
		meaning = "robot not in the group"
	case 40008:
		meaning = "invalid msgtype"
	case 40058:
		meaning = "bad parameter (content over the size limit?)"
	case 44004:
		meaning = "empty content"
	default:
		meaning = "unknown errcode"
	}
	return s.fail.Fail(strconv.Itoa(code), retryable, after, meaning+": errmsg "+httpsend.Quote(errmsg))
}
