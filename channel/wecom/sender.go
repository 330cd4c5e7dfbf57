package wecom

import (
	"context"
	"errors"
	"net/url"

	"github.com/yujing-go/yujing/channel"
	"github.com/yujing-go/yujing/channel/internal/factory"
	"github.com/yujing-go/yujing/channel/internal/httpsend"
	"github.com/yujing-go/yujing/channel/internal/robot"
)

// Sender sends messages to one WeCom group robot.
type Sender struct {
	robot    robot.Client
	mentions channel.Mentions
}

// New is the channel.Factory of type channel.TypeWeCom.
func New(cfg channel.Config) (channel.Sender, error) {
	return factory.New(cfg, ConfigFrom, NewSender)
}

// NewSender returns a Sender for c.
func NewSender(c Config) (*Sender, error) {
	if c.Key == "" {
		return nil, errors.New("wecom: empty key")
	}
	return &Sender{
		robot:    protocol.New(c.common(), "/cgi-bin/webhook/send?key="+url.QueryEscape(c.Key), c.Key),
		mentions: c.Mentions,
	}, nil
}

// Send posts msg to the robot.
func (s *Sender) Send(ctx context.Context, msg channel.Message) error {
	return s.robot.Post(ctx, msg, s.request)
}

// request is the POST of msg.
func (s *Sender) request(msg channel.Message) (robot.Request, error) {
	body, err := httpsend.Marshal(s.payload(msg))
	return robot.Request{URL: s.robot.URL, Body: body}, err
}
