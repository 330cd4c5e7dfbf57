package channel

import (
	"context"
	"errors"
	"io"
	"net"
	"strconv"
	"strings"
	"time"
)

// Error is the error every sender returns when a send fails. Callers
// inspect it with errors.As, or through IsRetryable and RetryAfter.
//
// Its text names the channel, never a credential: Err has been scrubbed of
// keys, tokens, secrets, signatures and URLs that hold them.
type Error struct {
	// Channel is the channel_no (or name) of the channel.
	Channel string
	// Type is the channel type's name: "wecom", "dingtalk", …
	Type string
	// Code is the service's own code: an errcode, an HTTP status ("HTTP
	// 503"), an SMTP reply code or a Slack error string. It is empty when
	// the service gave none (network error, timeout, client-side limit).
	Code string
	// Retryable reports whether sending the same message again later may
	// succeed (rate limited, busy, 5xx, network). A permanent failure (bad
	// token, bad signature, message refused) will fail the same way again.
	Retryable bool
	// RetryAfter is how long to wait before retrying, when the service or
	// the channel's rules say so (Retry-After, DingTalk's 10-minute
	// throttle, WeCom's minute window). Zero means the caller's backoff.
	RetryAfter time.Duration
	// Err is the cause, scrubbed of secrets.
	Err error
}

// Error returns e.g. `channel CH01 (dingtalk): code 130101, retryable after
// 10m0s: sending too fast`.
func (e *Error) Error() string {
	var b strings.Builder
	writeName(&b, e.Channel, e.Type)
	sep := ": "
	if e.Code != "" {
		b.WriteString(": code ")
		b.WriteString(e.Code)
		sep = ", "
	}
	if e.Retryable {
		b.WriteString(sep)
		b.WriteString("retryable")
		if e.RetryAfter > 0 {
			b.WriteString(" after ")
			b.WriteString(e.RetryAfter.String())
		}
	} else {
		b.WriteString(sep)
		b.WriteString("permanent")
	}
	if e.Err != nil {
		b.WriteString(": ")
		b.WriteString(e.Err.Error())
	}
	return b.String()
}

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

// IsRetryable reports whether err is worth retrying: an *Error that says so,
// or, for errors that are not an *Error, a network error or the end of the
// send's context (deadline or cancellation: the message was not delivered).
func IsRetryable(err error) bool {
	if err == nil {
		return false
	}
	if e, ok := errors.AsType[*Error](err); ok {
		return e.Retryable
	}
	return isTransient(err)
}

// RetryAfter returns how long to wait before retrying err (see
// Error.RetryAfter), or 0 when err does not say.
func RetryAfter(err error) time.Duration {
	if e, ok := errors.AsType[*Error](err); ok {
		return e.RetryAfter
	}
	return 0
}

// isTransient reports whether err is a network or context error.
func isTransient(err error) bool {
	if r, ok := errors.AsType[*redactedError](err); ok {
		return r.transient
	}
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) ||
		errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) || errors.Is(err, net.ErrClosed) {
		return true
	}
	if _, ok := errors.AsType[net.Error](err); ok {
		return true
	}
	if t, ok := err.(interface{ Timeout() bool }); ok && t.Timeout() {
		return true
	}
	return false
}

// ConfigError is returned by Registry.Build and by the factories when a
// channel's details are missing or malformed. It names the channel and the
// key, never the value.
type ConfigError struct {
	Channel string // channel_no (or name)
	Type    string // type name, or the numeric type when unknown
	Key     string // detail key; empty when the error is not about one key
	Reason  string // e.g. "missing", "want a Go duration such as 10s"
}

// Error returns e.g. `channel CH01 (dingtalk): detail "access_token":
// missing`.
func (e *ConfigError) Error() string {
	var b strings.Builder
	writeName(&b, e.Channel, e.Type)
	b.WriteString(": ")
	if e.Key != "" {
		b.WriteString("detail ")
		b.WriteString(strconv.Quote(e.Key))
		b.WriteString(": ")
	}
	b.WriteString(e.Reason)
	return b.String()
}

// writeName writes "channel CH01 (dingtalk)", leaving out what is empty.
func writeName(b *strings.Builder, channel, typ string) {
	b.WriteString("channel")
	if channel != "" {
		b.WriteString(" ")
		b.WriteString(channel)
	}
	if typ != "" {
		b.WriteString(" (")
		b.WriteString(typ)
		b.WriteString(")")
	}
}
