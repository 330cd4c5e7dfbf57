package slack_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/yujing-go/yujing/channel"
	"github.com/yujing-go/yujing/channel/internal/channeltest"
	"github.com/yujing-go/yujing/channel/slack"
)

const (
	hookPath = "/services/T0123ABCD/B0456EFGH/x9Y8z7W6v5U4t3S2r1Q0p9O8"
	token    = "xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx"
)

var slackChannel = channeltest.Channel{Type: channel.TypeSlack, Name: "slack", Factory: slack.New, No: "CH03"}

func build(t testing.TB, details map[string]string) channel.Built {
	t.Helper()
	return slackChannel.Build(t, details, channel.WithoutRateLimit())
}

func message() channel.Message {
	return channel.Message{
		ID:      "alert-3",
		English: channel.Content{Title: "SMS success rate low", Text: "PH: 81.2% < 90% & falling", Markdown: "**PH**: 81.2% < 90%"},
		Chinese: channel.Content{Title: "短信成功率低", Text: "菲律宾: 81.2% < 90%"},
		Links:   []channel.Link{{Title: "Report", URL: "https://example.com/r/1.xlsx"}},
	}
}

func TestWebhookText(t *testing.T) {
	srv := channeltest.NewServer(t, func(w http.ResponseWriter, _ *http.Request) { _, _ = w.Write([]byte("ok")) })
	// The URL is longer than one detail row: it continues in webhook_url.2.
	full := srv.URL + hookPath
	b := build(t, map[string]string{"webhook_url": full[:40], "webhook_url.2": full[40:], "at_user_ids": "U01ABCDEF", "at_all": "true"})
	if err := b.Send(context.Background(), message()); err != nil {
		t.Fatal(err)
	}
	req := srv.Only(t)
	if req.Method != http.MethodPost || req.Path != hookPath || req.Header.Get("Content-Type") != "application/json" {
		t.Errorf("request %s %s %q", req.Method, req.Path, req.Header.Get("Content-Type"))
	}
	// slack-go encodes with HTML escaping: & is \u0026, < is \u003c.
	channeltest.EqualBody(t, req.Body, `{"text":"SMS success rate low\nPH: 81.2% \u0026lt; 90% \u0026amp; falling\n\nReport: https://example.com/r/1.xlsx\n\n\u003c@U01ABCDEF\u003e \u003c!channel\u003e","replace_original":false,"delete_original":false}`)
}

func TestWebhookMarkdown(t *testing.T) {
	srv := channeltest.NewServer(t, func(w http.ResponseWriter, _ *http.Request) { _, _ = w.Write([]byte("ok")) })
	b := build(t, map[string]string{"webhook_url": srv.URL + hookPath, "format": "markdown"})
	if err := b.Send(context.Background(), message()); err != nil {
		t.Fatal(err)
	}
	channeltest.EqualBody(t, srv.Only(t).Body, `{"text":"SMS success rate low","blocks":[{"type":"markdown","text":"**SMS success rate low**\n\n**PH**: 81.2% \u003c 90%\n\n[Report](https://example.com/r/1.xlsx)"}],"replace_original":false,"delete_original":false}`)
}

func TestPostMessage(t *testing.T) {
	srv := channeltest.NewServer(t, channeltest.JSON(200, `{"ok":true,"channel":"C0123456789","ts":"1700000000.000100"}`))
	b := build(t, map[string]string{"token": token, "channel": "C0123456789", "base_url": srv.URL + "/api", "lang": "zh", "format": "markdown", "at_user_ids": "U01ABCDEF"})
	if err := b.Send(context.Background(), message()); err != nil {
		t.Fatal(err)
	}
	req := srv.Only(t)
	if req.Method != http.MethodPost || req.Path != "/api/chat.postMessage" || req.Header.Get("Content-Type") != "application/x-www-form-urlencoded" {
		t.Errorf("request %s %s %q", req.Method, req.Path, req.Header.Get("Content-Type"))
	}
	form, err := url.ParseQuery(string(req.Body))
	if err != nil {
		t.Fatal(err)
	}
	want := url.Values{
		"token":   {token},
		"channel": {"C0123456789"},
		"text":    {"短信成功率低"},
		"blocks":  {`[{"type":"markdown","text":"**短信成功率低**\n\n菲律宾: 81.2% \u003c 90%\n\n[Report](https://example.com/r/1.xlsx)\n\n\u003c@U01ABCDEF\u003e"}]`},
	}
	if form.Encode() != want.Encode() {
		t.Errorf("form\n got %v\nwant %v", form, want)
	}
}

func TestTruncation(t *testing.T) {
	srv := channeltest.NewServer(t, func(w http.ResponseWriter, _ *http.Request) { _, _ = w.Write([]byte("ok")) })
	b := build(t, map[string]string{"webhook_url": srv.URL + hookPath, "at_user_ids": "U01ABCDEF"})
	msg := message()
	msg.English = channel.Content{Text: strings.Repeat("率<&>", 10000)}
	if err := b.Send(context.Background(), msg); err != nil {
		t.Fatal(err)
	}
	var got struct{ Text string }
	if err := json.Unmarshal(srv.Only(t).Body, &got); err != nil {
		t.Fatal(err)
	}
	if len(got.Text) > slack.MaxTextBytes || len(got.Text) < slack.MaxTextBytes-8 {
		t.Errorf("text is %d bytes, want at most %d and nearly full", len(got.Text), slack.MaxTextBytes)
	}
	before, _, ok := strings.Cut(got.Text, channel.TruncationMarker)
	if !ok || !strings.HasSuffix(got.Text, "<@U01ABCDEF>") {
		t.Fatalf("text lacks the marker or the mention: …%s", got.Text[len(got.Text)-60:])
	}
	if i := strings.LastIndexByte(before, '&'); i >= 0 && !strings.Contains(before[i:], ";") {
		t.Errorf("truncation split an escape: …%s", before[len(before)-20:])
	}
}

func TestWebhookStatus(t *testing.T) {
	for _, tc := range []struct {
		status     int
		retryAfter string
		body       string
		code       string
		retryable  bool
		after      time.Duration
	}{
		{400, "", "invalid_payload", "HTTP 400", false, 0},
		{403, "", "action_prohibited", "HTTP 403", false, 0},
		{404, "", "channel_not_found", "HTTP 404", false, 0},
		{410, "", "channel_is_archived", "HTTP 410", false, 0},
		{500, "", "rollup_error", "HTTP 500", true, 0},
		{503, "", "", "HTTP 503", true, 0},
		{429, "30", "", "HTTP 429", true, 30 * time.Second},
		{429, "", "", "HTTP 429", true, 0},
		{429, "Wed, 21 Oct 2015 07:28:00 GMT", "", "HTTP 429", true, 0},
	} {
		t.Run(tc.code+" "+tc.retryAfter, func(t *testing.T) {
			srv := channeltest.NewServer(t, func(w http.ResponseWriter, _ *http.Request) {
				if tc.retryAfter != "" {
					w.Header().Set("Retry-After", tc.retryAfter)
				}
				w.WriteHeader(tc.status)
				_, _ = w.Write([]byte(tc.body))
			})
			err := build(t, map[string]string{"webhook_url": srv.URL + hookPath}).Send(context.Background(), message())
			e := channeltest.AsError(t, err)
			if e.Code != tc.code || e.Retryable != tc.retryable || e.RetryAfter != tc.after || e.Type != "slack" || e.Channel != "CH03" {
				t.Errorf("got %+v, want %s retryable %v after %v", e, tc.code, tc.retryable, tc.after)
			}
		})
	}
}

func TestAPIErrors(t *testing.T) {
	for _, tc := range []struct {
		code      string
		retryable bool
	}{
		{"invalid_auth", false}, {"token_revoked", false}, {"channel_not_found", false}, {"not_in_channel", false},
		{"is_archived", false}, {"msg_too_long", false}, {"no_text", false}, {"invalid_blocks", false},
		{"internal_error", true}, {"fatal_error", true}, {"service_unavailable", true},
		{"something_new", false},
	} {
		t.Run(tc.code, func(t *testing.T) {
			srv := channeltest.NewServer(t, channeltest.JSON(200, `{"ok":false,"error":"`+tc.code+`"}`))
			err := build(t, map[string]string{"token": token, "channel": "C1", "base_url": srv.URL}).Send(context.Background(), message())
			e := channeltest.AsError(t, err)
			if e.Code != tc.code || e.Retryable != tc.retryable || e.RetryAfter != 0 {
				t.Errorf("got %+v, want retryable %v", e, tc.retryable)
			}
		})
	}
	srv := channeltest.NewServer(t, func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Retry-After", "12")
		w.WriteHeader(429)
	})
	err := build(t, map[string]string{"token": token, "channel": "C1", "base_url": srv.URL}).Send(context.Background(), message())
	if !channel.IsRetryable(err) || channel.RetryAfter(err) != 12*time.Second {
		t.Errorf("429: %v, want retryable after 12s", err)
	}
}

func TestErrorsHoldNoSecret(t *testing.T) {
	srv := channeltest.NewServer(t, channeltest.JSON(500, `oops`))
	err := build(t, map[string]string{"webhook_url": srv.URL + hookPath}).Send(context.Background(), message())
	channeltest.Retryable(t, err, "500", hookPath, "x9Y8z7W6v5U4t3S2r1Q0p9O8")

	closed := channeltest.ClosedURL(t)
	err = build(t, map[string]string{"webhook_url": closed + hookPath}).Send(context.Background(), message())
	channeltest.Retryable(t, err, "network error", hookPath, "x9Y8z7W6v5U4t3S2r1Q0p9O8")

	api := channeltest.NewServer(t, channeltest.JSON(200, `{"ok":false,"error":"invalid_auth","token":"`+token+`"}`))
	err = build(t, map[string]string{"token": token, "channel": "C1", "base_url": api.URL}).Send(context.Background(), message())
	channeltest.NoSecrets(t, err.Error(), token)
	err = build(t, map[string]string{"token": token, "channel": "C1", "base_url": closed}).Send(context.Background(), message())
	channeltest.Retryable(t, err, "network error", token)
}

func TestConfigErrors(t *testing.T) {
	slackChannel.ConfigErrors(t, []channeltest.ConfigError{
		{Details: map[string]string{}, Want: `channel CH03 (slack): detail "webhook_url": missing (or set token and channel)`},
		{Details: map[string]string{"token": token}, Want: `channel CH03 (slack): detail "channel": missing (required with token)`},
		{Details: map[string]string{"token": token, "webhook_url": "https://hooks.slack.com" + hookPath}, Want: `channel CH03 (slack): detail "token": set webhook_url or token, not both`},
		{Details: map[string]string{"webhook_url": "hooks.slack.com" + hookPath}, Want: `channel CH03 (slack): detail "webhook_url": want an absolute http or https URL`},
	})
}
