package report

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/yujing-go/yujing/store"
)

// ContentType is the media type of the files Write makes.
const ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

// MaxURLLength is the longest URL an Uploader returns: the width of
// monitor_basic_data.file_url.
const MaxURLLength = store.FileURLMax

// MaxKeyLength is the longest key an Uploader accepts, in bytes (S3's limit
// on object keys).
const MaxKeyLength = 1024

// ErrURLTooLong is returned (wrapped) by Upload when the file's URL would
// not fit in monitor_basic_data.file_url. Nothing is stored; a shorter key
// or base URL is needed, retrying the same call will not help.
var ErrURLTooLong = fmt.Errorf("report: file URL longer than %d characters", MaxURLLength)

// ErrNotFound is returned (wrapped) by Open when no file is stored under the
// key.
var ErrNotFound = errors.New("report: file not found")

// ErrBadKey is returned (wrapped) for a key that CheckKey refuses.
var ErrBadKey = errors.New("report: bad key")

// Uploader stores report files and says where they are. Implementations are
// safe for concurrent use.
type Uploader interface {
	// Upload stores size bytes read from the start of body (it seeks to
	// offset 0 first) under key, replacing a file already stored under
	// the same key, and returns the file's URL. size -1 means unknown
	// (slower for S3: minio-go then buffers parts in memory). The URL is
	// at most MaxURLLength characters; a longer one is an error wrapping
	// ErrURLTooLong, and nothing is stored.
	Upload(ctx context.Context, key string, body io.ReadSeeker, size int64, contentType string) (url string, err error)

	// Open reads back the file stored under key (the engine attaches small
	// reports to emails). A missing file is an error wrapping ErrNotFound.
	// The caller closes the reader.
	Open(ctx context.Context, key string) (io.ReadCloser, error)
}

// CheckKey reports whether key is a storage key every Uploader accepts: a
// relative, slash-separated path of at most MaxKeyLength bytes of valid
// UTF-8, with no empty, "." or ".." element, no backslash and no control
// character. Keys made by ObjectKey always pass. The error wraps ErrBadKey.
func CheckKey(key string) error {
	reason := keyProblem(key)
	if reason == "" {
		return nil
	}
	return fmt.Errorf("%w %q: %s", ErrBadKey, key, reason)
}

// keyProblem says what is wrong with key, or "" when nothing is.
func keyProblem(key string) string {
	switch {
	case key == "":
		return "empty"
	case len(key) > MaxKeyLength:
		return fmt.Sprintf("longer than %d bytes", MaxKeyLength)
	case !utf8.ValidString(key):
		return "not valid UTF-8"
	case strings.ContainsRune(key, '\\'):
		return "holds a backslash"
	case strings.ContainsFunc(key, isControl):
		return "holds a control character"
	}
	for elem := range strings.SplitSeq(key, "/") {
		switch elem {
		case "":
			return "absolute, or holds an empty path element"
		case ".", "..":
			return "holds a . or .. path element"
		}
	}
	return ""
}

func isControl(r rune) bool { return r < 0x20 || r == 0x7f }
