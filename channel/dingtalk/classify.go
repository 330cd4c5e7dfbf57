package dingtalk

import (
	"strconv"
	"strings"
	"time"

	"github.com/yujing-go/yujing/channel/internal/httpsend"
)

// Throttle is how long DingTalk refuses a robot's messages after it sent
// more than 20 in a minute.
const Throttle = 10 * time.Minute

// classify turns a non-zero errcode into a *channel.Error.
func (s *Sender) classify(code int, errmsg, sign string) error {
	var (
		retryable bool
		after     time.Duration
		meaning   string
	)
	switch {
	case code == 310000:
		meaning = "security check failed" + securityHint(errmsg)
	case code == 130101 || code == 410100:
		retryable, after, meaning = true, Throttle, "sending too fast: the robot is throttled for 10 minutes"
	case code == -1:
		retryable, meaning = true, "system busy"
	case code == 300001 || code == 300005 || code == 400101:
		meaning = "access_token does not exist"
	case code == 400102:
		meaning = "robot disabled"
	case code == 400106 || code == 400013:
		meaning = "robot missing or group dissolved"
	case code == 400105:
		meaning = "unsupported msgtype"
	case code >= 430101 && code <= 430104:
		meaning = "content moderation rejected the message"
	case code == 460101:
		meaning = "message too long"
	default:
		meaning = "unknown errcode"
	}
	return s.fail.Fail(strconv.Itoa(code), retryable, after, meaning+": errmsg "+httpsend.Quote(errmsg), sign)
}

// securityHint says which of the robot's security settings refused the
// message, from errmsg.
func securityHint(errmsg string) string {
	m := strings.ToLower(errmsg)
	switch {
	case strings.Contains(m, "sign"):
		return " (signature mismatch: check the secret, and that this host's clock is within an hour of DingTalk's: the signature's timestamp comes from it)"
	case strings.Contains(m, "keyword"):
		return " (the message holds none of the robot's keywords: set detail keyword)"
	case strings.Contains(m, "ip"):
		return " (this host's IP address is not in the robot's allow-list)"
	}
	return ""
}
