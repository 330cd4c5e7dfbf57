package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"path/filepath"
	"strings"
	"testing"

	"github.com/yujing-go/yujing/internal/testdb"
	"github.com/yujing-go/yujing/store"
)

// result is what a command line run printed and returned.
type result struct {
	code           int
	stdout, stderr string
}

// yujing runs the command line in-process.
func yujing(t *testing.T, args ...string) result {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), args, &out, &errb)
	return result{code, out.String(), errb.String()}
}

// must runs the command line and fails the test unless it exits 0.
func must(t *testing.T, args ...string) result {
	t.Helper()
	r := yujing(t, args...)
	if r.code != exitOK {
		t.Fatalf("yujing %s: exit %d\nstdout: %s\nstderr: %s", strings.Join(args, " "), r.code, r.stdout, r.stderr)
	}
	return r
}

// want checks a run's exit status and that its error says every one of
// the texts, on one line.
func (r result) want(t *testing.T, code int, says ...string) {
	t.Helper()
	if r.code != code {
		t.Fatalf("exit %d, want %d\nstdout: %s\nstderr: %s", r.code, code, r.stdout, r.stderr)
	}
	if code != exitOK {
		if !strings.HasPrefix(r.stderr, "yujing: ") || strings.Count(r.stderr, "\n") != 1 {
			t.Errorf("the error is not one line starting with \"yujing: \": %q", r.stderr)
		}
	}
	for _, s := range says {
		if !strings.Contains(r.stderr, s) {
			t.Errorf("stderr does not say %q: %s", s, r.stderr)
		}
	}
}

// decode reads a run's stdout as exactly one JSON document into v.
func decode(t *testing.T, r result, v any) {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(r.stdout))
	if err := dec.Decode(v); err != nil {
		t.Fatalf("stdout is not JSON: %v\n%s", err, r.stdout)
	}
	var more any
	if err := dec.Decode(&more); !errors.Is(err, io.EOF) {
		t.Fatalf("stdout holds more than one JSON document: %v\n%s", err, r.stdout)
	}
}

// backend is a database the commands run on.
type backend struct {
	flags []string // --sqlite PATH or --dsn DSN
	open  func(t *testing.T) *store.DB
}

// args appends the database flags to a command line.
func (b *backend) args(args ...string) []string { return append(args, b.flags...) }

// migrated runs yujing migrate on the backend.
func (b *backend) migrated(t *testing.T) *backend {
	t.Helper()
	must(t, b.args("migrate")...)
	return b
}

// forEachBackend runs fn on a fresh SQLite file in t.TempDir(), and on a
// fresh database of the MySQL/MariaDB server ALERT_TEST_MYSQL_DSN names
// (the subtest skips, saying why, without it).
func forEachBackend(t *testing.T, fn func(t *testing.T, b *backend)) {
	t.Run("sqlite", func(t *testing.T) {
		t.Parallel()
		path := filepath.Join(t.TempDir(), "yujing.db")
		fn(t, &backend{flags: []string{"--sqlite", path}, open: func(t *testing.T) *store.DB {
			db, err := store.OpenSQLite(context.Background(), path)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { db.Close() })
			return db
		}})
	})
	t.Run("mysql", func(t *testing.T) {
		t.Parallel()
		dsn := testdb.MySQLDSN(t)
		fn(t, &backend{flags: []string{"--dsn", dsn}, open: func(t *testing.T) *store.DB {
			db, err := store.OpenMySQL(context.Background(), dsn)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { db.Close() })
			return db
		}})
	})
}

// lines returns the non-empty lines of a table.
func lines(s string) []string {
	var out []string
	for l := range strings.SplitSeq(s, "\n") {
		if strings.TrimSpace(l) != "" {
			out = append(out, l)
		}
	}
	return out
}
