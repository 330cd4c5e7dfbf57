package dingtalk

import (
	"strings"
	"time"

	"github.com/yujing-go/yujing/channel/internal/robot"
)

// Throttle is how long DingTalk refuses a robot's messages after it sent
// more than 20 in a minute.
const Throttle = 10 * time.Minute

// Verdicts shared by several errcodes.
var (
	throttled  = robot.Verdict{Retryable: true, After: Throttle, Meaning: "sending too fast: the robot is throttled for 10 minutes"}
	noToken    = robot.Verdict{Meaning: "access_token does not exist"}
	noRobot    = robot.Verdict{Meaning: "robot missing or group dissolved"}
	moderation = robot.Verdict{Meaning: "content moderation rejected the message"}
)

// protocol is DingTalk's robot service: its answer is
// {"errcode":0,"errmsg":"ok"}, and Codes its table of non-zero errcodes.
var protocol = robot.Protocol{
	Type:       "dingtalk",
	Credential: "access_token",
	BaseURL:    DefaultBaseURL,
	RateLimit:  DefaultRateLimit,
	Read:       robot.ReadErrcode,
	MsgField:   "errmsg",
	Codes: map[int]robot.Verdict{
		310000: {Meaning: "security check failed", Hint: securityHint},
		130101: throttled, 410100: throttled,
		-1:     {Retryable: true, Meaning: "system busy"},
		300001: noToken, 300005: noToken, 400101: noToken,
		400102: {Meaning: "robot disabled"},
		400106: noRobot, 400013: noRobot,
		400105: {Meaning: "unsupported msgtype"},
		430101: moderation, 430102: moderation, 430103: moderation, 430104: moderation,
		460101: {Meaning: "message too long"},
	},
	Unknown: "unknown errcode",
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
