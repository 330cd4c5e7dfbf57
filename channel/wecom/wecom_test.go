package wecom_test

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/yujing-go/yujing/channel"
	"github.com/yujing-go/yujing/channel/internal/channeltest"
	"github.com/yujing-go/yujing/channel/wecom"
)

const key = "693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa"

var wecomChannel = channeltest.Channel{Type: channel.TypeWeCom, Name: "wecom", Factory: wecom.New, No: "CH01"}

func build(t testing.TB, details map[string]string) channel.Built {
	t.Helper()
	return wecomChannel.Build(t, details, channel.WithoutRateLimit())
}

func message() channel.Message {
	return channel.Message{
		ID:      "alert-1",
		English: channel.Content{Title: "SMS success rate low", Text: "PH: 81.2% < 90%", Markdown: "**PH**: 81.2% < 90%"},
		Chinese: channel.Content{Title: "短信成功率低", Text: "菲律宾: 81.2% < 90%"},
		Links:   []channel.Link{{Title: "Report", URL: "https://example.com/r/1.xlsx"}},
	}
}

func TestSendText(t *testing.T) {
	srv := channeltest.NewServer(t, channeltest.JSON(200, `{"errcode":0,"errmsg":"ok"}`))
	b := build(t, map[string]string{
		"key":                     key,
		"base_url":                srv.URL,
		"mentioned_list":          "zhangsan, @all",
		"mentioned_mobile_list":   "13800001111",
		"mentioned_mobile_list.2": "13900002222",
	})
	msg := message()
	msg.Mentions = channel.Mentions{UserIDs: []string{"lisi", "zhangsan"}}
	if err := b.Send(context.Background(), msg); err != nil {
		t.Fatal(err)
	}
	req := srv.Only(t)
	if req.Method != http.MethodPost || req.Path != "/cgi-bin/webhook/send" || req.RawQuery != "key="+key {
		t.Errorf("request %s %s?%s", req.Method, req.Path, req.RawQuery)
	}
	if ct := req.Header.Get("Content-Type"); ct != "application/json; charset=utf-8" {
		t.Errorf("Content-Type %q", ct)
	}
	channeltest.EqualBody(t, req.Body, `{"msgtype":"text","text":{"content":"SMS success rate low\nPH: 81.2% < 90%\n\nReport: https://example.com/r/1.xlsx","mentioned_list":["zhangsan","lisi","@all"],"mentioned_mobile_list":["13800001111","13900002222"]}}`)
}

func TestSendMarkdownChinese(t *testing.T) {
	srv := channeltest.NewServer(t, channeltest.JSON(200, `{"errcode":0,"errmsg":"ok"}`))
	b := build(t, map[string]string{
		"key": key, "base_url": srv.URL, "lang": "zh", "format": "markdown",
		"mentioned_list": "zhangsan,@all", "mentioned_mobile_list": "13800001111",
	})
	if b.Language != channel.Chinese || b.Format != channel.Markdown {
		t.Errorf("built %v %v", b.Language, b.Format)
	}
	if err := b.Send(context.Background(), message()); err != nil {
		t.Fatal(err)
	}
	// Markdown: userids as <@id> in the content; no @all, no mobiles.
	channeltest.EqualBody(t, srv.Only(t).Body, `{"msgtype":"markdown","markdown":{"content":"**短信成功率低**\n菲律宾: 81.2% < 90%\n\n[Report](https://example.com/r/1.xlsx)\n\n<@zhangsan>"}}`)
}

func TestTruncation(t *testing.T) {
	for _, tc := range []struct {
		format string
		max    int
	}{{"text", wecom.MaxTextBytes}, {"markdown", wecom.MaxMarkdownBytes}} {
		t.Run(tc.format, func(t *testing.T) {
			srv := channeltest.NewServer(t, channeltest.JSON(200, `{"errcode":0,"errmsg":"ok"}`))
			b := build(t, map[string]string{"key": key, "base_url": srv.URL, "format": tc.format})
			msg := message()
			msg.English = channel.Content{Text: "x" + strings.Repeat("成功率", 2000)}
			if err := b.Send(context.Background(), msg); err != nil {
				t.Fatal(err)
			}
			content := contentOf(t, srv.Only(t).Body)
			if len(content) > tc.max || len(content) < tc.max-3 {
				t.Errorf("content is %d bytes, want at most %d and nearly full", len(content), tc.max)
			}
			if !utf8.ValidString(content) {
				t.Error("content split a UTF-8 character")
			}
			if !strings.Contains(content, channel.TruncationMarker) || !strings.HasSuffix(content, "https://example.com/r/1.xlsx)") && !strings.HasSuffix(content, "https://example.com/r/1.xlsx") {
				t.Errorf("content lacks the marker or the link: …%s", content[len(content)-80:])
			}
		})
	}
}

func TestErrcodes(t *testing.T) {
	for _, tc := range []struct {
		code      int
		retryable bool
		after     time.Duration
	}{
		{-1, true, 0},
		{45009, true, time.Minute},
		{93000, false, 0},
		{93004, false, 0},
		{93008, false, 0},
		{40008, false, 0},
		{40058, false, 0},
		{44004, false, 0},
		{12345, false, 0}, // unknown: permanent
	} {
		t.Run(strconv.Itoa(tc.code), func(t *testing.T) {
			srv := channeltest.NewServer(t, channeltest.JSON(200, `{"errcode":`+strconv.Itoa(tc.code)+`,"errmsg":"failed"}`))
			err := build(t, map[string]string{"key": key, "base_url": srv.URL}).Send(context.Background(), message())
			e := channeltest.AsError(t, err)
			if e.Code != strconv.Itoa(tc.code) || e.Retryable != tc.retryable || e.RetryAfter != tc.after || e.Channel != "CH01" || e.Type != "wecom" {
				t.Errorf("got %+v, want code %d retryable %v after %v", e, tc.code, tc.retryable, tc.after)
			}
			if channel.IsRetryable(err) != tc.retryable || channel.RetryAfter(err) != tc.after {
				t.Errorf("IsRetryable/RetryAfter disagree with %+v", e)
			}
		})
	}
}

func TestHTTPStatus(t *testing.T) {
	for _, tc := range []struct {
		name      string
		handler   http.HandlerFunc
		code      string
		retryable bool
		after     time.Duration
	}{
		{"503", channeltest.JSON(503, `busy`), "HTTP 503", true, 0},
		{"429 Retry-After", func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Retry-After", "7")
			w.WriteHeader(429)
		}, "HTTP 429", true, 7 * time.Second},
		{"404", channeltest.JSON(404, `not found`), "HTTP 404", false, 0},
		{"200 not JSON", channeltest.JSON(200, `<html>proxy</html>`), "", true, 0},
		{"200 without errcode", channeltest.JSON(200, `{}`), "", true, 0},
		{"400 with errcode", channeltest.JSON(400, `{"errcode":93000,"errmsg":"invalid webhook url"}`), "93000", false, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := channeltest.NewServer(t, tc.handler)
			err := build(t, map[string]string{"key": key, "base_url": srv.URL}).Send(context.Background(), message())
			e := channeltest.AsError(t, err)
			if e.Code != tc.code || e.Retryable != tc.retryable || e.RetryAfter != tc.after {
				t.Errorf("got %+v (%v), want code %q retryable %v after %v", e, err, tc.code, tc.retryable, tc.after)
			}
		})
	}
}

func TestErrorsHoldNoSecret(t *testing.T) {
	// The service echoes the key; the error must not.
	srv := channeltest.NewServer(t, channeltest.JSON(200, `{"errcode":93000,"errmsg":"invalid webhook url, key=`+key+`"}`))
	err := build(t, map[string]string{"key": key, "base_url": srv.URL}).Send(context.Background(), message())
	if err == nil {
		t.Fatal("no error")
	}
	channeltest.NoSecrets(t, err.Error(), key, srv.URL+"/cgi-bin/webhook/send?key="+key)

	srv5 := channeltest.NewServer(t, channeltest.JSON(502, `bad gateway for key=`+key))
	err = build(t, map[string]string{"key": key, "base_url": srv5.URL}).Send(context.Background(), message())
	channeltest.Retryable(t, err, "502", key)

	closed := channeltest.ClosedURL(t)
	err = build(t, map[string]string{"key": key, "base_url": closed}).Send(context.Background(), message())
	if !channel.IsRetryable(err) {
		t.Errorf("network error not retryable: %v", err)
	}
	if !strings.Contains(err.Error(), "[REDACTED]") {
		t.Errorf("network error does not show the redacted URL: %v", err)
	}
	channeltest.NoSecrets(t, err.Error(), key)
	for e := errors.Unwrap(err); e != nil; e = errors.Unwrap(e) {
		channeltest.NoSecrets(t, e.Error(), key)
	}
}

func TestConfigErrors(t *testing.T) {
	wecomChannel.ConfigErrors(t, []channeltest.ConfigError{
		{Details: map[string]string{}, Want: `channel CH01 (wecom): detail "key": missing`},
		{Details: map[string]string{"key": key, "base_url": "ftp://x/" + key}, Want: `channel CH01 (wecom): detail "base_url": want an absolute http or https URL`},
		{Details: map[string]string{"key": key, "rate_limit": "fast"}, Want: `channel CH01 (wecom): detail "rate_limit": want messages per minute, a number ≥ 0 (0 = off)`},
	})
}

func TestNewSenderFromGo(t *testing.T) {
	srv := channeltest.NewServer(t, channeltest.JSON(200, `{"errcode":0,"errmsg":"ok"}`))
	s, err := wecom.NewSender(wecom.Config{Channel: "ops", Key: key, BaseURL: srv.URL})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Send(context.Background(), channel.Message{English: channel.Content{Text: "hi"}}); err != nil {
		t.Fatal(err)
	}
	channeltest.EqualBody(t, srv.Only(t).Body, `{"msgtype":"text","text":{"content":"hi"}}`)
	if _, err := wecom.NewSender(wecom.Config{}); err == nil {
		t.Error("NewSender without a key succeeded")
	}
}
