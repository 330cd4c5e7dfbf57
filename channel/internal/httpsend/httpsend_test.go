package httpsend_test

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/yujing-go/yujing/channel"
	"github.com/yujing-go/yujing/channel/internal/httpsend"
)

func TestRetryAfter(t *testing.T) {
	now := time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC)
	for v, want := range map[string]time.Duration{
		"":     0,
		"30":   30 * time.Second,
		" 5 ":  5 * time.Second,
		"0":    0,
		"-3":   0,
		"soon": 0,
		now.Add(90 * time.Second).Format(http.TimeFormat): 90 * time.Second,
		now.Add(-time.Minute).Format(http.TimeFormat):     0,
		"999999999999": 24 * time.Hour,
	} {
		if got := httpsend.RetryAfter(v, now); got != want {
			t.Errorf("RetryAfter(%q) = %v, want %v", v, got, want)
		}
	}
}

func TestMarshalFit(t *testing.T) {
	type msg struct {
		Text string `json:"text"`
	}
	build := func(s string) any { return msg{Text: s} }
	head := strings.Repeat("告\"警\n<", 1000) // JSON escapes grow it by a third
	tail := "\n@138"
	for _, limit := range []int{200, 1000, 5000} {
		body, err := httpsend.MarshalFit(limit, head, tail, build)
		if err != nil {
			t.Fatal(err)
		}
		var got msg
		if err := json.Unmarshal(body, &got); err != nil {
			t.Fatal(err)
		}
		if len(body) > limit || len(body) < limit-12 || !utf8.ValidString(got.Text) ||
			!strings.HasSuffix(got.Text, channel.TruncationMarker+tail) {
			t.Errorf("max %d: %d bytes, text ends %q", limit, len(body), got.Text[max(0, len(got.Text)-30):])
		}
	}
	if body, err := httpsend.MarshalFit(100, "short", "", build); err != nil || string(body) != `{"text":"short"}` {
		t.Errorf("short message: %s %v", body, err)
	}
	if _, err := httpsend.MarshalFit(5, "x", "", build); err == nil {
		t.Error("a body larger than max fitted")
	}
}

func TestURLSecrets(t *testing.T) {
	got := httpsend.URLSecrets("https://user:p4ss@hooks.example.com/services/T0/B0/abcdefghijklmnop?token=0123456789abcdef&v=1")
	for _, want := range []string{
		"https://user:p4ss@hooks.example.com/services/T0/B0/abcdefghijklmnop?token=0123456789abcdef&v=1",
		"/services/T0/B0/abcdefghijklmnop?token=0123456789abcdef&v=1",
		"token=0123456789abcdef&v=1",
		"0123456789abcdef", "abcdefghijklmnop", "p4ss",
	} {
		if !slices.Contains(got, want) {
			t.Errorf("URLSecrets lacks %q: %q", want, got)
		}
	}
	if slices.Contains(got, "1") || slices.Contains(got, "T0") {
		t.Errorf("URLSecrets takes short parts for secrets: %q", got)
	}
}

// TestSnippetHoldsNoCutSecret: a body is scrubbed before it is cut to a
// snippet, so that a secret across the cut leaves no prefix behind.
func TestSnippetHoldsNoCutSecret(t *testing.T) {
	const secret = "0123456789abcdef0123456789abcdef"
	f := httpsend.Failer{Channel: "CH", Type: "test", Secrets: []string{secret}}
	now := time.Now()
	for pad := 180; pad <= 200; pad += 5 {
		body := []byte(strings.Repeat("x", pad) + secret + " tail")
		for name, err := range map[string]error{
			"status":     f.Status(&httpsend.Response{Status: 502, Header: http.Header{}, Body: body}, now),
			"unexpected": f.Unexpected(&httpsend.Response{Status: 200, Body: body}),
			"extra":      f.Status(&httpsend.Response{Status: 400, Header: http.Header{}, Body: []byte(strings.Repeat("y", pad) + "sig-" + secret)}, now, "sig-"+secret),
		} {
			if strings.Contains(err.Error(), secret[:8]) {
				t.Errorf("%s, secret at byte %d: %v", name, pad, err)
			}
		}
	}
	// Invalid UTF-8 inside an echoed secret does not join it back together.
	body := []byte("key=" + secret[:10] + "\xff" + secret[10:])
	if err := f.Unexpected(&httpsend.Response{Status: 200, Body: body}); strings.Contains(err.Error(), secret[:8]) {
		t.Errorf("secret joined by the snippet: %v", err)
	}
}

// TestSnippet: one printable line, at most 200 bytes, cut on a character.
func TestSnippet(t *testing.T) {
	f := httpsend.Failer{}
	err := f.Unexpected(&httpsend.Response{Status: 200, Body: []byte(" a\tb\n" + strings.Repeat("告", 100))})
	msg := strings.TrimPrefix(err.Error(), "channel: retryable: unexpected response: ")
	if !strings.HasPrefix(msg, "a b ") || len(msg) > 200 || !utf8.ValidString(msg) || strings.ContainsAny(msg, "\t\n") {
		t.Errorf("snippet %q (%d bytes)", msg, len(msg))
	}
}
