package dingtalk_test

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/yujing-go/yujing/channel"
	"github.com/yujing-go/yujing/channel/dingtalk"
	"github.com/yujing-go/yujing/channel/internal/channeltest"
)

const (
	token  = "5d6f0a1b2c3d4e5f60718293a4b5c6d7e8f90112233445566778899aabbccdde1"
	secret = "SEC7b1f0c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0"
)

var now = time.UnixMilli(1700000000123)

var dingtalkChannel = channeltest.Channel{Type: channel.TypeDingTalk, Name: "dingtalk", Factory: dingtalk.New, No: "CH02"}

func build(t testing.TB, details map[string]string) channel.Built {
	t.Helper()
	return dingtalkChannel.Build(t, details, channel.WithoutRateLimit(), channel.WithClock(func() time.Time { return now }))
}

func message() channel.Message {
	return channel.Message{
		ID:      "alert-42",
		English: channel.Content{Title: "Liveness success rate low", Text: "ID: 70% < 85%", Markdown: "**ID**: 70% < 85%"},
		Chinese: channel.Content{Title: "活体成功率低", Text: "印尼: 70% < 85%", Markdown: "**印尼**: 70% < 85%"},
		Links:   []channel.Link{{Title: "Report", URL: "https://example.com/r/2.xlsx"}},
	}
}

// wantSign computes DingTalk's signature from its documentation:
// base64(HMAC-SHA256(key=secret, msg=timestamp+"\n"+secret)).
func wantSign(ts string) string {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte(ts + "\n" + secret))
	return base64.StdEncoding.EncodeToString(mac.Sum(nil))
}

func TestSendSignedText(t *testing.T) {
	srv := channeltest.NewServer(t, channeltest.JSON(200, `{"errcode":0,"errmsg":"ok"}`))
	b := build(t, map[string]string{
		"access_token": token, "secret": secret, "base_url": srv.URL,
		"at_mobiles": "13800001111", "at_user_ids": "manager123", "keyword": "告警, alert",
	})
	msg := message()
	msg.Mentions = channel.Mentions{Mobiles: []string{"13900002222"}}
	if err := b.Send(context.Background(), msg); err != nil {
		t.Fatal(err)
	}
	req := srv.Only(t)
	if req.Method != http.MethodPost || req.Path != "/robot/send" {
		t.Errorf("request %s %s", req.Method, req.Path)
	}
	ts := strconv.FormatInt(now.UnixMilli(), 10)
	sign := wantSign(ts)
	if want := "access_token=" + token + "&timestamp=" + ts + "&sign=" + url.QueryEscape(sign); req.RawQuery != want {
		t.Errorf("query\n got %s\nwant %s", req.RawQuery, want)
	}
	if got := req.Query.Get("sign"); got != sign {
		t.Errorf("sign %q, want %q", got, sign)
	}
	if ct := req.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("Content-Type %q", ct)
	}
	// The keyword is missing from the message: the first is prepended. The
	// mobiles and user ids are written into the text.
	channeltest.EqualBody(t, req.Body, `{"msgtype":"text","text":{"content":"告警 Liveness success rate low\nID: 70% < 85%\n\nReport: https://example.com/r/2.xlsx\n\n@13800001111 @13900002222 @manager123"},"at":{"atMobiles":["13800001111","13900002222"],"atUserIds":["manager123"],"isAtAll":false},"msgUuid":"alert-42"}`)
}

func TestSendMarkdownUnsigned(t *testing.T) {
	srv := channeltest.NewServer(t, channeltest.JSON(200, `{"errcode":0,"errmsg":"ok"}`))
	b := build(t, map[string]string{
		"access_token": token, "base_url": srv.URL, "lang": "zh", "format": "markdown",
		"at_mobiles": "13800001111", "at_all": "true", "keyword": "活体",
	})
	if err := b.Send(context.Background(), message()); err != nil {
		t.Fatal(err)
	}
	req := srv.Only(t)
	if req.RawQuery != "access_token="+token {
		t.Errorf("unsigned query %s", req.RawQuery)
	}
	// The keyword is already in the message: nothing is prepended.
	channeltest.EqualBody(t, req.Body, `{"msgtype":"markdown","markdown":{"title":"活体成功率低","text":"#### 活体成功率低\n\n**印尼**: 70% < 85%\n\n[Report](https://example.com/r/2.xlsx)\n\n@13800001111"},"at":{"atMobiles":["13800001111"],"isAtAll":true},"msgUuid":"alert-42"}`)
}

func TestKeywordInMarkdownHeading(t *testing.T) {
	srv := channeltest.NewServer(t, channeltest.JSON(200, `{"errcode":0,"errmsg":"ok"}`))
	b := build(t, map[string]string{"access_token": token, "base_url": srv.URL, "format": "markdown", "keyword": "[alert]"})
	msg := channel.Message{English: channel.Content{Title: "Disk", Markdown: "full"}}
	if err := b.Send(context.Background(), msg); err != nil {
		t.Fatal(err)
	}
	channeltest.EqualBody(t, srv.Only(t).Body, `{"msgtype":"markdown","markdown":{"title":"[alert] Disk","text":"#### [alert] Disk\n\nfull"},"at":{"isAtAll":false}}`)
}

func TestTruncation(t *testing.T) {
	for _, format := range []string{"text", "markdown"} {
		t.Run(format, func(t *testing.T) {
			srv := channeltest.NewServer(t, channeltest.JSON(200, `{"errcode":0,"errmsg":"ok"}`))
			b := build(t, map[string]string{"access_token": token, "base_url": srv.URL, "format": format, "at_mobiles": "13800001111"})
			msg := message()
			msg.English = channel.Content{Text: strings.Repeat("成功率\"低\"\n", 3000)}
			if err := b.Send(context.Background(), msg); err != nil {
				t.Fatal(err)
			}
			body := srv.Only(t).Body
			if len(body) > dingtalk.MaxBodyBytes || len(body) < dingtalk.MaxBodyBytes-16 {
				t.Errorf("body is %d bytes, want at most %d and nearly full", len(body), dingtalk.MaxBodyBytes)
			}
			s := string(body)
			if !utf8.ValidString(s) || !strings.Contains(s, channel.TruncationMarker) || !strings.Contains(s, `@13800001111"`) {
				t.Errorf("truncated body lacks the marker or the mention, or is invalid UTF-8: …%s", s[len(s)-120:])
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
		{310000, false, 0},
		{130101, true, 10 * time.Minute},
		{410100, true, 10 * time.Minute},
		{-1, true, 0},
		{300001, false, 0}, {300005, false, 0}, {400101, false, 0},
		{400102, false, 0}, {400106, false, 0}, {400013, false, 0},
		{400105, false, 0},
		{430101, false, 0}, {430102, false, 0}, {430103, false, 0}, {430104, false, 0},
		{460101, false, 0},
		{999999, false, 0}, // unknown: permanent
	} {
		t.Run(strconv.Itoa(tc.code), func(t *testing.T) {
			srv := channeltest.NewServer(t, channeltest.JSON(200, `{"errcode":`+strconv.Itoa(tc.code)+`,"errmsg":"failed"}`))
			err := build(t, map[string]string{"access_token": token, "secret": secret, "base_url": srv.URL}).Send(context.Background(), message())
			e := channeltest.AsError(t, err)
			if e.Code != strconv.Itoa(tc.code) || e.Retryable != tc.retryable || e.RetryAfter != tc.after || e.Channel != "CH02" || e.Type != "dingtalk" {
				t.Errorf("got %+v, want retryable %v after %v", e, tc.retryable, tc.after)
			}
		})
	}
}

func TestSecurityHints(t *testing.T) {
	for errmsg, want := range map[string]string{
		"sign not match, more: [https://ding-doc.dingtalk.com/doc#/serverapi2/qf2nxq]": "clock",
		"keywords not in content":         "detail keyword",
		"ip 203.0.113.7 not in whitelist": "allow-list",
	} {
		srv := channeltest.NewServer(t, channeltest.JSON(200, `{"errcode":310000,"errmsg":"`+errmsg+`"}`))
		err := build(t, map[string]string{"access_token": token, "secret": secret, "base_url": srv.URL}).Send(context.Background(), message())
		if err == nil || !strings.Contains(err.Error(), want) || channel.IsRetryable(err) {
			t.Errorf("errmsg %q: error %v, want a permanent error that mentions %q", errmsg, err, want)
		}
	}
}

func TestHTTPStatus(t *testing.T) {
	channeltest.StatusErrors(t, map[int]bool{500: true, 502: true, 429: true, 400: false, 403: false}, func(base string) error {
		return build(t, map[string]string{"access_token": token, "base_url": base}).Send(context.Background(), message())
	})
}

func TestErrorsHoldNoSecret(t *testing.T) {
	sign := wantSign(strconv.FormatInt(now.UnixMilli(), 10))
	echo := func(w http.ResponseWriter, r *http.Request) {
		// A misbehaving service that echoes the whole request URL.
		w.WriteHeader(200)
		_, _ = w.Write([]byte(`{"errcode":310000,"errmsg":"sign not match: ` + r.URL.String() + ` ` + secret + `"}`))
	}
	channeltest.ErrorsHoldNoSecret(t, echo, func(base string) error {
		return build(t, map[string]string{"access_token": token, "secret": secret, "base_url": base}).Send(context.Background(), message())
	}, token, secret, sign)
}

func TestConfigErrors(t *testing.T) {
	dingtalkChannel.ConfigErrors(t, []channeltest.ConfigError{
		{Details: map[string]string{"secret": secret}, Want: `channel CH02 (dingtalk): detail "access_token": missing`},
		{Details: map[string]string{"access_token": token, "at_all": "maybe"}, Want: `channel CH02 (dingtalk): detail "at_all": want true or false`},
		{Details: map[string]string{"access_token": token, "at_mobiles.3": "1"}, Want: `channel CH02 (dingtalk): detail "at_mobiles.3": continuation row without "at_mobiles"`},
	})
}
