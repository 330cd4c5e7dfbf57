package wecom

import (
	"time"

	"github.com/yujing-go/yujing/channel/internal/robot"
)

// rateWindow is how long WeCom throttles a robot that sent too many
// messages in a minute.
const rateWindow = time.Minute

// protocol is WeCom's robot service: its answer is
// {"errcode":0,"errmsg":"ok"}, and Codes its table of non-zero errcodes.
var protocol = robot.Protocol{
	Type:       "wecom",
	Credential: "key",
	BaseURL:    DefaultBaseURL,
	RateLimit:  DefaultRateLimit,
	Read:       robot.ReadErrcode,
	MsgField:   "errmsg",
	Codes: map[int]robot.Verdict{
		-1:    {Retryable: true, Meaning: "system busy"},
		45009: {Retryable: true, After: rateWindow, Meaning: "api freq out of limit (20 messages a minute per robot)"},
		93000: {Meaning: "webhook invalid or robot removed"},
		93004: {Meaning: "robot disabled"},
		93008: {Meaning: "robot not in the group"},
		40008: {Meaning: "invalid msgtype"},
		40058: {Meaning: "bad parameter (content over the size limit?)"},
		44004: {Meaning: "empty content"},
	},
	Unknown: "unknown errcode",
}
