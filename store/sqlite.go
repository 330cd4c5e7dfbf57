package store

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"
	_ "modernc.org/sqlite" // the "sqlite" driver, pure Go
)

// OpenSQLite opens (creating if needed) the embedded store in the file at
// path, or an in-memory database when path is "" or ":memory:". The file is
// in WAL mode with a 5 s busy timeout and immediate transactions, so
// concurrent goroutines wait for the write lock instead of failing with
// "database is locked"; synchronous=NORMAL keeps every commit across an
// application crash (a power loss may lose the last commits, never
// consistency). An in-memory database lives on one connection, which the
// pool never closes. Call Migrate before use.
func OpenSQLite(ctx context.Context, path string, opts ...Option) (*DB, error) {
	sqlx.BindDriver("sqlite", sqlx.QUESTION)
	memory := path == "" || path == ":memory:"
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(5000)")
	q.Add("_pragma", "foreign_keys(0)")
	if !memory {
		q.Add("_pragma", "journal_mode(WAL)")
		q.Add("_pragma", "synchronous(NORMAL)")
	}
	q.Set("_txlock", "immediate")
	q.Set("_time_format", "datetime")
	q.Set("_timezone", "UTC")
	name := path
	if memory {
		name = ":memory:"
	}
	if strings.ContainsRune(name, '?') {
		return nil, fmt.Errorf("open sqlite: path %q must not contain '?'", path)
	}
	x, err := sqlx.Open("sqlite", name+"?"+q.Encode())
	if err != nil {
		return nil, fmt.Errorf("open sqlite %s: %w", path, err)
	}
	if memory {
		x.SetMaxOpenConns(1)
		x.SetMaxIdleConns(1)
		x.SetConnMaxLifetime(0)
		x.SetConnMaxIdleTime(0)
	} else {
		x.SetMaxOpenConns(4)
		x.SetMaxIdleConns(4)
		x.SetConnMaxIdleTime(time.Hour)
	}
	if err := x.PingContext(ctx); err != nil {
		x.Close()
		return nil, fmt.Errorf("open sqlite %s: %w", path, err)
	}
	db, err := newDB(x, dialectSQLite, opts)
	if err != nil {
		x.Close()
		return nil, err
	}
	return db, nil
}
