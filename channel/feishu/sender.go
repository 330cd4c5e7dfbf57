package feishu

import (
	"context"
	"errors"
	"net/url"

	"github.com/yujing-go/yujing/channel"
	"github.com/yujing-go/yujing/channel/internal/factory"
	"github.com/yujing-go/yujing/channel/internal/robot"
)

// Sender sends messages to one Feishu or Lark custom bot.
type Sender struct {
	robot        robot.Client
	secret       string
	cardTemplate string
	mentions     channel.Mentions
}

// New is the channel.Factory of type channel.TypeFeishu.
func New(cfg channel.Config) (channel.Sender, error) {
	return factory.New(cfg, ConfigFrom, NewSender)
}

// NewSender returns a Sender for c.
func NewSender(c Config) (*Sender, error) {
	if c.Token == "" {
		return nil, errors.New("feishu: empty token")
	}
	if c.CardTemplate == "" {
		c.CardTemplate = DefaultCardTemplate
	}
	return &Sender{
		robot:        protocol.New(c.common(), "/open-apis/bot/v2/hook/"+url.PathEscape(c.Token), c.Token, c.Secret),
		secret:       c.Secret,
		cardTemplate: c.CardTemplate,
		mentions:     c.Mentions,
	}, nil
}

// Send posts msg to the bot.
func (s *Sender) Send(ctx context.Context, msg channel.Message) error {
	return s.robot.Post(ctx, msg, s.request)
}

// request is the POST of msg, signed in its body when a secret is set.
func (s *Sender) request(msg channel.Message) (robot.Request, error) {
	var ts, sign string
	if s.secret != "" {
		ts, sign = Sign(s.secret, s.robot.Clock())
	}
	body, err := s.body(msg, ts, sign)
	return robot.Request{URL: s.robot.URL, Body: body, Sign: sign}, err
}
