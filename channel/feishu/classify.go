package feishu

import (
	"encoding/json"

	"github.com/yujing-go/yujing/channel/internal/robot"
)

// protocol is Feishu's bot service: its answer is {"code":0,"msg":"success"}
// (older deployments: {"StatusCode":0,"StatusMessage":"success"}), and
// Codes its table of non-zero codes.
var protocol = robot.Protocol{
	Type:       "feishu",
	Credential: "token",
	BaseURL:    DefaultBaseURL,
	RateLimit:  DefaultRateLimit,
	Read:       read,
	MsgField:   "msg",
	Codes: map[int]robot.Verdict{
		19021: {Meaning: "sign mismatch or timestamp not within one hour: check the secret and this host's clock (the timestamp comes from it)"},
		19022: {Meaning: "this host's IP address is not allowed"},
		19024: {Meaning: "the message holds none of the bot's keywords"},
		9499:  {Meaning: "bad request"},
		19001: {Meaning: "invalid token"},
		11232: {Retryable: true, Meaning: "frequency limited (100 a minute, 5 a second per bot)"},
	},
	Unknown: "unknown code",
}

// read reads Feishu's answer in either form.
func read(body []byte) (code int, msg string, ok bool) {
	var r struct {
		Code          *int   `json:"code"`
		Msg           string `json:"msg"`
		StatusCode    *int   `json:"StatusCode"`
		StatusMessage string `json:"StatusMessage"`
	}
	if json.Unmarshal(body, &r) != nil {
		return 0, "", false
	}
	if r.Code == nil {
		r.Code, r.Msg = r.StatusCode, r.StatusMessage
	}
	if r.Code == nil {
		return 0, "", false
	}
	return *r.Code, r.Msg, true
}
