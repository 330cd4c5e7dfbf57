package feishu_test

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/yujing-go/yujing/channel"
	"github.com/yujing-go/yujing/channel/feishu"
	"github.com/yujing-go/yujing/channel/internal/channeltest"
)

const (
	token  = "2f1e0d9c-8b7a-4c3d-9e8f-0a1b2c3d4e5f"
	secret = "mBe3sXyZq9TkL2vW8nR4pH"
)

var now = time.Unix(1700000000, 987654321)

var feishuChannel = channeltest.Channel{Type: channel.TypeFeishu, Name: "feishu", Factory: feishu.New, No: "CH04"}

func build(t testing.TB, details map[string]string) channel.Built {
	t.Helper()
	return feishuChannel.Build(t, details, channel.WithoutRateLimit(), channel.WithClock(func() time.Time { return now }))
}

func message() channel.Message {
	return channel.Message{
		ID:      "alert-7",
		English: channel.Content{Title: "Repayments low", Text: "MX: 1200 < 1500", Markdown: "**MX**: 1200 < 1500"},
		Chinese: channel.Content{Title: "还款偏低", Text: "墨西哥: 1200 < 1500"},
		Links:   []channel.Link{{Title: "Report", URL: "https://example.com/r/3.xlsx"}},
	}
}

// wantSign computes Feishu's signature from its documentation:
// base64(HMAC-SHA256(key=timestamp+"\n"+secret, msg="")).
func wantSign(ts string) string {
	mac := hmac.New(sha256.New, []byte(ts+"\n"+secret))
	return base64.StdEncoding.EncodeToString(mac.Sum(nil))
}

func TestSendSignedText(t *testing.T) {
	srv := channeltest.NewServer(t, channeltest.JSON(200, `{"code":0,"msg":"success","data":{}}`))
	b := build(t, map[string]string{"token": token, "secret": secret, "base_url": srv.URL, "at_user_ids": "ou_1", "at_all": "true"})
	if err := b.Send(context.Background(), message()); err != nil {
		t.Fatal(err)
	}
	req := srv.Only(t)
	if req.Method != http.MethodPost || req.Path != "/open-apis/bot/v2/hook/"+token || req.RawQuery != "" {
		t.Errorf("request %s %s?%s", req.Method, req.Path, req.RawQuery)
	}
	if ct := req.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("Content-Type %q", ct)
	}
	ts := "1700000000"
	var got struct{ Timestamp, Sign string }
	if err := json.Unmarshal(req.Body, &got); err != nil {
		t.Fatal(err)
	}
	if got.Timestamp != ts || got.Sign != wantSign(ts) {
		t.Errorf("timestamp %q sign %q, want %q %q", got.Timestamp, got.Sign, ts, wantSign(ts))
	}
	channeltest.EqualBody(t, req.Body, `{"timestamp":"1700000000","sign":"`+wantSign(ts)+`","msg_type":"text","content":{"text":"Repayments low\nMX: 1200 < 1500\n\nReport: https://example.com/r/3.xlsx\n\n<at user_id=\"ou_1\"></at> <at user_id=\"all\">所有人</at>"}}`)
}

func TestSendCardLark(t *testing.T) {
	srv := channeltest.NewServer(t, channeltest.JSON(200, `{"StatusCode":0,"StatusMessage":"success"}`))
	b := build(t, map[string]string{"token": token, "base_url": srv.URL + "/", "format": "markdown", "lang": "zh", "at_all": "1", "card_template": "orange"})
	msg := message()
	msg.Chinese.Markdown = "**墨西哥**: 1200 < 1500"
	if err := b.Send(context.Background(), msg); err != nil {
		t.Fatal(err)
	}
	req := srv.Only(t)
	if req.Path != "/open-apis/bot/v2/hook/"+token {
		t.Errorf("path %s", req.Path)
	}
	channeltest.EqualBody(t, req.Body, `{"msg_type":"interactive","card":{"header":{"title":{"tag":"plain_text","content":"还款偏低"},"template":"orange"},"elements":[{"tag":"markdown","content":"**墨西哥**: 1200 < 1500\n\n[Report](https://example.com/r/3.xlsx)\n\n<at id=all></at>"}]}}`)
}

func TestTruncation(t *testing.T) {
	for _, format := range []string{"text", "markdown"} {
		t.Run(format, func(t *testing.T) {
			srv := channeltest.NewServer(t, channeltest.JSON(200, `{"code":0,"msg":"success"}`))
			b := build(t, map[string]string{"token": token, "secret": secret, "base_url": srv.URL, "format": format, "at_user_ids": "ou_9"})
			msg := message()
			msg.English = channel.Content{Title: "T", Text: strings.Repeat("还款\t<b>\n", 3000), Markdown: strings.Repeat("还款\t<b>\n", 3000)}
			if err := b.Send(context.Background(), msg); err != nil {
				t.Fatal(err)
			}
			body := string(srv.Only(t).Body)
			if len(body) > feishu.MaxBodyBytes || len(body) < feishu.MaxBodyBytes-16 {
				t.Errorf("body is %d bytes, want at most %d and nearly full", len(body), feishu.MaxBodyBytes)
			}
			if !utf8.ValidString(body) || !strings.Contains(body, channel.TruncationMarker) || !strings.Contains(body, "ou_9") {
				t.Errorf("truncated body lacks the marker or the mention: …%s", body[len(body)-120:])
			}
		})
	}
}

func TestCodes(t *testing.T) {
	for _, tc := range []struct {
		body      string
		code      string
		retryable bool
	}{
		{`{"code":19021,"msg":"sign match fail or timestamp is not within one hour from current time"}`, "19021", false},
		{`{"code":19022,"msg":"Ip Not Allowed"}`, "19022", false},
		{`{"code":19024,"msg":"Key Words Not Found"}`, "19024", false},
		{`{"code":9499,"msg":"Bad Request"}`, "9499", false},
		{`{"code":19001,"msg":"param invalid: incoming webhook access token invalid"}`, "19001", false},
		{`{"code":11232,"msg":"frequency limited"}`, "11232", true},
		{`{"code":55555,"msg":"new"}`, "55555", false},
		{`{"StatusCode":19021,"StatusMessage":"sign match fail"}`, "19021", false}, // older answer
		{`{"StatusCode":11232,"StatusMessage":"frequency limited"}`, "11232", true},
	} {
		t.Run(tc.body, func(t *testing.T) {
			srv := channeltest.NewServer(t, channeltest.JSON(200, tc.body))
			err := build(t, map[string]string{"token": token, "secret": secret, "base_url": srv.URL}).Send(context.Background(), message())
			e := channeltest.AsError(t, err)
			if e.Code != tc.code || e.Retryable != tc.retryable || e.RetryAfter != 0 || e.Channel != "CH04" || e.Type != "feishu" {
				t.Errorf("got %+v, want code %s retryable %v", e, tc.code, tc.retryable)
			}
		})
	}
}

func TestSignMismatchHint(t *testing.T) {
	srv := channeltest.NewServer(t, channeltest.JSON(200, `{"code":19021,"msg":"sign match fail"}`))
	err := build(t, map[string]string{"token": token, "secret": secret, "base_url": srv.URL}).Send(context.Background(), message())
	if err == nil || !strings.Contains(err.Error(), "clock") {
		t.Errorf("error %v does not mention the clock", err)
	}
}

func TestHTTPStatus(t *testing.T) {
	channeltest.StatusErrors(t, map[int]bool{500: true, 503: true, 429: true, 400: false, 404: false}, func(base string) error {
		return build(t, map[string]string{"token": token, "base_url": base}).Send(context.Background(), message())
	})
}

func TestErrorsHoldNoSecret(t *testing.T) {
	sign := wantSign("1700000000")
	echo := func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(400)
		_, _ = w.Write([]byte(`{"code":9499,"msg":"bad request ` + r.URL.Path + ` ` + sign + ` ` + secret + `"}`))
	}
	channeltest.ErrorsHoldNoSecret(t, echo, func(base string) error {
		return build(t, map[string]string{"token": token, "secret": secret, "base_url": base}).Send(context.Background(), message())
	}, token, secret, sign)
}

func TestConfigErrors(t *testing.T) {
	feishuChannel.ConfigErrors(t, []channeltest.ConfigError{
		{Details: map[string]string{"secret": secret}, Want: `channel CH04 (feishu): detail "token": missing`},
		{Details: map[string]string{"token": token, "base_url": "open.larksuite.com"}, Want: `channel CH04 (feishu): detail "base_url": want an absolute http or https URL`},
		{Details: map[string]string{"token": token, "lang": "fr"}, Want: `channel CH04 (feishu): detail "lang": want en or zh`},
	})
}
