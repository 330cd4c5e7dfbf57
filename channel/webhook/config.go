package webhook

import (
	"net/http"
	"strings"
	"time"

	"github.com/yujing-go/yujing/channel"
)

// Header names the sender sets.
const (
	HeaderIdempotencyKey = "Idempotency-Key"
	HeaderTimestamp      = "X-Yujing-Timestamp"
	HeaderSignature      = "X-Yujing-Signature"
)

// reserved reports whether a "header.<Name>" detail may not set the header
// with canonical name h.
func reserved(h string) bool {
	switch h {
	case "Content-Type", "Content-Length", "Host", "Transfer-Encoding", "Connection", "Te", "Trailer", "Upgrade",
		HeaderIdempotencyKey, HeaderTimestamp, HeaderSignature:
		return true
	}
	return false
}

// Config configures a Sender.
type Config struct {
	// Channel names the channel in errors and in the payload.
	Channel string
	// URL is the endpoint (secret: it may hold a token).
	URL string
	// Secret is the HMAC key of the signature header; empty: unsigned.
	Secret string
	// Header holds custom headers (their values are treated as secrets).
	Header http.Header
	// Language chooses the payload's title and text.
	Language channel.Language
	// HTTPClient sends the requests; nil means a client with a 10 s timeout.
	HTTPClient *http.Client
	// Limiter paces the sends; nil means no client-side limit.
	Limiter channel.Limiter
	// Clock gives the timestamp; nil means time.Now.
	Clock func() time.Time
}

// ConfigFrom reads a Config from a channel's details (see the package
// documentation for the keys).
func ConfigFrom(cfg channel.Config) (Config, error) {
	u, err := cfg.URL("url", "")
	if err != nil {
		return Config{}, err
	}
	if u == "" {
		return Config{}, cfg.Errorf("url", "missing")
	}
	header := make(http.Header)
	for name, value := range cfg.Prefixed("header.") {
		canonical := http.CanonicalHeaderKey(name)
		switch {
		case !validName(name):
			return Config{}, cfg.Errorf("header."+name, "not a valid header name")
		case reserved(canonical):
			return Config{}, cfg.Errorf("header."+name, "the sender sets this header itself")
		case strings.ContainsAny(value, "\r\n\x00"):
			return Config{}, cfg.Errorf("header."+name, "a header value cannot hold a line break")
		}
		header.Set(canonical, value)
	}
	return Config{
		Channel:    cfg.Channel(),
		URL:        u,
		Secret:     cfg.String("secret", ""),
		Header:     header,
		Language:   cfg.Language(),
		HTTPClient: cfg.HTTPClient(),
		Limiter:    cfg.Limiter(u, 0),
		Clock:      cfg.Clock(),
	}, nil
}

// validName reports whether s is an HTTP header name (an RFC 9110 token).
func validName(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range []byte(s) {
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		case strings.IndexByte("!#$%&'*+-.^_`|~", c) >= 0:
		default:
			return false
		}
	}
	return true
}
