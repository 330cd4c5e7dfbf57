package httpsend

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/yujing-go/yujing/channel"
)

// Failer builds the *channel.Error values of one channel. Every cause is
// scrubbed of Secrets before it is wrapped.
type Failer struct {
	Channel string
	Type    string
	// Secrets are the channel's credentials and the URLs that hold them.
	Secrets []string
}

// Scrub returns s without the Failer's secrets and extra (e.g. this
// request's signature). Text is scrubbed before it is cut: a secret cut in
// two is no longer found, and its first part would be left in the error.
func (f Failer) Scrub(s string, extra ...string) string {
	return channel.RedactString(channel.RedactString(s, f.Secrets...), extra...)
}

// Fail returns a failure with the service's code and a message, scrubbed
// of the Failer's secrets and of extra (e.g. this request's signature).
func (f Failer) Fail(code string, retryable bool, after time.Duration, msg string, extra ...string) error {
	msg = f.Scrub(msg, extra...)
	return &channel.Error{Channel: f.Channel, Type: f.Type, Code: code, Retryable: retryable, RetryAfter: after, Err: errors.New(msg)}
}

// Transport classifies an error of the request itself (no response): the
// client-side limiter's error, network errors and timeouts are retryable; a
// certificate that does not verify is permanent.
func (f Failer) Transport(err error, extra ...string) error {
	if e, ok := errors.AsType[*channel.Error](err); ok {
		filled := *e
		filled.Channel, filled.Type = f.Channel, f.Type
		return &filled
	}
	secrets := append(f.Secrets[:len(f.Secrets):len(f.Secrets)], extra...)
	return &channel.Error{Channel: f.Channel, Type: f.Type, Retryable: !IsCertificate(err), Err: channel.Redact(err, secrets...)}
}

// Status classifies a non-2xx response: 5xx, 429 and 408 are retryable
// (after Retry-After when given), other statuses permanent.
func (f Failer) Status(resp *Response, now time.Time, extra ...string) error {
	retryable := resp.Status >= 500 || resp.Status == http.StatusTooManyRequests || resp.Status == http.StatusRequestTimeout
	var after time.Duration
	if retryable {
		after = RetryAfter(resp.Header.Get("Retry-After"), now)
	}
	msg := fmt.Sprintf("HTTP %d %s", resp.Status, http.StatusText(resp.Status))
	if s := f.snippet(resp, extra); s != "" {
		msg += ": " + s
	}
	return f.Fail("HTTP "+strconv.Itoa(resp.Status), retryable, after, msg, extra...)
}

// Unexpected is the failure for a 2xx response whose body cannot be read as
// the service's answer (a proxy's page, a truncated body). It is retryable:
// the message may well not have been delivered.
func (f Failer) Unexpected(resp *Response, extra ...string) error {
	return f.Fail("", true, 0, "unexpected response: "+f.snippet(resp, extra), extra...)
}

// snippetBytes is the most of a response body an error quotes.
const snippetBytes = 200

// snippet is the start of resp's body as one line of printable text,
// scrubbed before it is cut.
func (f Failer) snippet(resp *Response, extra []string) string {
	s := strings.Map(func(c rune) rune {
		if c < ' ' || c == utf8.RuneError {
			return ' '
		}
		return c
	}, strings.ToValidUTF8(string(resp.Body), ""))
	s = f.Scrub(s, extra...)
	if len(s) > snippetBytes {
		n := snippetBytes
		for n > 0 && !utf8.RuneStart(s[n]) {
			n--
		}
		s = s[:n]
	}
	return strings.TrimSpace(s)
}

// IsCertificate reports whether err is a certificate that does not verify:
// a retry will not mend it.
func IsCertificate(err error) bool {
	if _, ok := errors.AsType[*tls.CertificateVerificationError](err); ok {
		return true
	}
	if _, ok := errors.AsType[x509.UnknownAuthorityError](err); ok {
		return true
	}
	if _, ok := errors.AsType[x509.HostnameError](err); ok {
		return true
	}
	_, ok := errors.AsType[x509.CertificateInvalidError](err)
	return ok
}

// Quote quotes a service's message for an error, cut to 200 bytes. Scrub
// s first (Failer.Scrub): the cut may split a secret.
func Quote(s string) string { return strconv.Quote(channel.Truncate(s, 200)) }
