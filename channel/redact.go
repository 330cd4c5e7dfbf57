package channel

import (
	"context"
	"errors"
	"io"
	"net"
	"net/url"
	"os"
	"strconv"
	"strings"
	"syscall"
)

// redacted is the replacement for a secret in an error's text.
const redacted = "[REDACTED]"

// Redact returns an error with err's text minus every secret: each of
// secrets (also in its URL-escaped forms) is replaced by "[REDACTED]", and
// the URL of every *url.Error in err's chain (net/http puts the request's
// URL, key and token included, into its errors) keeps only its scheme and
// host.
//
// The result does not wrap err, so no caller can reach the original text,
// but it still matches the usual sentinels with errors.Is
// (context.DeadlineExceeded, context.Canceled, io.EOF, connection refused
// or reset…) and reports Timeout() like err.
func Redact(err error, secrets ...string) error {
	if err == nil {
		return nil
	}
	msg := err.Error()
	for u := range urlErrors(err) {
		msg = strings.ReplaceAll(msg, strconv.Quote(u), strconv.Quote(redactURL(u)))
		msg = strings.ReplaceAll(msg, u, redactURL(u))
	}
	msg = RedactString(msg, secrets...)
	r := &redactedError{msg: msg}
	for _, s := range sentinels() {
		if errors.Is(err, s) {
			r.is = append(r.is, s)
		}
	}
	if t, ok := errors.AsType[interface {
		error
		Timeout() bool
	}](err); ok {
		r.timeout = t.Timeout()
	}
	r.transient = isTransient(err)
	return r
}

// RedactString returns s with each of secrets (also in its URL-escaped
// forms) replaced by "[REDACTED]". Empty secrets are ignored.
func RedactString(s string, secrets ...string) string {
	for _, secret := range secrets {
		if secret == "" {
			continue
		}
		s = strings.ReplaceAll(s, secret, redacted)
		if q := url.QueryEscape(secret); q != secret {
			s = strings.ReplaceAll(s, q, redacted)
		}
		if p := url.PathEscape(secret); p != secret {
			s = strings.ReplaceAll(s, p, redacted)
		}
	}
	return s
}

// sentinels are the errors a redacted error still matches.
func sentinels() []error {
	return []error{
		context.DeadlineExceeded, context.Canceled, os.ErrDeadlineExceeded,
		io.EOF, io.ErrUnexpectedEOF, net.ErrClosed,
		syscall.ECONNREFUSED, syscall.ECONNRESET, syscall.ECONNABORTED, syscall.EPIPE,
		syscall.EHOSTUNREACH, syscall.ENETUNREACH, syscall.ETIMEDOUT,
	}
}

type redactedError struct {
	msg       string
	is        []error
	timeout   bool
	transient bool // a network or context error: see IsRetryable
}

// Error returns the scrubbed text.
func (e *redactedError) Error() string { return e.msg }

// Timeout reports whether the original error was a timeout.
func (e *redactedError) Timeout() bool { return e.timeout }

// Is reports whether the original error matched target, one of sentinels.
func (e *redactedError) Is(target error) bool {
	for _, s := range e.is {
		if s == target {
			return true
		}
	}
	return false
}

// urlErrors yields the URL of every *url.Error in err's tree.
func urlErrors(err error) func(yield func(string) bool) {
	return func(yield func(string) bool) {
		var walk func(error) bool
		walk = func(err error) bool {
			if err == nil {
				return true
			}
			if ue, ok := err.(*url.Error); ok && ue.URL != "" {
				if !yield(ue.URL) {
					return false
				}
			}
			switch x := err.(type) {
			case interface{ Unwrap() error }:
				return walk(x.Unwrap())
			case interface{ Unwrap() []error }:
				for _, e := range x.Unwrap() {
					if !walk(e) {
						return false
					}
				}
			}
			return true
		}
		walk(err)
	}
}

// redactURL keeps a URL's scheme and host: its path, query and user info
// may all hold credentials (WeCom's key, Feishu's and Slack's tokens).
func redactURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return redacted
	}
	out := u.Scheme + "://" + u.Host
	if u.Path != "" || u.RawQuery != "" {
		out += "/" + redacted
	}
	return out
}
