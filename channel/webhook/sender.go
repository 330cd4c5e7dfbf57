package webhook

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"net/http"
	"strconv"

	"github.com/yujing-go/yujing/channel"
	"github.com/yujing-go/yujing/channel/internal/factory"
	"github.com/yujing-go/yujing/channel/internal/httpsend"
)

// minSecretLen is the length from which a custom header's value is scrubbed
// from errors: shorter values ("1", "prod") are not credentials, and
// scrubbing them would garble the messages.
const minSecretLen = 6

// Sender posts alerts to one endpoint.
type Sender struct {
	cfg  Config
	fail httpsend.Failer
}

// New is the channel.Factory of type channel.TypeWebhook.
func New(cfg channel.Config) (channel.Sender, error) {
	return factory.New(cfg, ConfigFrom, NewSender)
}

// NewSender returns a Sender for c.
func NewSender(c Config) (*Sender, error) {
	if c.URL == "" {
		return nil, errors.New("webhook: empty URL")
	}
	httpsend.Defaults(&c.HTTPClient, &c.Limiter, &c.Clock)
	c.Header = c.Header.Clone()
	secrets := append(httpsend.URLSecrets(c.URL), c.Secret)
	for _, values := range c.Header {
		for _, v := range values {
			if len(v) >= minSecretLen {
				secrets = append(secrets, v)
			}
		}
	}
	return &Sender{cfg: c, fail: httpsend.Failer{Channel: c.Channel, Type: "webhook", Secrets: secrets}}, nil
}

// Send posts msg's Payload.
func (s *Sender) Send(ctx context.Context, msg channel.Message) error {
	if err := s.cfg.Limiter.Wait(ctx); err != nil {
		return s.fail.Transport(err)
	}
	body, err := httpsend.Marshal(NewPayload(s.cfg.Channel, s.cfg.Language, msg))
	if err != nil {
		return s.fail.Fail("", false, 0, "encode: "+err.Error())
	}
	h := make(http.Header, len(s.cfg.Header)+3)
	for k, v := range s.cfg.Header {
		h[k] = v
	}
	if msg.ID != "" {
		h.Set(HeaderIdempotencyKey, msg.ID)
	}
	ts := strconv.FormatInt(s.cfg.Clock().Unix(), 10)
	h.Set(HeaderTimestamp, ts)
	var sig string
	if s.cfg.Secret != "" {
		sig = Signature(s.cfg.Secret, ts, body)
		h.Set(HeaderSignature, sig)
	}
	resp, err := httpsend.PostJSON(ctx, s.cfg.HTTPClient, s.cfg.URL, body, h)
	if err != nil {
		return s.fail.Transport(err, sig)
	}
	if !resp.OK() {
		return s.fail.Status(resp, s.cfg.Clock(), sig)
	}
	return nil
}

// Signature returns the X-Yujing-Signature of body sent at timestamp ts
// (Unix seconds): "sha256=" + hex(HMAC-SHA256(key=secret, msg=ts+"."+body)).
func Signature(secret, ts string, body []byte) string {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte(ts))
	mac.Write([]byte("."))
	mac.Write(body)
	return "sha256=" + hex.EncodeToString(mac.Sum(nil))
}
