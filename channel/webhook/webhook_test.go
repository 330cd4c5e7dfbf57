package webhook_test

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/yujing-go/yujing/channel"
	"github.com/yujing-go/yujing/channel/internal/channeltest"
	"github.com/yujing-go/yujing/channel/webhook"
)

const (
	secret = "whsec_3f9a1c7e5b2d4f6a8c0e"
	bearer = "Bearer eyJhbGciOiJIUzI1NiJ9.c2VjcmV0"
)

var now = time.Unix(1700000000, 0)

var webhookChannel = channeltest.Channel{Type: channel.TypeWebhook, Name: "webhook", Factory: webhook.New, No: "CH05"}

func build(t testing.TB, details map[string]string) channel.Built {
	t.Helper()
	return webhookChannel.Build(t, details, channel.WithoutRateLimit(), channel.WithClock(func() time.Time { return now }))
}

func message() channel.Message {
	return channel.Message{
		ID:       "alert-9",
		English:  channel.Content{Title: "SMS success rate low", Text: "PH: 81.2% < 90%", Markdown: "**PH**: 81.2% < 90%"},
		Chinese:  channel.Content{Title: "短信成功率低", Text: "菲律宾: 81.2% < 90%"},
		Links:    []channel.Link{{Title: "Report", URL: "https://example.com/r/1.xlsx"}},
		Labels:   map[string]string{"country": "PH", "scene": "sms", "window": "2026-11-24T10:00:00Z/2026-11-24T10:10:00Z", "rate": "0.812"},
		Mentions: channel.Mentions{UserIDs: []string{"oncall"}},
	}
}

// wantSignature computes the documented signature independently:
// "sha256=" + hex(HMAC-SHA256(key=secret, msg=timestamp+"."+body)).
func wantSignature(ts string, body []byte) string {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write(append([]byte(ts+"."), body...))
	return "sha256=" + hex.EncodeToString(mac.Sum(nil))
}

func TestSendSigned(t *testing.T) {
	srv := channeltest.NewServer(t, func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusAccepted) })
	b := build(t, map[string]string{
		"url": srv.URL + "/hooks/alerts?team=", "url.2": "ops", "secret": secret, "lang": "zh",
		"header.Authorization": bearer, "header.x-env": "prod",
	})
	if err := b.Send(context.Background(), message()); err != nil {
		t.Fatal(err)
	}
	req := srv.Only(t)
	if req.Method != http.MethodPost || req.Path != "/hooks/alerts" || req.RawQuery != "team=ops" {
		t.Errorf("request %s %s?%s", req.Method, req.Path, req.RawQuery)
	}
	for name, want := range map[string]string{
		"Content-Type":       "application/json; charset=utf-8",
		"Idempotency-Key":    "alert-9",
		"X-Yujing-Timestamp": "1700000000",
		"X-Yujing-Signature": wantSignature("1700000000", req.Body),
		"Authorization":      bearer,
		"X-Env":              "prod",
	} {
		if got := req.Header.Get(name); got != want {
			t.Errorf("header %s = %q, want %q", name, got, want)
		}
	}
	channeltest.EqualBody(t, req.Body, `{"version":"1","id":"alert-9","channel":"CH05","language":"zh","title":"短信成功率低","text":"菲律宾: 81.2% < 90%",`+
		`"en":{"title":"SMS success rate low","text":"PH: 81.2% < 90%","markdown":"**PH**: 81.2% < 90%"},"zh":{"title":"短信成功率低","text":"菲律宾: 81.2% < 90%"},`+
		`"labels":{"country":"PH","rate":"0.812","scene":"sms","window":"2026-11-24T10:00:00Z/2026-11-24T10:10:00Z"},`+
		`"links":[{"title":"Report","url":"https://example.com/r/1.xlsx"}],"mentions":{"user_ids":["oncall"]}}`)
}

func TestSendUnsigned(t *testing.T) {
	srv := channeltest.NewServer(t, func(w http.ResponseWriter, _ *http.Request) {})
	if err := build(t, map[string]string{"url": srv.URL}).Send(context.Background(), channel.Message{English: channel.Content{Text: "hi"}}); err != nil {
		t.Fatal(err)
	}
	req := srv.Only(t)
	if req.Header.Get("X-Yujing-Signature") != "" || req.Header.Get("Idempotency-Key") != "" {
		t.Errorf("unsigned request without id has headers %v", req.Header)
	}
	channeltest.EqualBody(t, req.Body, `{"version":"1","channel":"CH05","language":"en","title":"","text":"hi","en":{"title":"","text":"hi"},"zh":{"title":"","text":""}}`)
}

func TestStatus(t *testing.T) {
	for _, tc := range []struct {
		name       string
		status     int
		retryAfter string
		retryable  bool
		after      time.Duration
	}{
		{"204", 204, "", false, 0},
		{"500", 500, "", true, 0},
		{"503 seconds", 503, "120", true, 2 * time.Minute},
		{"429 date", 429, now.Add(90 * time.Second).UTC().Format(http.TimeFormat), true, 90 * time.Second},
		{"429 past date", 429, now.Add(-time.Hour).UTC().Format(http.TimeFormat), true, 0},
		{"408", 408, "", true, 0},
		{"400", 400, "", false, 0},
		{"401", 401, "5", false, 0},
		{"404", 404, "", false, 0},
		{"410", 410, "", false, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := channeltest.NewServer(t, func(w http.ResponseWriter, _ *http.Request) {
				if tc.retryAfter != "" {
					w.Header().Set("Retry-After", tc.retryAfter)
				}
				w.WriteHeader(tc.status)
			})
			err := build(t, map[string]string{"url": srv.URL}).Send(context.Background(), message())
			if tc.status < 300 {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			e := channeltest.AsError(t, err)
			if e.Retryable != tc.retryable || e.RetryAfter != tc.after || e.Code != "HTTP "+tc.name[:3] {
				t.Errorf("got %+v, want retryable %v after %v", e, tc.retryable, tc.after)
			}
		})
	}
}

func TestErrorsHoldNoSecret(t *testing.T) {
	const token = "tok_8c1d2e3f4a5b6c7d"
	echo := func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(403)
		_, _ = w.Write([]byte("denied " + r.URL.String() + " " + r.Header.Get("Authorization") + " " + r.Header.Get("X-Yujing-Signature")))
	}
	srv := channeltest.NewServer(t, echo)
	details := map[string]string{"url": srv.URL + "/in?token=" + token, "secret": secret, "header.Authorization": bearer}
	err := build(t, details).Send(context.Background(), message())
	if err == nil || channel.IsRetryable(err) {
		t.Fatalf("403: %v, want a permanent error", err)
	}
	req := srv.Only(t)
	channeltest.NoSecrets(t, err.Error(), token, secret, bearer, req.Header.Get("X-Yujing-Signature"), srv.URL+"/in?token="+token)

	details["url"] = channeltest.ClosedURL(t) + "/in?token=" + token
	err = build(t, details).Send(context.Background(), message())
	channeltest.Retryable(t, err, "network error", token, secret, bearer)
}

func TestConfigErrors(t *testing.T) {
	errs := webhookChannel.ConfigErrors(t, []channeltest.ConfigError{
		{Details: map[string]string{}, Want: `channel CH05 (webhook): detail "url": missing`},
		{Details: map[string]string{"url": "https://x", "header.Content-Type": "text/plain"}, Want: `channel CH05 (webhook): detail "header.content-type": the sender sets this header itself`},
		{Details: map[string]string{"url": "https://x", "header.Bad Name": "v"}, Want: `channel CH05 (webhook): detail "header.bad name": not a valid header name`},
		{Details: map[string]string{"url": "https://x", "url.3": "y"}, Want: `channel CH05 (webhook): detail "url.3": continuation row without "url.2"`},
		{Details: map[string]string{"url": "https://x", "timeout": "-1s"}, Want: `channel CH05 (webhook): detail "timeout": want a positive Go duration such as 10s`},
	})
	for _, err := range errs {
		if err != nil && strings.Contains(err.Error(), "text/plain") {
			t.Errorf("error echoes the value: %v", err)
		}
	}
}
