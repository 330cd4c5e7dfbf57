package feishu

import (
	"context"
	"encoding/json"
	"errors"
	"net/url"
	"strings"

	"github.com/yujing-go/yujing/channel"
	"github.com/yujing-go/yujing/channel/internal/httpsend"
)

// Sender sends messages to one Feishu or Lark custom bot.
type Sender struct {
	cfg  Config
	url  string
	fail httpsend.Failer
}

// New is the channel.Factory of type channel.TypeFeishu.
func New(cfg channel.Config) (channel.Sender, error) {
	c, err := ConfigFrom(cfg)
	if err != nil {
		return nil, err
	}
	return NewSender(c)
}

// NewSender returns a Sender for c.
func NewSender(c Config) (*Sender, error) {
	if c.Token == "" {
		return nil, errors.New("feishu: empty token")
	}
	if c.BaseURL == "" {
		c.BaseURL = DefaultBaseURL
	}
	if c.CardTemplate == "" {
		c.CardTemplate = DefaultCardTemplate
	}
	httpsend.Defaults(&c.HTTPClient, &c.Limiter, &c.Clock)
	u := strings.TrimSuffix(c.BaseURL, "/") + "/open-apis/bot/v2/hook/" + url.PathEscape(c.Token)
	return &Sender{
		cfg:  c,
		url:  u,
		fail: httpsend.Failer{Channel: c.Channel, Type: "feishu", Secrets: []string{u, c.Token, c.Secret}},
	}, nil
}

// Send posts msg to the bot.
func (s *Sender) Send(ctx context.Context, msg channel.Message) error {
	if err := s.cfg.Limiter.Wait(ctx); err != nil {
		return s.fail.Transport(err)
	}
	var ts, sign string
	if s.cfg.Secret != "" {
		ts, sign = Sign(s.cfg.Secret, s.cfg.Clock())
	}
	body, err := s.body(msg, ts, sign)
	if err != nil {
		return s.fail.Fail("", false, 0, "encode: "+err.Error())
	}
	resp, err := httpsend.PostJSON(ctx, s.cfg.HTTPClient, s.url, body, nil)
	if err != nil {
		return s.fail.Transport(err, sign)
	}
	var r struct {
		Code          *int   `json:"code"`
		Msg           string `json:"msg"`
		StatusCode    *int   `json:"StatusCode"`
		StatusMessage string `json:"StatusMessage"`
	}
	jsonErr := json.Unmarshal(resp.Body, &r)
	code, text := r.Code, r.Msg
	if code == nil {
		code, text = r.StatusCode, r.StatusMessage
	}
	if !resp.OK() && (jsonErr != nil || code == nil || *code == 0) {
		return s.fail.Status(resp, s.cfg.Clock(), sign)
	}
	if jsonErr != nil || code == nil {
		return s.fail.Unexpected(resp, sign)
	}
	if *code != 0 {
		return s.classify(*code, text, sign)
	}
	return nil
}
