package feishu

import (
	"strconv"
	"time"

	"github.com/yujing-go/yujing/channel/internal/httpsend"
)

// classify turns a non-zero code into a *channel.Error.
func (s *Sender) classify(code int, msg, sign string) error {
	var (
		retryable bool
		after     time.Duration
		meaning   string
	)
	switch code {
	case 19021:
		meaning = "sign mismatch or timestamp not within one hour: check the secret and this host's clock (the timestamp comes from it)"
	case 19022:
		meaning = "this host's IP address is not allowed"
	case 19024:
		meaning = "the message holds none of the bot's keywords"
	case 9499:
		meaning = "bad request"
	case 19001:
		meaning = "invalid token"
	case 11232:
		retryable, meaning = true, "frequency limited (100 a minute, 5 a second per bot)"
	default:
		meaning = "unknown code"
	}
	return s.fail.Fail(strconv.Itoa(code), retryable, after, meaning+": msg "+httpsend.Quote(msg), sign)
}
