package s3

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/minio/minio-go/v7"

	"github.com/yujing-go/yujing/alert/report"
)

// fail wraps err from op on object name with the bucket and the object, the
// S3 error code and HTTP status when there is one, and report.ErrNotFound
// for a missing object; the text is scrubbed of the credentials.
func (u *Uploader) fail(op, name string, err error) error {
	var resp minio.ErrorResponse
	if errors.As(err, &resp) && resp.Code != "" {
		detail := resp.Code
		if resp.StatusCode != 0 {
			detail += ", " + statusText(resp.StatusCode)
		}
		switch resp.Code {
		case "NoSuchKey":
			err = fmt.Errorf("%w (%s): %w", report.ErrNotFound, detail, err)
		case "NoSuchBucket":
			err = fmt.Errorf("bucket does not exist (%s): %w", detail, err)
		default:
			err = fmt.Errorf("%s: %w", detail, err)
		}
	}
	return &scrubbed{
		text: u.scrub(fmt.Sprintf("s3: %s %q in bucket %q: %v", op, name, u.bucket, err)),
		err:  err,
	}
}

// scrub replaces in s the credentials and any request signature (a
// service may echo the Authorization header or a presigned URL).
func (u *Uploader) scrub(s string) string {
	for _, secret := range u.secrets {
		s = strings.ReplaceAll(s, secret, redacted)
	}
	return scrubSignatures(s)
}

const redacted = "[redacted]"

// scrubSignatures replaces the hex digits after each "Signature=" (SigV4's
// Authorization header, X-Amz-Signature) in s.
func scrubSignatures(s string) string {
	const mark = "Signature="
	var b strings.Builder
	for {
		i := strings.Index(s, mark)
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		i += len(mark)
		b.WriteString(s[:i])
		s = s[i:]
		j := strings.IndexFunc(s, func(r rune) bool { return !strings.ContainsRune("0123456789abcdefABCDEF", r) })
		if j < 0 {
			j = len(s)
		}
		if j > 0 {
			b.WriteString(redacted)
		}
		s = s[j:]
	}
}

// statusText is e.g. "HTTP 403 Forbidden".
func statusText(code int) string {
	return fmt.Sprintf("HTTP %d %s", code, http.StatusText(code))
}

// scrubbed is an error whose text has been scrubbed of credentials; it
// still unwraps to the cause for errors.Is and errors.As.
type scrubbed struct {
	text string
	err  error
}

func (e *scrubbed) Error() string { return e.text }
func (e *scrubbed) Unwrap() error { return e.err }
