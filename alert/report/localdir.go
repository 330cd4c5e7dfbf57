package report

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// LocalDir is the default Uploader: it keeps files in a directory, under
// their keys as relative paths. Its methods are safe for concurrent use.
type LocalDir struct {
	// Dir is the directory, an absolute path.
	Dir string
	// BaseURL, when set, is where the directory is served (e.g.
	// "https://files.example.com/reports"): a file's URL is BaseURL + "/" +
	// key. When empty, the URL is the file:// URL of the file's absolute
	// path.
	BaseURL string
}

// File and directory modes for stored reports: they hold business data, so
// only the owner and its group may read them (a web server serving Dir
// belongs in the group).
const (
	fileMode = 0o640
	dirMode  = 0o750
)

// NewLocalDir returns a LocalDir for dir (made absolute, and created if
// missing) and baseURL (an http or https URL; a trailing slash is dropped;
// "" for file:// URLs).
func NewLocalDir(dir, baseURL string) (*LocalDir, error) {
	if dir == "" {
		return nil, errors.New("report: local dir: no directory")
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("report: local dir %q: %w", dir, err)
	}
	if err := os.MkdirAll(abs, dirMode); err != nil {
		return nil, fmt.Errorf("report: local dir: %w", err)
	}
	baseURL = strings.TrimRight(baseURL, "/")
	if baseURL != "" {
		u, err := url.Parse(baseURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return nil, fmt.Errorf("report: local dir: base URL %q is not an http(s) URL", baseURL)
		}
	}
	return &LocalDir{Dir: abs, BaseURL: baseURL}, nil
}

// Upload writes the file under key atomically: into a temporary file in
// the key's directory, synced, then renamed over any file already there,
// and the directory synced. A key that CheckKey refuses is an error, and so
// is a key that leads out of Dir through a symbolic link. ctx is checked
// while copying and before the rename; a cancelled upload leaves the
// stored file as it was. contentType is not kept: a web server serving Dir
// takes it from the file's extension.
func (d *LocalDir) Upload(ctx context.Context, key string, body io.ReadSeeker, size int64, contentType string) (string, error) {
	u, err := d.url(key)
	if err == nil {
		err = d.upload(ctx, key, body, size)
	}
	if err != nil {
		return "", fmt.Errorf("report: upload %q to %s: %w", key, d.Dir, err)
	}
	return u, nil
}

func (d *LocalDir) upload(ctx context.Context, key string, body io.ReadSeeker, size int64) (err error) {
	if err := ctx.Err(); err != nil {
		return context.Cause(ctx)
	}
	if _, err := body.Seek(0, io.SeekStart); err != nil {
		return fmt.Errorf("rewind body: %w", err)
	}
	root, err := os.OpenRoot(d.Dir)
	if err != nil {
		return err
	}
	defer root.Close()
	dir := path.Dir(key)
	if err := root.MkdirAll(dir, dirMode); err != nil {
		return err
	}
	tmp, f, err := createTemp(root, key)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			_ = f.Close()
			_ = root.Remove(tmp)
		}
	}()
	var src io.Reader = body
	if size >= 0 {
		src = io.LimitReader(body, size)
	}
	n, err := io.Copy(f, ctxReader{ctx, src})
	switch {
	case err != nil:
		return fmt.Errorf("write: %w", err)
	case size >= 0 && n != size:
		return fmt.Errorf("body holds %d bytes, want %d", n, size)
	}
	if err := f.Sync(); err != nil {
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return context.Cause(ctx)
	}
	if err := root.Rename(tmp, key); err != nil {
		return err
	}
	return syncDir(root, dir)
}

// createTemp creates a new file beside key, named after it.
func createTemp(root *os.Root, key string) (string, *os.File, error) {
	for range 10 {
		var b [8]byte
		_, _ = rand.Read(b[:])
		name := path.Join(path.Dir(key), "."+path.Base(key)+"."+hex.EncodeToString(b[:])+".tmp")
		f, err := root.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, fileMode)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		return name, f, err
	}
	return "", nil, errors.New("no free temporary file name")
}

// syncDir makes a rename in dir durable.
func syncDir(root *os.Root, dir string) error {
	f, err := root.Open(dir)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := f.Sync(); err != nil {
		return fmt.Errorf("sync directory: %w", err)
	}
	return nil
}

// Open opens the file stored under key.
func (d *LocalDir) Open(ctx context.Context, key string) (io.ReadCloser, error) {
	f, err := d.open(ctx, key)
	if err != nil {
		return nil, fmt.Errorf("report: open %q in %s: %w", key, d.Dir, err)
	}
	return f, nil
}

func (d *LocalDir) open(ctx context.Context, key string) (*os.File, error) {
	if err := CheckKey(key); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, context.Cause(ctx)
	}
	root, err := os.OpenRoot(d.Dir)
	if err != nil {
		return nil, err
	}
	defer root.Close()
	f, err := root.Open(key)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%w: %w", ErrNotFound, err)
	}
	if err != nil {
		return nil, err
	}
	if fi, err := f.Stat(); err != nil || !fi.Mode().IsRegular() {
		_ = f.Close()
		return nil, fmt.Errorf("%w: not a regular file", ErrNotFound)
	}
	return f, nil
}

// url is the URL of the file stored under key.
func (d *LocalDir) url(key string) (string, error) {
	if err := CheckKey(key); err != nil {
		return "", err
	}
	var u string
	if d.BaseURL != "" {
		elems := strings.Split(key, "/")
		for i, e := range elems {
			elems[i] = url.PathEscape(e)
		}
		u = d.BaseURL + "/" + strings.Join(elems, "/")
	} else {
		u = (&url.URL{Scheme: "file", Path: filepath.ToSlash(filepath.Join(d.Dir, filepath.FromSlash(key)))}).String()
	}
	if len(u) > MaxURLLength {
		return "", fmt.Errorf("%w (%d): %s", ErrURLTooLong, len(u), u)
	}
	return u, nil
}

// ctxReader reads from r until ctx is done.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, context.Cause(c.ctx)
	}
	return c.r.Read(p)
}
