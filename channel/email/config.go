package email

import (
	"crypto/tls"
	"fmt"
	"net"
	"net/mail"
	"strconv"
	"strings"
	"time"

	"github.com/yujing-go/yujing/channel"
)

// TLSMode says how the connection to the server is protected.
type TLSMode int

// TLS modes.
const (
	// TLSAuto is TLSImplicit on port 465 and TLSStartTLS on any other port.
	TLSAuto TLSMode = iota
	// TLSImplicit speaks TLS from the first byte (SMTPS, usually port 465).
	TLSImplicit
	// TLSStartTLS upgrades with STARTTLS, and refuses to go on in clear
	// text when the server does not offer it.
	TLSStartTLS
	// TLSNone never uses TLS (a relay on localhost or a trusted network).
	TLSNone
)

// String returns the mode's detail value: "implicit", "starttls", "none"
// or "auto".
func (m TLSMode) String() string {
	switch m {
	case TLSImplicit:
		return "implicit"
	case TLSStartTLS:
		return "starttls"
	case TLSNone:
		return "none"
	}
	return "auto"
}

// DefaultAttachmentMaxBytes is the default most bytes of attachments in one
// email.
const DefaultAttachmentMaxBytes = 10 << 20

// Config configures a Sender.
type Config struct {
	// Channel names the channel in errors.
	Channel string
	// Host and Port locate the SMTP server; Port 0 means 465 for
	// TLSImplicit and 587 otherwise.
	Host string
	Port int
	// TLS is the connection's protection.
	TLS TLSMode
	// TLSConfig is the TLS configuration; nil means the system's roots
	// and ServerName Host. Tests set RootCAs to trust their own
	// certificate.
	TLSConfig *tls.Config
	// Username and Password authenticate (Password is a secret); no
	// authentication when Username is empty.
	Username string
	Password string
	// HELO is the name sent with EHLO; empty means "localhost".
	HELO string
	// From is the sender; To, Cc and Bcc the recipients (at least one).
	From        *mail.Address
	To, Cc, Bcc []*mail.Address
	// Language chooses the message's content; Format which body goes into
	// the text/plain part.
	Language channel.Language
	Format   channel.Format
	// AttachmentMaxBytes is the most bytes of attachments in one email;
	// 0 means none, negative means DefaultAttachmentMaxBytes.
	AttachmentMaxBytes int64
	// Timeout bounds the SMTP session; 0 means channel.DefaultTimeout.
	Timeout time.Duration
	// Limiter paces the sends; nil means no client-side limit.
	Limiter channel.Limiter
	// Clock gives the Date header; nil means time.Now.
	Clock func() time.Time
}

// ConfigFrom reads a Config from a channel's details (see the package
// documentation for the keys).
func ConfigFrom(cfg channel.Config) (Config, error) {
	c := Config{
		Channel:  cfg.Channel(),
		Username: cfg.String("username", ""),
		Password: cfg.String("password", ""),
		HELO:     cfg.String("helo", ""),
		Language: cfg.Language(),
		Format:   cfg.Format(),
		Timeout:  cfg.Timeout(),
		Clock:    cfg.Clock(),
	}
	var err error
	if c.Host, err = cfg.Required("host"); err != nil {
		return Config{}, err
	}
	if strings.ContainsAny(c.Host, "/:@ ") && !strings.HasPrefix(c.Host, "[") {
		return Config{}, cfg.Errorf("host", "want a host name or IP address, without scheme or port")
	}
	if c.Port, err = cfg.Int("port", 0); err != nil {
		return Config{}, err
	}
	if c.Port < 0 || c.Port > 65535 {
		return Config{}, cfg.Errorf("port", "want a port number")
	}
	switch v := strings.ToLower(cfg.String("tls", "")); v {
	case "":
		c.TLS = TLSAuto
	case "implicit", "ssl", "tls":
		c.TLS = TLSImplicit
	case "starttls":
		c.TLS = TLSStartTLS
	case "none":
		c.TLS = TLSNone
	default:
		return Config{}, cfg.Errorf("tls", "want implicit, starttls or none")
	}
	from, err := cfg.Required("from")
	if err != nil {
		return Config{}, err
	}
	if c.From, err = mail.ParseAddress(from); err != nil {
		return Config{}, cfg.Errorf("from", "not an email address")
	}
	for _, list := range []struct {
		key string
		dst *[]*mail.Address
	}{{"to", &c.To}, {"cc", &c.Cc}, {"bcc", &c.Bcc}} {
		for i, s := range cfg.List(list.key) {
			a, err := mail.ParseAddress(s)
			if err != nil {
				return Config{}, cfg.Errorf(list.key, "item %d is not an email address", i+1)
			}
			*list.dst = append(*list.dst, a)
		}
	}
	if len(c.To)+len(c.Cc)+len(c.Bcc) == 0 {
		return Config{}, cfg.Errorf("to", "missing (no recipient in to, cc or bcc)")
	}
	maxBytes, err := cfg.Int("attachment_max_bytes", DefaultAttachmentMaxBytes)
	if err != nil {
		return Config{}, err
	}
	if maxBytes < 0 {
		return Config{}, cfg.Errorf("attachment_max_bytes", "want a number of bytes ≥ 0")
	}
	c.AttachmentMaxBytes = int64(maxBytes)
	c.Limiter = cfg.Limiter(fmt.Sprintf("%s:%d\n%s", c.Host, c.port(), c.Username), 0)
	return c, nil
}

// mode resolves TLSAuto.
func (c Config) mode() TLSMode {
	if c.TLS != TLSAuto {
		return c.TLS
	}
	if c.Port == 465 {
		return TLSImplicit
	}
	return TLSStartTLS
}

// port resolves a zero Port.
func (c Config) port() int {
	switch {
	case c.Port != 0:
		return c.Port
	case c.TLS == TLSImplicit:
		return 465
	}
	return 587
}

// host is the server's name without IPv6 brackets.
func (c Config) host() string { return strings.TrimSuffix(strings.TrimPrefix(c.Host, "["), "]") }

// addr is the server's host:port.
func (c Config) addr() string { return net.JoinHostPort(c.host(), strconv.Itoa(c.port())) }
