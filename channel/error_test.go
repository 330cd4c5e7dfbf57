package channel_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/yujing-go/yujing/channel"
)

func TestErrorText(t *testing.T) {
	for _, tc := range []struct {
		err  *channel.Error
		want string
	}{
		{&channel.Error{Channel: "CH01", Type: "dingtalk", Code: "130101", Retryable: true, RetryAfter: 10 * time.Minute, Err: errors.New("sending too fast")},
			"channel CH01 (dingtalk): code 130101, retryable after 10m0s: sending too fast"},
		{&channel.Error{Channel: "CH01", Type: "wecom", Code: "93000", Err: errors.New("robot removed")},
			"channel CH01 (wecom): code 93000, permanent: robot removed"},
		{&channel.Error{Channel: "CH09", Type: "webhook", Retryable: true, Err: errors.New("connection refused")},
			"channel CH09 (webhook): retryable: connection refused"},
	} {
		if got := tc.err.Error(); got != tc.want {
			t.Errorf("got  %s\nwant %s", got, tc.want)
		}
	}
}

func TestIsRetryableAndRetryAfter(t *testing.T) {
	permanent := &channel.Error{Code: "310000", Err: errors.New("sign")}
	throttled := &channel.Error{Code: "130101", Retryable: true, RetryAfter: 10 * time.Minute, Err: errors.New("fast")}
	for _, tc := range []struct {
		name  string
		err   error
		retry bool
		after time.Duration
	}{
		{"nil", nil, false, 0},
		{"permanent", permanent, false, 0},
		{"throttled", throttled, true, 10 * time.Minute},
		{"wrapped", fmt.Errorf("tick: %w", throttled), true, 10 * time.Minute},
		{"deadline", context.DeadlineExceeded, true, 0},
		{"canceled", fmt.Errorf("send: %w", context.Canceled), true, 0},
		{"network", &net.OpError{Op: "dial", Net: "tcp", Err: syscall.ECONNREFUSED}, true, 0},
		{"eof", io.ErrUnexpectedEOF, true, 0},
		{"plain", errors.New("bad template"), false, 0},
		{"redacted network", channel.Redact(&net.OpError{Op: "dial", Net: "tcp", Err: syscall.ECONNREFUSED}), true, 0},
		{"redacted plain", channel.Redact(errors.New("bad")), false, 0},
	} {
		if got := channel.IsRetryable(tc.err); got != tc.retry {
			t.Errorf("%s: IsRetryable = %v", tc.name, got)
		}
		if got := channel.RetryAfter(tc.err); got != tc.after {
			t.Errorf("%s: RetryAfter = %v", tc.name, got)
		}
	}
	if e := (&channel.Error{Err: io.EOF}); !errors.Is(e, io.EOF) {
		t.Error("Error does not unwrap to its cause")
	}
}

func TestConfigErrorText(t *testing.T) {
	e := &channel.ConfigError{Channel: "CH01", Type: "dingtalk", Key: "access_token", Reason: "missing"}
	if got := e.Error(); got != `channel CH01 (dingtalk): detail "access_token": missing` {
		t.Error(got)
	}
}

func TestRedact(t *testing.T) {
	const key = "693a91f6-7a2b-4bc4-97a0-0ec2sifa5aaa"
	raw := "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=" + key
	err := fmt.Errorf("send: %w", &url.Error{Op: "Post", URL: raw, Err: &net.OpError{Op: "dial", Net: "tcp", Err: &timeoutError{}}})
	r := channel.Redact(err, key, "s+cret/=")
	if strings.Contains(r.Error(), key) || strings.Contains(r.Error(), "/cgi-bin/") {
		t.Errorf("Redact kept the URL: %s", r)
	}
	if want := `send: Post "https://qyapi.weixin.qq.com/[REDACTED]": dial tcp: i/o timeout`; r.Error() != want {
		t.Errorf("got  %s\nwant %s", r, want)
	}
	if errors.Unwrap(r) != nil {
		t.Error("Redact's error unwraps to the original")
	}
	if te, ok := r.(interface{ Timeout() bool }); !ok || !te.Timeout() {
		t.Error("Redact lost Timeout")
	}
	if !channel.IsRetryable(r) {
		t.Error("a redacted network error is not retryable")
	}

	escaped := channel.Redact(errors.New("sign=s%2Bcret%2F%3D and s+cret/= and s+cret%2F="), "s+cret/=")
	if strings.Contains(escaped.Error(), "cret") {
		t.Errorf("Redact kept an escaped form: %s", escaped)
	}
	if d := channel.Redact(fmt.Errorf("x: %w", context.DeadlineExceeded)); !errors.Is(d, context.DeadlineExceeded) {
		t.Error("Redact lost context.DeadlineExceeded")
	}
	if channel.Redact(nil) != nil {
		t.Error("Redact(nil) != nil")
	}
}

type timeoutError struct{}

func (*timeoutError) Error() string   { return "i/o timeout" }
func (*timeoutError) Timeout() bool   { return true }
func (*timeoutError) Temporary() bool { return true }

func TestErrorTextWithoutChannel(t *testing.T) {
	e := &channel.Error{Type: "wecom", Retryable: true, Err: errors.New("busy")}
	if got := e.Error(); got != "channel (wecom): retryable: busy" {
		t.Error(got)
	}
}
