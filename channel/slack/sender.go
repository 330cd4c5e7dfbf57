package slack

import (
	"context"
	"errors"
	"net/http"
	"strings"

	"github.com/slack-go/slack"

	"github.com/yujing-go/yujing/channel"
	"github.com/yujing-go/yujing/channel/internal/factory"
	"github.com/yujing-go/yujing/channel/internal/httpsend"
)

// Sender posts messages to one Slack webhook or channel.
type Sender struct {
	cfg    Config
	client *http.Client  // cfg.HTTPClient with bounded response bodies
	api    *slack.Client // nil for a webhook
	fail   httpsend.Failer
}

// New is the channel.Factory of type channel.TypeSlack.
func New(cfg channel.Config) (channel.Sender, error) {
	return factory.New(cfg, ConfigFrom, NewSender)
}

// NewSender returns a Sender for c.
func NewSender(c Config) (*Sender, error) {
	switch {
	case (c.WebhookURL == "") == (c.Token == ""):
		return nil, errors.New("slack: set WebhookURL or Token")
	case c.Token != "" && c.ChannelID == "":
		return nil, errors.New("slack: Token without ChannelID")
	}
	if c.BaseURL == "" {
		c.BaseURL = DefaultBaseURL
	}
	httpsend.Defaults(&c.HTTPClient, &c.Limiter, nil)
	client := limitBodies(c.HTTPClient)
	s := &Sender{
		cfg:    c,
		client: client,
		fail:   httpsend.Failer{Channel: c.Channel, Type: "slack", Secrets: []string{c.Token}},
	}
	if c.WebhookURL != "" {
		s.fail.Secrets = append(s.fail.Secrets, httpsend.URLSecrets(c.WebhookURL)...)
	} else {
		s.api = slack.New(c.Token, slack.OptionHTTPClient(client), slack.OptionAPIURL(strings.TrimSuffix(c.BaseURL, "/")+"/"))
	}
	return s, nil
}

// Send posts msg.
func (s *Sender) Send(ctx context.Context, msg channel.Message) error {
	if err := s.cfg.Limiter.Wait(ctx); err != nil {
		return s.fail.Transport(err)
	}
	text, blocks := s.render(msg)
	var err error
	if s.api == nil {
		wm := &slack.WebhookMessage{Text: text}
		if len(blocks) > 0 {
			wm.Blocks = &slack.Blocks{BlockSet: blocks}
		}
		err = slack.PostWebhookCustomHTTPContext(ctx, s.cfg.WebhookURL, s.client, wm)
	} else {
		opts := []slack.MsgOption{slack.MsgOptionText(text, false)}
		if len(blocks) > 0 {
			opts = append(opts, slack.MsgOptionBlocks(blocks...))
		}
		_, _, err = s.api.PostMessageContext(ctx, s.cfg.ChannelID, opts...)
	}
	if err != nil {
		return s.classify(err)
	}
	return nil
}
