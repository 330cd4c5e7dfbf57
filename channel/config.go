package channel

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
)

// Config is what a Factory builds a sender from: the channel's spec with its
// details parsed by the Registry, and what the Registry shares between
// senders (an HTTP client, rate limiters, a clock).
//
// The typed getters read a detail key, with its continuation rows ("key.2",
// "key.3", …) assembled, and mark it as known; keys no getter read are
// reported in Built.UnknownKeys. Their errors are *ConfigError values that
// name the channel and the key and never echo the value. The getters are
// meant for the factory, while it builds its sender: they are not safe for
// concurrent use.
type Config struct {
	spec     Spec
	typeName string
	details  details
	used     map[string]bool
	lang     Language
	format   Format
	timeout  time.Duration
	rate     float64 // rate_limit in messages per minute; < 0: not set
	client   *http.Client
	clock    func() time.Time
	limiters *limiterSet              // nil: client-side rate limiting is off
	got      *atomic.Pointer[Limiter] // the robot's limiter, once the factory asked for it (Built.Limiter)
}

// Channel names the channel in errors: its channel_no, or its name.
func (c Config) Channel() string { return c.spec.Label() }

// TypeName is the name the channel's type was registered with ("wecom", …).
func (c Config) TypeName() string { return c.typeName }

// Spec is the channel as configured.
func (c Config) Spec() Spec { return c.spec }

// Language is the channel's language (detail "lang").
func (c Config) Language() Language { return c.lang }

// Format is the channel's format (detail "format").
func (c Config) Format() Format { return c.format }

// Timeout bounds one send (detail "timeout"): the HTTP request or the SMTP
// session, not the wait for the client-side rate limiter.
func (c Config) Timeout() time.Duration { return c.timeout }

// HTTPClient is the Registry's shared client (one connection pool) with the
// channel's Timeout.
func (c Config) HTTPClient() *http.Client { return c.client }

// Clock returns the time; signatures are computed from it.
func (c Config) Clock() func() time.Time { return c.clock }

// Limiter returns the client-side rate limiter of one robot, shared by every
// sender the Registry builds for the same type and identity (the robot's
// key, token or URL; it is hashed, never kept), so that all channels and
// goroutines sending to that robot queue behind one another.
//
// The rate is the "rate_limit" detail (messages per minute, 0 = off), or
// defaultPerMinute when that is not set. Messages are spaced evenly (a
// burst of one), so that no 60-second window holds more than the rate. The
// Limiter never waits when the Registry was built WithoutRateLimit.
func (c Config) Limiter(identity string, defaultPerMinute float64) Limiter {
	perMinute := defaultPerMinute
	if c.rate >= 0 {
		perMinute = c.rate
	}
	if c.limiters == nil || perMinute <= 0 {
		return unlimited{}
	}
	l := c.limiters.get(c.typeName, identity, perMinute)
	if c.got != nil {
		c.got.Store(&l)
	}
	return l
}

// Lookup returns a scalar value: the key's rows concatenated (a long URL or
// token may continue in "key.2", …). ok is false when the key is absent or
// empty.
func (c Config) Lookup(key string) (value string, ok bool) {
	key = strings.ToLower(key)
	c.used[key] = true
	v := strings.Join(c.details[key], "")
	return v, v != ""
}

// String returns a scalar value, or def when the key is absent.
func (c Config) String(key, def string) string {
	if v, ok := c.Lookup(key); ok {
		return v
	}
	return def
}

// Required returns a scalar value, or an error naming the key when it is
// absent or empty.
func (c Config) Required(key string) (string, error) {
	if v, ok := c.Lookup(key); ok {
		return v, nil
	}
	return "", c.Errorf(key, "missing")
}

// List returns a list value: the key's rows joined, split at commas (also
// ';', '，', '；' and newlines), trimmed, without empty items or duplicates.
func (c Config) List(key string) []string {
	key = strings.ToLower(key)
	c.used[key] = true
	rows := c.details[key]
	if len(rows) == 0 {
		return nil
	}
	fields := strings.FieldsFunc(strings.Join(rows, ","), func(r rune) bool {
		switch r {
		case ',', ';', '，', '；', '\n', '\r':
			return true
		}
		return false
	})
	out := make([]string, 0, len(fields))
	for _, f := range fields {
		f = strings.TrimSpace(f)
		if f != "" && !slices.Contains(out, f) {
			out = append(out, f)
		}
	}
	return out
}

// Bool returns a boolean value ("true"/"false", "1"/"0", "yes"/"no"), or def
// when the key is absent.
func (c Config) Bool(key string, def bool) (bool, error) {
	v, ok := c.Lookup(key)
	if !ok {
		return def, nil
	}
	switch strings.ToLower(v) {
	case "true", "1", "yes", "y", "on":
		return true, nil
	case "false", "0", "no", "n", "off":
		return false, nil
	}
	return def, c.Errorf(key, "want true or false")
}

// Int returns an integer value, or def when the key is absent.
func (c Config) Int(key string, def int) (int, error) {
	v, ok := c.Lookup(key)
	if !ok {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return def, c.Errorf(key, "want an integer")
	}
	return n, nil
}

// Duration returns a Go duration ("10s", "1m30s"), or def when the key is
// absent. A duration must be positive.
func (c Config) Duration(key string, def time.Duration) (time.Duration, error) {
	v, ok := c.Lookup(key)
	if !ok {
		return def, nil
	}
	d, err := time.ParseDuration(v)
	if err != nil || d <= 0 {
		return def, c.Errorf(key, "want a positive Go duration such as 10s")
	}
	return d, nil
}

// URL returns an absolute http or https URL without a trailing slash, or def
// when the key is absent. The error does not echo the value, which may hold
// a token.
func (c Config) URL(key, def string) (string, error) {
	v, ok := c.Lookup(key)
	if !ok {
		return def, nil
	}
	u, err := url.Parse(v)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.Fragment != "" {
		return def, c.Errorf(key, "want an absolute http or https URL")
	}
	return strings.TrimSuffix(v, "/"), nil
}

// Prefixed returns the scalar values of every key that starts with prefix
// (e.g. "header." for "header.Authorization"), keyed by the rest of the key
// (lower-case, as every key).
func (c Config) Prefixed(prefix string) map[string]string {
	prefix = strings.ToLower(prefix)
	out := make(map[string]string)
	for key := range c.details {
		if name, ok := strings.CutPrefix(key, prefix); ok && name != "" {
			if v, ok := c.Lookup(key); ok {
				out[name] = v
			}
		}
	}
	return out
}

// Errorf returns a *ConfigError about key. Never pass it a secret's value.
func (c Config) Errorf(key, format string, args ...any) error {
	return &ConfigError{Channel: c.Channel(), Type: c.typeName, Key: strings.ToLower(key), Reason: fmt.Sprintf(format, args...)}
}
