package dingtalk

import (
	"context"
	"errors"
	"net/url"

	"github.com/yujing-go/yujing/channel"
	"github.com/yujing-go/yujing/channel/internal/factory"
	"github.com/yujing-go/yujing/channel/internal/robot"
)

// Sender sends messages to one DingTalk custom robot.
type Sender struct {
	robot    robot.Client // URL without timestamp and sign
	secret   string
	keywords []string
	mentions channel.Mentions
}

// New is the channel.Factory of type channel.TypeDingTalk.
func New(cfg channel.Config) (channel.Sender, error) {
	return factory.New(cfg, ConfigFrom, NewSender)
}

// NewSender returns a Sender for c.
func NewSender(c Config) (*Sender, error) {
	if c.AccessToken == "" {
		return nil, errors.New("dingtalk: empty access token")
	}
	return &Sender{
		robot:    protocol.New(c.common(), "/robot/send?access_token="+url.QueryEscape(c.AccessToken), c.AccessToken, c.Secret),
		secret:   c.Secret,
		keywords: c.Keywords,
		mentions: c.Mentions,
	}, nil
}

// Send posts msg to the robot.
func (s *Sender) Send(ctx context.Context, msg channel.Message) error {
	return s.robot.Post(ctx, msg, s.request)
}

// request is the POST of msg, signed in its query when a secret is set.
func (s *Sender) request(msg channel.Message) (robot.Request, error) {
	body, err := s.body(msg)
	if err != nil || s.secret == "" {
		return robot.Request{URL: s.robot.URL, Body: body}, err
	}
	ts, sign := Sign(s.secret, s.robot.Clock())
	return robot.Request{URL: s.robot.URL + "&timestamp=" + ts + "&sign=" + url.QueryEscape(sign), Body: body, Sign: sign}, nil
}
