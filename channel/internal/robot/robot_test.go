package robot_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/yujing-go/yujing/channel"
	"github.com/yujing-go/yujing/channel/internal/channeltest"
	"github.com/yujing-go/yujing/channel/internal/robot"
)

const (
	token = "0123456789abcdef0123456789abcdef"
	sign  = "c2lnbmF0dXJlLW9mLXRoaXMtcmVxdWVzdA=="
	base  = "https://robot.example.com/send?token=" + token
)

var now = time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC)

// roundTrip is an injected transport: no network.
type roundTrip func(*http.Request) (*http.Response, error)

func (f roundTrip) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// answer is a transport that answers every request with status, header
// and body.
func answer(status int, body string, header ...string) roundTrip {
	return func(r *http.Request) (*http.Response, error) {
		h := http.Header{}
		for i := 0; i+1 < len(header); i += 2 {
			h.Set(header[i], header[i+1])
		}
		return &http.Response{StatusCode: status, Header: h, Body: io.NopCloser(strings.NewReader(body)), Request: r}, nil
	}
}

// protocol is a small robot: 7 is busy, 8 throttled for a minute, 9
// refused with a hint from the message; other codes are unknown.
var protocol = robot.Protocol{
	Type:       "test",
	Credential: "token",
	BaseURL:    "https://robot.example.com",
	RateLimit:  20,
	Read:       robot.ReadErrcode,
	MsgField:   "errmsg",
	Codes: map[int]robot.Verdict{
		7: {Retryable: true, Meaning: "busy"},
		8: {Retryable: true, After: time.Minute, Meaning: "throttled"},
		9: {Meaning: "refused", Hint: func(msg string) string { return " (hint: " + msg + ")" }},
	},
	Unknown: "unknown errcode",
}

func client(rt http.RoundTripper) robot.Client {
	return protocol.New(robot.Common{
		Channel:    "CH09",
		HTTPClient: &http.Client{Transport: rt},
		Clock:      func() time.Time { return now },
	}, "/send?token="+token, token)
}

// signed builds a request signed in its URL, as DingTalk's.
func signed(channel.Message) (robot.Request, error) {
	return robot.Request{URL: base + "&sign=" + sign, Body: []byte(`{"text":"hi"}`), Sign: sign}, nil
}

func TestPost(t *testing.T) {
	for _, tc := range []struct {
		name      string
		rt        roundTrip
		code      string
		retryable bool
		after     time.Duration
		text      string // in the error
	}{
		{"code 0", answer(200, `{"errcode":0,"errmsg":"ok"}`), "", false, 0, ""},
		{"busy", answer(200, `{"errcode":7,"errmsg":"later"}`), "7", true, 0, `busy: errmsg "later"`},
		{"throttled", answer(200, `{"errcode":8,"errmsg":"slow down"}`), "8", true, time.Minute, "throttled"},
		{"hint", answer(200, `{"errcode":9,"errmsg":"ip"}`), "9", false, 0, `refused (hint: ip): errmsg "ip"`},
		{"unknown code", answer(200, `{"errcode":99,"errmsg":"no"}`), "99", false, 0, `unknown errcode: errmsg "no"`},
		{"code in a 400", answer(400, `{"errcode":9,"errmsg":"no"}`), "9", false, 0, "refused"},
		{"400 with code 0", answer(400, `{"errcode":0}`), "HTTP 400", false, 0, "HTTP 400 Bad Request"},
		{"503", answer(503, `down`), "HTTP 503", true, 0, "down"},
		{"429 Retry-After seconds", answer(429, ``, "Retry-After", "30"), "HTTP 429", true, 30 * time.Second, ""},
		{"503 Retry-After date", answer(503, ``, "Retry-After", now.Add(2*time.Minute).Format(http.TimeFormat)), "HTTP 503", true, 2 * time.Minute, ""},
		{"200 not JSON", answer(200, `<html>proxy</html>`), "", true, 0, "unexpected response: <html>proxy</html>"},
		{"200 without a code", answer(200, `{"errmsg":"ok"}`), "", true, 0, "unexpected response"},
		{"connection refused", func(*http.Request) (*http.Response, error) { return nil, syscall.ECONNREFUSED }, "", true, 0, "connection refused"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := client(tc.rt)
			err := c.Post(context.Background(), channel.Message{}, signed)
			if tc.text == "" && tc.code == "" && !tc.retryable {
				if err != nil {
					t.Fatalf("error %v", err)
				}
				return
			}
			e := channeltest.AsError(t, err)
			if e.Code != tc.code || e.Retryable != tc.retryable || e.RetryAfter != tc.after || e.Channel != "CH09" || e.Type != "test" {
				t.Errorf("got %+v, want code %q retryable %v after %v", e, tc.code, tc.retryable, tc.after)
			}
			if !strings.Contains(err.Error(), tc.text) {
				t.Errorf("error %q lacks %q", err, tc.text)
			}
		})
	}
}

// TestPostRequest: the request goes to the request's URL, as JSON, with the
// body built.
func TestPostRequest(t *testing.T) {
	var got *http.Request
	var body []byte
	c := client(roundTrip(func(r *http.Request) (*http.Response, error) {
		got = r
		body, _ = io.ReadAll(r.Body)
		return answer(200, `{"errcode":0}`)(r)
	}))
	if err := c.Post(context.Background(), channel.Message{}, signed); err != nil {
		t.Fatal(err)
	}
	if got.Method != http.MethodPost || got.URL.String() != base+"&sign="+sign ||
		got.Header.Get("Content-Type") != "application/json; charset=utf-8" || string(body) != `{"text":"hi"}` {
		t.Errorf("request %s %s %v %s", got.Method, got.URL, got.Header, body)
	}
}

// TestPostHoldsNoSecret: the client's secrets and the request's signature
// (also as the URL holds it) never appear in an error, even when the
// service or the transport echoes them.
func TestPostHoldsNoSecret(t *testing.T) {
	echo := "token=" + token + " sign=" + sign + " url=" + base + "&sign=" + sign
	for name, rt := range map[string]roundTrip{
		"code":      answer(200, `{"errcode":99,"errmsg":"`+echo+`"}`),
		"status":    answer(502, echo),
		"not JSON":  answer(200, echo),
		"transport": func(*http.Request) (*http.Response, error) { return nil, errors.New(echo) },
	} {
		c := client(rt)
		err := c.Post(context.Background(), channel.Message{}, signed)
		if err == nil {
			t.Fatalf("%s: no error", name)
		}
		channeltest.NoSecrets(t, err.Error(), token, sign, base)
	}
}

// TestPostOrder: the request is built after the limiter's wait (a
// signature's timestamp is fresh), and not at all when the wait fails.
func TestPostOrder(t *testing.T) {
	var steps []string
	c := protocol.New(robot.Common{
		Channel:    "CH09",
		HTTPClient: &http.Client{Transport: answer(200, `{"errcode":0}`)},
		Limiter:    limiter(func() error { steps = append(steps, "wait"); return nil }),
	}, "/send")
	build := func(m channel.Message) (robot.Request, error) {
		steps = append(steps, "build")
		return signed(m)
	}
	if err := c.Post(context.Background(), channel.Message{}, build); err != nil || strings.Join(steps, ",") != "wait,build" {
		t.Errorf("steps %v, error %v", steps, err)
	}

	steps = nil
	c = protocol.New(robot.Common{Channel: "CH09", Limiter: limiter(func() error {
		return &channel.Error{Retryable: true, RetryAfter: time.Second, Err: channel.ErrRateLimited}
	})}, "/send")
	err := c.Post(context.Background(), channel.Message{}, build)
	e, ok := errors.AsType[*channel.Error](err)
	if !ok || !e.Retryable || e.RetryAfter != time.Second || e.Channel != "CH09" || e.Type != "test" || len(steps) > 0 {
		t.Errorf("limiter's error %+v, steps %v", err, steps)
	}
}

func TestPostEncodeError(t *testing.T) {
	c := client(answer(200, `{"errcode":0}`))
	err := c.Post(context.Background(), channel.Message{}, func(channel.Message) (robot.Request, error) {
		return robot.Request{}, errors.New("json: unsupported value")
	})
	if e, ok := errors.AsType[*channel.Error](err); !ok || e.Retryable || !strings.Contains(err.Error(), "encode: json") {
		t.Errorf("error %v, want a permanent encode error", err)
	}
}

type limiter func() error

func (l limiter) Wait(context.Context) error { return l() }

func TestNewDefaults(t *testing.T) {
	c := protocol.New(robot.Common{}, "/send?token="+token)
	if c.HTTPClient == nil || c.HTTPClient.Timeout != channel.DefaultTimeout || c.Limiter == nil || c.Clock == nil ||
		c.BaseURL != protocol.BaseURL || c.URL != base {
		t.Errorf("defaults not filled: %+v %s", c.Common, c.URL)
	}
	if c := protocol.New(robot.Common{BaseURL: "http://127.0.0.1:8080/"}, "/send"); c.URL != "http://127.0.0.1:8080/send" {
		t.Errorf("URL %s", c.URL)
	}
}

func TestReadErrcode(t *testing.T) {
	for body, want := range map[string]struct {
		code int
		msg  string
		ok   bool
	}{
		`{"errcode":0,"errmsg":"ok"}`:     {0, "ok", true},
		`{"errcode":310000,"errmsg":"x"}`: {310000, "x", true},
		`{"errmsg":"ok"}`:                 {0, "", false},
		`{"errcode":"1"}`:                 {0, "", false},
		`<html>`:                          {0, "", false},
		``:                                {0, "", false},
	} {
		code, msg, ok := robot.ReadErrcode([]byte(body))
		if code != want.code || msg != want.msg || ok != want.ok {
			t.Errorf("ReadErrcode(%s) = %d %q %v, want %v", body, code, msg, ok, want)
		}
	}
}

// TestParse: the credential, base_url and the common keys are read once,
// for every robot, and the channel's timeout travels in the HTTP client.
func TestParse(t *testing.T) {
	var (
		got        robot.Common
		credential string
	)
	r := channel.NewRegistry(channel.WithClock(func() time.Time { return now }))
	if err := r.Register(90, "test", func(cfg channel.Config) (channel.Sender, error) {
		var err error
		got, credential, err = protocol.Parse(cfg)
		return nopSender{}, err
	}); err != nil {
		t.Fatal(err)
	}
	b, err := r.Build(channel.Spec{No: "CH09", Type: 90, Details: map[string]string{
		"token": token, "base_url": "http://127.0.0.1:8080/", "lang": "zh", "format": "markdown", "timeout": "3s", "rate_limit": "30",
	}})
	if err != nil {
		t.Fatal(err)
	}
	if credential != token || got.Channel != "CH09" || got.BaseURL != "http://127.0.0.1:8080" || got.Language != channel.Chinese ||
		got.Format != channel.Markdown || got.HTTPClient == nil || got.HTTPClient.Timeout != 3*time.Second ||
		got.Limiter == nil || got.Clock == nil || !got.Clock().Equal(now) {
		t.Errorf("Parse = %+v, %q", got, credential)
	}
	if len(b.UnknownKeys) > 0 {
		t.Errorf("keys not read: %v", b.UnknownKeys)
	}

	// Without base_url: the protocol's. Errors name the key, never the value.
	if _, err := r.Build(channel.Spec{No: "CH09", Type: 90, Details: map[string]string{"token": token}}); err != nil || got.BaseURL != protocol.BaseURL {
		t.Errorf("default base URL: %s, %v", got.BaseURL, err)
	}
	for _, tc := range []struct {
		details map[string]string
		want    string
	}{
		{map[string]string{}, `channel CH09 (test): detail "token": missing`},
		{map[string]string{"token": token, "base_url": "ftp://x/" + token}, `channel CH09 (test): detail "base_url": want an absolute http or https URL`},
	} {
		if _, err := r.Build(channel.Spec{No: "CH09", Type: 90, Details: tc.details}); err == nil || err.Error() != tc.want {
			t.Errorf("Build(%v) = %v, want %s", tc.details, err, tc.want)
		}
	}
}

type nopSender struct{}

func (nopSender) Send(context.Context, channel.Message) error { return nil }

// TestPostHoldsNoCutSecret: the service's message is scrubbed before it is
// cut for the error, so that a secret across the cut leaves no prefix.
func TestPostHoldsNoCutSecret(t *testing.T) {
	for pad := 170; pad <= 200; pad += 3 {
		echo := strings.Repeat("x", pad) + token + " " + sign
		for name, rt := range map[string]roundTrip{
			"code":     answer(200, `{"errcode":99,"errmsg":"`+echo+`"}`),
			"status":   answer(502, echo),
			"not JSON": answer(200, echo),
		} {
			c := client(rt)
			err := c.Post(context.Background(), channel.Message{}, signed)
			channeltest.NoSecrets(t, err.Error(), token[:8], sign[:8])
			if t.Failed() {
				t.Fatalf("%s, token at byte %d", name, pad)
			}
		}
	}
}
