package store

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/yujing-go/yujing/internal/ids"
)

//go:embed migrations
var migrationFiles embed.FS

// migration is one embedded migration file: migrations/<dialect>/NNNN_name.sql.
type migration struct {
	version int
	name    string
	stmts   []string
}

func (d dialect) migrations() ([]migration, error) {
	dir := path.Join("migrations", d.String())
	entries, err := fs.ReadDir(migrationFiles, dir)
	if err != nil {
		return nil, err
	}
	var out []migration
	for _, e := range entries {
		num, name, ok := strings.Cut(strings.TrimSuffix(e.Name(), ".sql"), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil {
			return nil, fmt.Errorf("migration file %s: name is not NNNN_name.sql", e.Name())
		}
		src, err := fs.ReadFile(migrationFiles, path.Join(dir, e.Name()))
		if err != nil {
			return nil, err
		}
		out = append(out, migration{version: v, name: name, stmts: splitStatements(string(src))})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].version < out[j].version })
	return out, nil
}

const (
	versionTable = "yujing_schema_version"
	lockTable    = "yujing_schema_lock"
	lockLease    = 5 * time.Minute
)

// Migrate brings the schema up to date: it creates the seed's tables (or
// finds them, on a database made from the seed) and applies this module's
// additive migrations, recording each in yujing_schema_version. It is
// idempotent, and safe when several processes run it at the same moment:
// on MySQL they take turns through a lease in yujing_schema_lock, on SQLite
// the migration is one immediate transaction.
func (db *DB) Migrate(ctx context.Context) error {
	ms, err := db.dialect.migrations()
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	if db.dialect.migratesInOneTx() {
		return db.inTx(ctx, func(tx *sqlx.Tx) error {
			if err := db.prepareMigrations(ctx, tx); err != nil {
				return err
			}
			return db.applyMigrations(ctx, tx, ms, nil)
		})
	}
	return db.migrateLeased(ctx, ms)
}

// prepareMigrations creates the migrations' own tables (see
// dialect.prepareMigrations). Outside a transaction each statement is
// retried on a transient conflict: processes migrating at once on a
// multi-primary cluster (Galera) meet as deadlocks (1213) here.
func (db *DB) prepareMigrations(ctx context.Context, ex sqlx.ExecerContext) error {
	for _, stmt := range db.dialect.prepareMigrations() {
		if err := db.execOn(ctx, ex, stmt); err != nil {
			return fmt.Errorf("migrate: prepare: %w", err)
		}
	}
	return nil
}

// execOn runs one statement on ex: as it is inside a transaction,
// retried on a transient conflict outside one.
func (db *DB) execOn(ctx context.Context, ex sqlx.ExecerContext, q string, args ...any) error {
	if _, inTx := ex.(*sqlx.Tx); inTx {
		_, err := ex.ExecContext(ctx, q, args...)
		return err
	}
	_, err := db.exec(ctx, ex, q, args...)
	return err
}

// MigrationVersion returns the highest migration applied (0 for none).
func (db *DB) MigrationVersion(ctx context.Context) (int, error) {
	var v int
	err := db.x.GetContext(ctx, &v, "SELECT COALESCE(MAX(version), 0) FROM "+versionTable)
	if err != nil {
		return 0, fmt.Errorf("migration version: %w", err)
	}
	return v, nil
}

// migrateLeased applies the migrations statement by statement while this
// process holds the lease in the lock table, so that processes migrating
// at once take turns (MySQL, whose DDL statements commit on their own).
func (db *DB) migrateLeased(ctx context.Context, ms []migration) error {
	if err := db.prepareMigrations(ctx, db.x); err != nil {
		return err
	}
	owner := ids.New("MG", time.Now())
	if err := db.lockMigrations(ctx, owner); err != nil {
		return err
	}
	defer func() {
		// Release with a fresh context: the caller's may be done.
		rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
		defer cancel()
		_, _ = db.x.ExecContext(rctx, "UPDATE "+lockTable+" SET owner = NULL, locked_until = NULL WHERE id = 1 AND owner = ?", owner)
	}()
	extend := func() error {
		_, err := db.exec(ctx, db.x, "UPDATE "+lockTable+" SET locked_until = ? WHERE id = 1 AND owner = ?",
			time.Now().UTC().Add(lockLease), owner)
		return err
	}
	return db.applyMigrations(ctx, db.x, ms, extend)
}

// lockMigrations waits until this process holds the migration lease.
func (db *DB) lockMigrations(ctx context.Context, owner string) error {
	for {
		now := time.Now().UTC()
		res, err := db.x.ExecContext(ctx, "UPDATE "+lockTable+" SET owner = ?, locked_until = ? "+
			"WHERE id = 1 AND (owner IS NULL OR locked_until IS NULL OR locked_until < ?)", owner, now.Add(lockLease), now)
		if err != nil && !db.dialect.isTransient(err) {
			return fmt.Errorf("migrate: lock: %w", err)
		}
		if err == nil {
			if n, _ := res.RowsAffected(); n == 1 {
				return nil
			}
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("migrate: waiting for another process's migration: %w", ctx.Err())
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// applyMigrations runs the migrations not yet recorded. extend, when not
// nil, renews the migration lease after each statement.
func (db *DB) applyMigrations(ctx context.Context, ex sqlx.ExtContext, ms []migration, extend func() error) error {
	var done []int
	if err := sqlx.SelectContext(ctx, ex, &done, "SELECT version FROM "+versionTable); err != nil {
		return fmt.Errorf("migrate: read versions: %w", err)
	}
	applied := map[int]bool{}
	for _, v := range done {
		applied[v] = true
	}
	for _, m := range ms {
		if applied[m.version] {
			continue
		}
		for i, stmt := range m.stmts {
			if err := db.execOn(ctx, ex, stmt); err != nil && !db.dialect.alreadyApplied(err) {
				return fmt.Errorf("migrate: %d_%s statement %d: %w", m.version, m.name, i+1, err)
			}
			if extend != nil {
				if err := extend(); err != nil {
					return fmt.Errorf("migrate: renew lock: %w", err)
				}
			}
		}
		if err := db.execOn(ctx, ex, "INSERT INTO "+versionTable+" (version, name, applied_time) VALUES (?, ?, ?)",
			m.version, m.name, time.Now().UTC().Truncate(time.Second)); err != nil {
			return fmt.Errorf("migrate: record %d_%s: %w", m.version, m.name, err)
		}
		db.log.InfoContext(ctx, "migration applied", "version", m.version, "name", m.name, "dialect", db.dialect.String())
	}
	return nil
}
