package store

import (
	"context"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"reflect"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"
)

// DB is a store on one MySQL/MariaDB or SQLite database. It implements both
// sides of the schema (Platform and Business); a host that keeps the two
// sides in two databases opens two DBs and hands each to the engine for its
// side.
type DB struct {
	x       *sqlx.DB
	dialect dialect
	t       *tables
	now     func() time.Time
	log     *slog.Logger
}

// Option configures a DB.
type Option func(*DB)

// WithClock sets the clock the store stamps create_time and update_time
// with (time.Now by default). Tests pass the clock they control. An alert
// engine given the store stamps the rows it writes with its own clock
// instead (see Clocked).
func WithClock(now func() time.Time) Option { return func(db *DB) { db.now = now } }

// WithLogger sets the logger for the store's own messages (migrations).
func WithLogger(l *slog.Logger) Option { return func(db *DB) { db.log = l } }

func newDB(x *sqlx.DB, d dialect, opts []Option) (*DB, error) {
	t, err := newTables()
	if err != nil {
		return nil, err
	}
	db := &DB{x: x, dialect: d, t: t, now: time.Now, log: slog.New(slog.DiscardHandler)}
	for _, o := range opts {
		o(db)
	}
	return db, nil
}

// Clocked returns a DB on the same connections whose timestamps
// (create_time, update_time, generated codes, releases) come from now. The
// alert engine calls it with its own clock (alert.WithClock), so that one
// clock drives every time it writes. Closing either closes both.
func (db *DB) Clocked(now func() time.Time) *DB {
	c := *db
	c.now = now
	return &c
}

// Close closes the database.
func (db *DB) Close() error { return db.x.Close() }

// SQL returns the underlying handle, for queries of the host's own.
func (db *DB) SQL() *sqlx.DB { return db.x }

// Dialect is "mysql" or "sqlite".
func (db *DB) Dialect() string { return db.dialect.String() }

func (db *DB) clock() time.Time { return normTime(db.now()) }

// retry runs fn again when it fails with a transient conflict (deadlock,
// lock-wait timeout, SQLite busy), a few times with a short jittered pause.
func (db *DB) retry(ctx context.Context, fn func() error) error {
	const attempts = 6
	var err error
	for i := range attempts {
		if err = fn(); err == nil || !db.dialect.isTransient(err) {
			return err
		}
		pause := time.Duration(5<<i)*time.Millisecond + rand.N(5*time.Millisecond)
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(pause):
		}
	}
	return err
}

// exec runs q on ex, again on a transient conflict (see retry), and returns
// how many rows it changed.
func (db *DB) exec(ctx context.Context, ex sqlx.ExecerContext, q string, args ...any) (int64, error) {
	var n int64
	err := db.retry(ctx, func() error {
		res, err := ex.ExecContext(ctx, q, args...)
		if err != nil {
			return err
		}
		n, _ = res.RowsAffected()
		return nil
	})
	return n, err
}

// inTx runs fn in one transaction (READ COMMITTED on MySQL, an immediate
// transaction on SQLite), retrying the whole transaction on a transient
// conflict. Nothing fn wrote survives an error.
func (db *DB) inTx(ctx context.Context, fn func(tx *sqlx.Tx) error) error {
	opts := db.dialect.txOptions()
	return db.retry(ctx, func() error {
		tx, err := db.x.BeginTxx(ctx, opts)
		if err != nil {
			return err
		}
		if err := fn(tx); err != nil {
			_ = tx.Rollback()
			return err
		}
		return tx.Commit()
	})
}

// InTx runs fn with a Tx whose writes commit together or not at all.
func (db *DB) InTx(ctx context.Context, fn func(tx *Tx) error) error {
	return db.inTx(ctx, func(x *sqlx.Tx) error { return fn(&Tx{db: db, x: x}) })
}

// Tx is a transaction on a DB: the inserts it offers commit together with
// the host's own statements on the same transaction.
type Tx struct {
	db *DB
	x  *sqlx.Tx
}

// SQL returns the underlying transaction.
func (tx *Tx) SQL() *sqlx.Tx { return tx.x }

// insert writes rows (a pointer to a slice of the table's type) in multi-row
// INSERT statements of at most batch rows. With ignore, rows whose unique
// key already exists are skipped; otherwise a duplicate fails the statement.
// It fills generated codes and defaults into the rows in place and returns
// how many rows were inserted.
func (db *DB) insert(ctx context.Context, ex sqlx.ExtContext, m *mapping, rows any, ignore bool) (int64, error) {
	rv := reflect.ValueOf(rows).Elem()
	n := rv.Len()
	if n == 0 {
		return 0, nil
	}
	cols := m.insertColumns()
	per := min(500, db.dialect.maxParams()/len(cols))
	now := db.clock()
	var total int64
	args := make([]any, 0, min(n, per)*len(cols))
	for start := 0; start < n; start += per {
		end := min(start+per, n)
		args = args[:0]
		for i := start; i < end; i++ {
			var err error
			if args, err = m.prepareInsert(rv.Index(i), now, args); err != nil {
				return total, fmt.Errorf("row %d: %w", i, err)
			}
		}
		res, err := ex.ExecContext(ctx, db.insertSQL(m, end-start, ignore), args...)
		if err != nil {
			if db.dialect.isDuplicate(err) {
				return total, fmt.Errorf("insert %s: %w: %v", m.spec.name, ErrDuplicate, err)
			}
			return total, fmt.Errorf("insert %s: %w", m.spec.name, db.dialect.notMigrated(err))
		}
		affected, _ := res.RowsAffected()
		total += affected
	}
	return total, nil
}

func (db *DB) insertSQL(m *mapping, rows int, ignore bool) string {
	cols := m.insertColumns()
	head, tail := "INSERT INTO ", ""
	if ignore {
		head, tail = db.dialect.insertIgnore()
	}
	var b strings.Builder
	b.Grow(64 + len(cols)*16 + rows*len(cols)*2)
	b.WriteString(head)
	b.WriteString(m.spec.name)
	b.WriteString(" (")
	for i, c := range cols {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString("`" + c.name + "`")
	}
	b.WriteString(") VALUES ")
	row := "(" + strings.TrimSuffix(strings.Repeat("?,", len(cols)), ",") + ")"
	for i := range rows {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(row)
	}
	b.WriteString(tail)
	return b.String()
}

// selectRows runs "SELECT <all columns> FROM table <where>" into dst.
func (db *DB) selectRows(ctx context.Context, q sqlx.QueryerContext, m *mapping, dst any, where string, args ...any) error {
	query := "SELECT " + m.list + " FROM " + m.spec.name + " " + where
	if err := sqlx.SelectContext(ctx, q, dst, query, args...); err != nil {
		return fmt.Errorf("select %s: %w", m.spec.name, db.dialect.notMigrated(err))
	}
	return nil
}

// selectOne reads the row of m whose column col holds code; what names the
// row in the ErrNotFound error when there is none.
func selectOne[T any](ctx context.Context, db *DB, m *mapping, col, code, what string) (T, error) {
	var out []T
	if err := db.selectRows(ctx, db.x, m, &out, "WHERE `"+col+"` = ?", code); err != nil {
		return *new(T), err
	}
	if len(out) == 0 {
		return *new(T), fmt.Errorf("%s %s: %w", what, code, ErrNotFound)
	}
	return out[0], nil
}

// placeholders returns "?, ?, …" for n values.
func placeholders(n int) string {
	if n <= 0 {
		return ""
	}
	return strings.TrimSuffix(strings.Repeat("?, ", n), ", ")
}

// int64Args converts ids for an IN list.
func int64Args(ids []int64) []any {
	out := make([]any, len(ids))
	for i, id := range ids {
		out[i] = id
	}
	return out
}
