package channel_test

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/yujing-go/yujing/channel"
)

// capture is a factory that keeps the Config it was given.
func capture(got *channel.Config) channel.Factory {
	return func(cfg channel.Config) (channel.Sender, error) {
		*got = cfg
		return channel.SenderFunc(func(context.Context, channel.Message) error { return nil }), nil
	}
}

func TestRegister(t *testing.T) {
	r := channel.NewRegistry()
	var cfg channel.Config
	if err := r.Register(7, "sms", capture(&cfg)); err != nil {
		t.Fatal(err)
	}
	if err := r.Register(7, "pager", capture(&cfg)); err == nil || !strings.Contains(err.Error(), `type 7 is already registered as "sms"`) {
		t.Errorf("duplicate type: %v", err)
	}
	if err := r.Register(8, "sms", capture(&cfg)); err == nil {
		t.Error("duplicate name registered")
	}
	if name, ok := r.TypeName(7); !ok || name != "sms" {
		t.Errorf("TypeName(7) = %q, %v", name, ok)
	}
	if _, err := r.Build(channel.Spec{No: "CH9", Type: 42}); err == nil || err.Error() != "channel CH9 (42): unknown channel type 42" {
		t.Errorf("unknown type: %v", err)
	}
}

func TestBuildCommonKeys(t *testing.T) {
	base := &http.Client{Transport: &http.Transport{}}
	r := channel.NewRegistry(channel.WithHTTPClient(base), channel.WithDefaultTimeout(3*time.Second))
	var cfg channel.Config
	if err := r.Register(7, "sms", capture(&cfg)); err != nil {
		t.Fatal(err)
	}
	b, err := r.Build(channel.Spec{No: "CH7", Type: 7, Details: map[string]string{"LANG": " zh ", "format": "markdown", "timeout": "2s", "colour": "red"}})
	if err != nil {
		t.Fatal(err)
	}
	if b.Language != channel.Chinese || b.Format != channel.Markdown || b.Timeout != 2*time.Second || b.TypeName != "sms" || b.Spec.No != "CH7" {
		t.Errorf("built %+v", b)
	}
	if !slices.Equal(b.UnknownKeys, []string{"colour"}) {
		t.Errorf("unknown keys %v", b.UnknownKeys)
	}
	// The common keys are read for every type, present or not.
	if !slices.Equal(b.KnownKeys, []string{"format", "lang", "rate_limit", "timeout"}) {
		t.Errorf("known keys %v", b.KnownKeys)
	}
	if c := cfg.HTTPClient(); c.Timeout != 2*time.Second || c.Transport != base.Transport {
		t.Errorf("client timeout %v, shared transport %v", c.Timeout, c.Transport == base.Transport)
	}
	if cfg.Channel() != "CH7" || cfg.TypeName() != "sms" || cfg.Language() != channel.Chinese || cfg.Timeout() != 2*time.Second {
		t.Errorf("config %v %v %v %v", cfg.Channel(), cfg.TypeName(), cfg.Language(), cfg.Timeout())
	}

	if _, err := r.Build(channel.Spec{Name: "pager", Type: 7}); err != nil {
		t.Fatal(err)
	}
	if cfg.Timeout() != 3*time.Second || cfg.Language() != channel.English || cfg.Format() != channel.Text || cfg.Channel() != "pager" {
		t.Errorf("defaults: %v %v %v %q", cfg.Timeout(), cfg.Language(), cfg.Format(), cfg.Channel())
	}

	for details, want := range map[string]string{
		"lang=fr":       `channel CH7 (sms): detail "lang": want en or zh`,
		"format=html":   `channel CH7 (sms): detail "format": want text or markdown`,
		"timeout=soon":  `channel CH7 (sms): detail "timeout": want a positive Go duration such as 10s`,
		"rate_limit=-1": `channel CH7 (sms): detail "rate_limit": want messages per minute, a number ≥ 0 (0 = off)`,
		"to.1=x":        `channel CH7 (sms): detail "to.1": continuation rows are numbered from 2 (key, key.2, key.3, …)`,
		"to.2=x":        `channel CH7 (sms): detail "to.2": continuation row without "to"`,
	} {
		k, v, _ := strings.Cut(details, "=")
		_, err := r.Build(channel.Spec{No: "CH7", Type: 7, Details: map[string]string{k: v}})
		if err == nil || err.Error() != want {
			t.Errorf("%s: %v, want %s", details, err, want)
		}
		if _, ok := errors.AsType[*channel.ConfigError](err); !ok {
			t.Errorf("%s: %T is not a *ConfigError", details, err)
		}
	}
}

func TestConfigGetters(t *testing.T) {
	r := channel.NewRegistry()
	var cfg channel.Config
	if err := r.Register(7, "sms", capture(&cfg)); err != nil {
		t.Fatal(err)
	}
	_, err := r.Build(channel.Spec{No: "CH7", Type: 7, Details: map[string]string{
		"to": "a, b;c", "to.2": "d，e", "to.10": "j", "to.3": "a", "to.4": "", "to.5": "f", "to.6": "g", "to.7": "h", "to.8": "i", "to.9": "\nk\n",
		"url": "https://hooks.example.com/services/", "url.2": "T0/B0/xyz/",
		"flag": "yes", "n": "42", "bad_n": "4x", "wait": "90s", "bad_bool": "sure", "bad_url": "secret-token-value",
		"header.X-Token": "t1", "header.x-env": "prod", "empty": "  ",
	}})
	if err != nil {
		t.Fatal(err)
	}
	if got := cfg.List("to"); !slices.Equal(got, []string{"a", "b", "c", "d", "e", "f", "g", "h", "i", "k", "j"}) {
		t.Errorf("List = %q", got)
	}
	if got, _ := cfg.URL("url", ""); got != "https://hooks.example.com/services/T0/B0/xyz" {
		t.Errorf("URL = %q", got)
	}
	if v, ok := cfg.Lookup("EMPTY"); ok || v != "" {
		t.Errorf("empty value found: %q", v)
	}
	if _, err := cfg.Required("missing"); err == nil || err.Error() != `channel CH7 (sms): detail "missing": missing` {
		t.Errorf("Required: %v", err)
	}
	if v := cfg.String("absent", "def"); v != "def" {
		t.Errorf("String default %q", v)
	}
	if v, err := cfg.Bool("flag", false); !v || err != nil {
		t.Errorf("Bool = %v, %v", v, err)
	}
	if v, err := cfg.Int("n", 0); v != 42 || err != nil {
		t.Errorf("Int = %v, %v", v, err)
	}
	if v, err := cfg.Duration("wait", 0); v != 90*time.Second || err != nil {
		t.Errorf("Duration = %v, %v", v, err)
	}
	for key, get := range map[string]func() error{
		"bad_n":    func() error { _, err := cfg.Int("bad_n", 0); return err },
		"bad_bool": func() error { _, err := cfg.Bool("bad_bool", false); return err },
		"bad_url":  func() error { _, err := cfg.URL("bad_url", ""); return err },
	} {
		err := get()
		if err == nil || !strings.HasPrefix(err.Error(), `channel CH7 (sms): detail "`+key+`"`) {
			t.Errorf("%s: %v", key, err)
		}
		if err != nil && (strings.Contains(err.Error(), "4x") || strings.Contains(err.Error(), "sure") || strings.Contains(err.Error(), "secret-token")) {
			t.Errorf("%s: the error echoes the value: %v", key, err)
		}
	}
	if got := cfg.Prefixed("header."); len(got) != 2 || got["x-token"] != "t1" || got["x-env"] != "prod" {
		t.Errorf("Prefixed = %v", got)
	}
}

func TestCheckedErrors(t *testing.T) {
	r := channel.NewRegistry()
	failing := func(err error) channel.Factory {
		return func(channel.Config) (channel.Sender, error) {
			return channel.SenderFunc(func(context.Context, channel.Message) error { return err }), nil
		}
	}
	_ = r.Register(7, "plain", failing(context.DeadlineExceeded))
	_ = r.Register(8, "partial", failing(&channel.Error{Code: "x", Retryable: true}))
	_ = r.Register(9, "broken", func(channel.Config) (channel.Sender, error) { return nil, errors.New("no") })

	b, _ := r.Build(channel.Spec{No: "A", Type: 7})
	e, ok := errors.AsType[*channel.Error](b.Send(context.Background(), channel.Message{}))
	if !ok || e.Channel != "A" || e.Type != "plain" || !e.Retryable || !errors.Is(e, context.DeadlineExceeded) {
		t.Errorf("plain error became %+v", e)
	}
	b, _ = r.Build(channel.Spec{No: "B", Type: 8})
	e, ok = errors.AsType[*channel.Error](b.Send(context.Background(), channel.Message{}))
	if !ok || e.Channel != "B" || e.Type != "partial" || e.Code != "x" || !e.Retryable {
		t.Errorf("partial error became %+v", e)
	}
	if _, err := r.Build(channel.Spec{No: "C", Type: 9}); err == nil || err.Error() != "channel C (broken): no" {
		t.Errorf("factory error: %v", err)
	}
}
