package email

import (
	"context"
	"crypto/tls"
	"encoding/base64"
	"errors"
	"time"

	"github.com/yujing-go/yujing/channel"
	"github.com/yujing-go/yujing/channel/internal/factory"
)

// Sender sends emails through one SMTP server.
type Sender struct {
	cfg     Config
	tls     *tls.Config
	secrets []string
}

// New is the channel.Factory of type channel.TypeEmail.
func New(cfg channel.Config) (channel.Sender, error) {
	return factory.New(cfg, ConfigFrom, NewSender)
}

// NewSender returns a Sender for c.
func NewSender(c Config) (*Sender, error) {
	switch {
	case c.Host == "":
		return nil, errors.New("email: empty host")
	case c.From == nil:
		return nil, errors.New("email: no sender")
	case len(c.To)+len(c.Cc)+len(c.Bcc) == 0:
		return nil, errors.New("email: no recipient")
	}
	if c.AttachmentMaxBytes < 0 {
		c.AttachmentMaxBytes = DefaultAttachmentMaxBytes
	}
	if c.Timeout <= 0 {
		c.Timeout = channel.DefaultTimeout
	}
	if c.Limiter == nil {
		c.Limiter = channel.NewLimiter(0)
	}
	if c.Clock == nil {
		c.Clock = time.Now
	}
	t := &tls.Config{MinVersion: tls.VersionTLS12}
	if c.TLSConfig != nil {
		t = c.TLSConfig.Clone()
	}
	if t.ServerName == "" {
		t.ServerName = c.host()
	}
	s := &Sender{cfg: c, tls: t}
	if c.Password != "" {
		// The password, and the forms it takes on the wire, in case a
		// server echoes a line of the exchange.
		s.secrets = []string{
			c.Password,
			base64.StdEncoding.EncodeToString([]byte(c.Password)),
			base64.StdEncoding.EncodeToString([]byte("\x00" + c.Username + "\x00" + c.Password)),
		}
	}
	return s, nil
}

// Send emails msg to the configured recipients.
func (s *Sender) Send(ctx context.Context, msg channel.Message) error {
	if err := s.cfg.Limiter.Wait(ctx); err != nil {
		if e, ok := errors.AsType[*channel.Error](err); ok {
			filled := *e
			filled.Channel, filled.Type = s.cfg.Channel, "email"
			return &filled
		}
		return s.fail("", true, err)
	}
	m := s.compose(msg)
	ctx, cancel := context.WithTimeout(ctx, s.cfg.Timeout)
	defer cancel()
	if err := s.deliver(ctx, m); err != nil {
		return s.classify(ctx, err)
	}
	return nil
}
