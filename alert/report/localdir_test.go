package report

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

func newLocal(t *testing.T, baseURL string) *LocalDir {
	t.Helper()
	d, err := NewLocalDir(filepath.Join(t.TempDir(), "files"), baseURL)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func put(t *testing.T, u Uploader, key, body string) (string, error) {
	t.Helper()
	return u.Upload(context.Background(), key, strings.NewReader(body), int64(len(body)), ContentType)
}

func get(t *testing.T, u Uploader, key string) string {
	t.Helper()
	rc, err := u.Open(context.Background(), key)
	if err != nil {
		t.Fatalf("Open(%q): %v", key, err)
	}
	defer rc.Close()
	b, err := io.ReadAll(rc)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// entries lists the files under dir, relative and slash-separated.
func entries(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		out = append(out, filepath.ToSlash(rel))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestLocalDirUploadOpen(t *testing.T) {
	d := newLocal(t, "")
	key := "reports/0/PH/a b.xlsx"
	url, err := put(t, d, key, "first")
	if err != nil {
		t.Fatal(err)
	}
	if want := "file://" + filepath.ToSlash(d.Dir) + "/reports/0/PH/a%20b.xlsx"; url != want {
		t.Errorf("URL = %q, want %q", url, want)
	}
	if got := get(t, d, key); got != "first" {
		t.Errorf("read %q", got)
	}
	if _, err := put(t, d, key, "second"); err != nil {
		t.Fatal(err)
	}
	if got := get(t, d, key); got != "second" {
		t.Errorf("read %q after overwrite", got)
	}
	if got := entries(t, d.Dir); len(got) != 1 || got[0] != key {
		t.Errorf("directory holds %q, want only %q (no temporary files)", got, key)
	}
	fi, err := os.Stat(filepath.Join(d.Dir, filepath.FromSlash(key)))
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm()&0o007 != 0 {
		t.Errorf("file mode %v lets everyone read", fi.Mode())
	}
}

func TestLocalDirBaseURL(t *testing.T) {
	d := newLocal(t, "https://files.example.com/reports/")
	url, err := put(t, d, "reports/0/PH/x+y 1.xlsx", "x")
	if err != nil {
		t.Fatal(err)
	}
	if want := "https://files.example.com/reports/reports/0/PH/x+y%201.xlsx"; url != want {
		t.Errorf("URL = %q, want %q", url, want)
	}
	for _, bad := range []string{"files.example.com", "ftp://files.example.com", "https://"} {
		if _, err := NewLocalDir(t.TempDir(), bad); err == nil {
			t.Errorf("NewLocalDir accepted base URL %q", bad)
		}
	}
	if _, err := NewLocalDir("", ""); err == nil {
		t.Error("NewLocalDir accepted no directory")
	}
}

func TestLocalDirURLTooLong(t *testing.T) {
	d := newLocal(t, "https://files.example.com/"+strings.Repeat("x", 200))
	key := "reports/0/PH/" + strings.Repeat("k", 50) + ".xlsx"
	if _, err := put(t, d, key, "x"); !errors.Is(err, ErrURLTooLong) {
		t.Fatalf("err = %v, want ErrURLTooLong", err)
	}
	if got := entries(t, d.Dir); len(got) != 0 {
		t.Errorf("stored %q although the URL was too long", got)
	}
}

func TestLocalDirBadKeys(t *testing.T) {
	d := newLocal(t, "")
	outside := filepath.Dir(d.Dir)
	for _, key := range []string{"../escape.xlsx", "a/../../escape.xlsx", "/etc/escape.xlsx", "a//b", `..\escape.xlsx`, ""} {
		if _, err := put(t, d, key, "x"); !errors.Is(err, ErrBadKey) {
			t.Errorf("Upload(%q): err = %v, want ErrBadKey", key, err)
		}
		if _, err := d.Open(context.Background(), key); !errors.Is(err, ErrBadKey) {
			t.Errorf("Open(%q): err = %v, want ErrBadKey", key, err)
		}
	}
	// A symbolic link inside the directory that leads out of it.
	if err := os.Symlink(outside, filepath.Join(d.Dir, "link")); err != nil {
		t.Skip("no symbolic links:", err)
	}
	if _, err := put(t, d, "link/escape.xlsx", "x"); err == nil {
		t.Error("Upload followed a symbolic link out of the directory")
	}
	if _, err := os.Stat(filepath.Join(outside, "escape.xlsx")); err == nil {
		t.Error("a file was written outside the directory")
	}
}

func TestLocalDirOpenMissing(t *testing.T) {
	d := newLocal(t, "")
	if _, err := d.Open(context.Background(), "reports/none.xlsx"); !errors.Is(err, ErrNotFound) || !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("err = %v, want ErrNotFound", err)
	}
	if _, err := put(t, d, "reports/x.xlsx", "x"); err != nil {
		t.Fatal(err)
	}
	if _, err := d.Open(context.Background(), "reports"); !errors.Is(err, ErrNotFound) {
		t.Errorf("opening a directory: err = %v, want ErrNotFound", err)
	}
}

// cancelAfter is a body that cancels its context after n reads.
type cancelAfter struct {
	io.ReadSeeker
	n      int
	cancel context.CancelFunc
}

func (c *cancelAfter) Read(p []byte) (int, error) {
	if c.n--; c.n < 0 {
		c.cancel()
	}
	return c.ReadSeeker.Read(p[:min(len(p), 10)])
}

func TestLocalDirCancelled(t *testing.T) {
	d := newLocal(t, "")
	key := "reports/x.xlsx"
	if _, err := put(t, d, key, "old"); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	body := strings.Repeat("new", 100)
	r := &cancelAfter{ReadSeeker: strings.NewReader(body), n: 3, cancel: cancel}
	if _, err := d.Upload(ctx, key, r, int64(len(body)), ContentType); !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want Canceled", err)
	}
	if got := get(t, d, key); got != "old" {
		t.Errorf("a cancelled upload changed the file to %q", got[:min(len(got), 10)])
	}
	if got := entries(t, d.Dir); len(got) != 1 {
		t.Errorf("directory holds %q after a cancelled upload", got)
	}
	if _, err := d.Open(ctx, key); !errors.Is(err, context.Canceled) {
		t.Errorf("Open with a cancelled context: err = %v", err)
	}
}

func TestLocalDirSizeMismatch(t *testing.T) {
	d := newLocal(t, "")
	if _, err := d.Upload(context.Background(), "a.xlsx", strings.NewReader("abc"), 10, ContentType); err == nil {
		t.Error("Upload took a body shorter than its size")
	}
	if got := entries(t, d.Dir); len(got) != 0 {
		t.Errorf("directory holds %q after a failed upload", got)
	}
	// A longer body is cut at size; an unknown size (-1) takes it all.
	if _, err := d.Upload(context.Background(), "b.xlsx", strings.NewReader("abcdef"), 3, ContentType); err != nil {
		t.Fatal(err)
	}
	if got := get(t, d, "b.xlsx"); got != "abc" {
		t.Errorf("read %q, want abc", got)
	}
	if _, err := d.Upload(context.Background(), "c.xlsx", strings.NewReader("abcdef"), -1, ContentType); err != nil {
		t.Fatal(err)
	}
	if got := get(t, d, "c.xlsx"); got != "abcdef" {
		t.Errorf("read %q, want abcdef", got)
	}
}

func TestLocalDirConcurrent(t *testing.T) {
	// Uploads of the same key race; the file is always one whole body.
	d := newLocal(t, "")
	bodies := []string{strings.Repeat("a", 100_000), strings.Repeat("b", 50_000), strings.Repeat("c", 150_000)}
	var wg sync.WaitGroup
	for i := range 12 {
		wg.Go(func() {
			if _, err := put(t, d, "reports/same.xlsx", bodies[i%len(bodies)]); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	got := get(t, d, "reports/same.xlsx")
	if got != bodies[0] && got != bodies[1] && got != bodies[2] {
		t.Errorf("file is a mix of uploads (%d bytes)", len(got))
	}
	if files := entries(t, d.Dir); len(files) != 1 {
		t.Errorf("directory holds %q", files)
	}
}
