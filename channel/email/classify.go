package email

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net/textproto"
	"os"
	"strconv"

	"github.com/yujing-go/yujing/channel"
	"github.com/yujing-go/yujing/channel/internal/httpsend"
)

// classify turns a failed SMTP session into a *channel.Error.
func (s *Sender) classify(ctx context.Context, err error) error {
	if ctx.Err() != nil || errors.Is(err, os.ErrDeadlineExceeded) {
		// The context ended and closed the connection, or the connection's
		// deadline (the context's) passed first: say why.
		cause := context.Cause(ctx)
		if cause == nil {
			cause = context.DeadlineExceeded
		}
		return s.fail("", true, fmt.Errorf("SMTP session not finished within the send's deadline or context: %w", cause))
	}
	if e, ok := errors.AsType[*textproto.Error](err); ok {
		return s.fail(strconv.Itoa(e.Code), e.Code >= 400 && e.Code < 500, fmt.Errorf("SMTP %d: %s", e.Code, e.Msg))
	}
	switch {
	case errors.Is(err, errNoStartTLS), errors.Is(err, errInsecureAuth):
		return s.fail("", false, err)
	}
	if isTLSSetup(err) {
		return s.fail("", false, err)
	}
	return s.fail("", channel.IsRetryable(err), err)
}

// fail returns a failure with the cause scrubbed of the password.
func (s *Sender) fail(code string, retryable bool, cause error) error {
	return &channel.Error{Channel: s.cfg.Channel, Type: "email", Code: code, Retryable: retryable, Err: channel.Redact(cause, s.secrets...)}
}

// isTLSSetup reports whether err is a TLS failure that a retry will not
// mend: a certificate that does not verify, or TLS spoken to a port that
// does not (tls implicit on a STARTTLS port).
func isTLSSetup(err error) bool {
	_, ok := errors.AsType[tls.RecordHeaderError](err)
	return ok || httpsend.IsCertificate(err)
}
