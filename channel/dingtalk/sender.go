package dingtalk

import (
	"context"
	"encoding/json"
	"errors"
	"net/url"
	"strings"

	"github.com/yujing-go/yujing/channel"
	"github.com/yujing-go/yujing/channel/internal/httpsend"
)

// Sender sends messages to one DingTalk custom robot.
type Sender struct {
	cfg  Config
	url  string // without timestamp and sign
	fail httpsend.Failer
}

// New is the channel.Factory of type channel.TypeDingTalk.
func New(cfg channel.Config) (channel.Sender, error) {
	c, err := ConfigFrom(cfg)
	if err != nil {
		return nil, err
	}
	return NewSender(c)
}

// NewSender returns a Sender for c.
func NewSender(c Config) (*Sender, error) {
	if c.AccessToken == "" {
		return nil, errors.New("dingtalk: empty access token")
	}
	if c.BaseURL == "" {
		c.BaseURL = DefaultBaseURL
	}
	httpsend.Defaults(&c.HTTPClient, &c.Limiter, &c.Clock)
	u := strings.TrimSuffix(c.BaseURL, "/") + "/robot/send?access_token=" + url.QueryEscape(c.AccessToken)
	return &Sender{
		cfg:  c,
		url:  u,
		fail: httpsend.Failer{Channel: c.Channel, Type: "dingtalk", Secrets: []string{u, c.AccessToken, c.Secret}},
	}, nil
}

// Send posts msg to the robot.
func (s *Sender) Send(ctx context.Context, msg channel.Message) error {
	if err := s.cfg.Limiter.Wait(ctx); err != nil {
		return s.fail.Transport(err)
	}
	body, err := s.body(msg)
	if err != nil {
		return s.fail.Fail("", false, 0, "encode: "+err.Error())
	}
	u, sign := s.url, ""
	if s.cfg.Secret != "" {
		var ts string
		ts, sign = Sign(s.cfg.Secret, s.cfg.Clock())
		u += "&timestamp=" + ts + "&sign=" + url.QueryEscape(sign)
	}
	resp, err := httpsend.PostJSON(ctx, s.cfg.HTTPClient, u, body, nil)
	if err != nil {
		return s.fail.Transport(err, u, sign)
	}
	var r struct {
		ErrCode *int   `json:"errcode"`
		ErrMsg  string `json:"errmsg"`
	}
	jsonErr := json.Unmarshal(resp.Body, &r)
	if !resp.OK() && (jsonErr != nil || r.ErrCode == nil || *r.ErrCode == 0) {
		return s.fail.Status(resp, s.cfg.Clock(), sign)
	}
	if jsonErr != nil || r.ErrCode == nil {
		return s.fail.Unexpected(resp, sign)
	}
	if *r.ErrCode != 0 {
		return s.classify(*r.ErrCode, r.ErrMsg, sign)
	}
	return nil
}
