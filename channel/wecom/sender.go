package wecom

import (
	"context"
	"encoding/json"
	"errors"
	"net/url"
	"strings"

	"github.com/yujing-go/yujing/channel"
	"github.com/yujing-go/yujing/channel/internal/httpsend"
)

// Sender sends messages to one WeCom group robot.
type Sender struct {
	cfg  Config
	url  string
	fail httpsend.Failer
}

// New is the channel.Factory of type channel.TypeWeCom.
func New(cfg channel.Config) (channel.Sender, error) {
	c, err := ConfigFrom(cfg)
	if err != nil {
		return nil, err
	}
	return NewSender(c)
}

// NewSender returns a Sender for c.
func NewSender(c Config) (*Sender, error) {
	if c.Key == "" {
		return nil, errors.New("wecom: empty key")
	}
	if c.BaseURL == "" {
		c.BaseURL = DefaultBaseURL
	}
	httpsend.Defaults(&c.HTTPClient, &c.Limiter, &c.Clock)
	u := strings.TrimSuffix(c.BaseURL, "/") + "/cgi-bin/webhook/send?key=" + url.QueryEscape(c.Key)
	return &Sender{
		cfg:  c,
		url:  u,
		fail: httpsend.Failer{Channel: c.Channel, Type: "wecom", Secrets: []string{u, c.Key}},
	}, nil
}

// Send posts msg to the robot.
func (s *Sender) Send(ctx context.Context, msg channel.Message) error {
	if err := s.cfg.Limiter.Wait(ctx); err != nil {
		return s.fail.Transport(err)
	}
	body, err := httpsend.Marshal(s.payload(msg))
	if err != nil {
		return s.fail.Fail("", false, 0, "encode: "+err.Error())
	}
	resp, err := httpsend.PostJSON(ctx, s.cfg.HTTPClient, s.url, body, nil)
	if err != nil {
		return s.fail.Transport(err)
	}
	var r response
	jsonErr := json.Unmarshal(resp.Body, &r)
	if !resp.OK() && (jsonErr != nil || r.ErrCode == nil || *r.ErrCode == 0) {
		return s.fail.Status(resp, s.cfg.Clock())
	}
	if jsonErr != nil || r.ErrCode == nil {
		return s.fail.Unexpected(resp)
	}
	if *r.ErrCode != 0 {
		return s.classify(*r.ErrCode, r.ErrMsg)
	}
	return nil
}

type response struct {
	ErrCode *int   `json:"errcode"`
	ErrMsg  string `json:"errmsg"`
}
