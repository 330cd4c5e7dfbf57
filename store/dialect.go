package store

import (
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/go-sql-driver/mysql"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// dialect holds the few real differences between MySQL and SQLite; the rest
// of the SQL is shared.
type dialect int

const (
	dialectMySQL dialect = iota + 1
	dialectSQLite
)

func (d dialect) String() string {
	if d == dialectMySQL {
		return "mysql"
	}
	return "sqlite"
}

// maxParams is the number of placeholders one statement may hold.
func (d dialect) maxParams() int {
	if d == dialectMySQL {
		return 65535
	}
	return 32766
}

// txOptions are the options of the store's transactions: READ COMMITTED on
// MySQL (as the database notes advise: a short transaction locks only the
// rows it touches); none on SQLite, whose transactions are immediate (the
// DSN's _txlock) and so serialized by its one write lock.
func (d dialect) txOptions() *sql.TxOptions {
	if d == dialectMySQL {
		return &sql.TxOptions{Isolation: sql.LevelReadCommitted}
	}
	return nil
}

// lockClause ends a SELECT inside a transaction that must lock the rows it
// reads until the transaction ends: " FOR UPDATE" on MySQL; nothing on
// SQLite, where the immediate transaction holds the one write lock.
func (d dialect) lockClause() string {
	if d == dialectMySQL {
		return " FOR UPDATE"
	}
	return ""
}

// claimSQL returns the statement that claims rows of table: it sets
// claim_owner and claim_until (the first two arguments) on the rows that
// match cond, taken in order (an ORDER BY … LIMIT clause), with the rest
// of the arguments. With returning, the statement is a query that returns
// the claimed rows' columns (list); otherwise the caller reads them back
// by owner and lease end (see DB.claim).
//
//   - SQLite: UPDATE … WHERE id IN (SELECT id … ORDER BY … LIMIT n)
//     RETURNING …, one statement.
//   - MySQL: UPDATE … WHERE … ORDER BY … LIMIT n (MySQL refuses a LIMIT
//     in an IN subquery and has no RETURNING).
func (d dialect) claimSQL(table, cond, order, list string) (q string, returning bool) {
	if d == dialectSQLite {
		return "UPDATE " + table + " SET `claim_owner` = ?, `claim_until` = ? WHERE `id` IN (SELECT `id` FROM " +
			table + " WHERE " + cond + order + ") RETURNING " + list, true
	}
	return "UPDATE " + table + d.claimIndex(table) + " SET `claim_owner` = ?, `claim_until` = ? WHERE " + cond + order, false
}

// claimIndex is the index hint that makes a claim walk the table's
// (status, claim_until, claim_owner) index. Without it MariaDB may prefer
// another index (monitor_send_log's on expect_send_time) and sort every
// due row for each batch: 100,000 waiting alerts then took five times
// longer to send than 30,000. SQLite's planner needs no hint.
func (d dialect) claimIndex(table string) string {
	if d == dialectSQLite {
		return ""
	}
	return " FORCE INDEX (`key_" + table + "_claim`)"
}

// migratesInOneTx reports whether Migrate runs in one transaction (SQLite:
// its DDL is transactional and the immediate transaction keeps concurrent
// migrations apart) rather than statement by statement under a lease in
// the lock table (MySQL: every DDL statement commits on its own).
func (d dialect) migratesInOneTx() bool { return d == dialectSQLite }

// prepareMigrations returns the statements that create the migrations'
// own tables before the applied versions are read: the version table and,
// for a dialect that migrates under a lease, the lock table with its row.
func (d dialect) prepareMigrations() []string {
	if d == dialectSQLite {
		return []string{"CREATE TABLE IF NOT EXISTS " + versionTable +
			" (version INTEGER NOT NULL PRIMARY KEY, name VARCHAR(128) NOT NULL, applied_time TIMESTAMP NULL DEFAULT NULL)"}
	}
	return []string{
		"CREATE TABLE IF NOT EXISTS " + versionTable + " (version INT NOT NULL PRIMARY KEY, name VARCHAR(128) NOT NULL, " +
			"applied_time TIMESTAMP NULL DEFAULT NULL) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4",
		"CREATE TABLE IF NOT EXISTS " + lockTable + " (id INT NOT NULL PRIMARY KEY, owner VARCHAR(64) NULL DEFAULT NULL, " +
			"locked_until TIMESTAMP NULL DEFAULT NULL) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4",
		"INSERT IGNORE INTO " + lockTable + " (id) VALUES (1)",
	}
}

// insertIgnore returns the head and tail of an INSERT that skips rows whose
// unique key already exists (and only those: other errors still fail).
func (d dialect) insertIgnore() (head, tail string) {
	if d == dialectMySQL {
		return "INSERT IGNORE INTO ", ""
	}
	return "INSERT INTO ", " ON CONFLICT DO NOTHING"
}

// nullSafe rewrites MySQL's NULL-safe equality "<=>" in where for the
// dialect (SQLite's "IS").
func (d dialect) nullSafe(where string) string {
	if d == dialectSQLite {
		return strings.ReplaceAll(where, "<=>", "IS")
	}
	return where
}

// isDuplicate reports whether err is a unique-key violation.
func (d dialect) isDuplicate(err error) bool {
	var me *mysql.MySQLError
	if errors.As(err, &me) {
		return me.Number == 1062
	}
	var se *sqlite.Error
	if errors.As(err, &se) {
		return se.Code() == sqlite3.SQLITE_CONSTRAINT_UNIQUE || se.Code() == sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY
	}
	return false
}

// isTransient reports whether err is a conflict that a retry of the same
// short statement or transaction resolves: a deadlock (1213), a lock-wait
// timeout (1205), MariaDB's snapshot conflict (1020), or SQLite's busy and
// locked states.
func (d dialect) isTransient(err error) bool {
	var me *mysql.MySQLError
	if errors.As(err, &me) {
		switch me.Number {
		case 1213, 1205, 1020:
			return true
		}
		return false
	}
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() & 0xff {
		case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
			return true
		}
	}
	return false
}

// alreadyApplied reports whether a migration statement failed only because
// what it creates is already there: table (1050), column (1060) or index
// (1061); on SQLite, "already exists" and "duplicate column name". Such a
// statement counts as done, so a migration cut off half way resumes, and
// migration 1 is a no-op on a database made from the seed (on SQLite, from
// its translation).
func (d dialect) alreadyApplied(err error) bool {
	if d == dialectSQLite {
		msg := err.Error()
		return strings.Contains(msg, "already exists") || strings.Contains(msg, "duplicate column name")
	}
	var me *mysql.MySQLError
	if errors.As(err, &me) {
		switch me.Number {
		case 1050, 1060, 1061:
			return true
		}
	}
	return false
}

// isMissingSchema reports whether err says that a table or column does not
// exist: MySQL's 1146 (no such table) and 1054 (unknown column), SQLite's
// "no such table", "no such column" and "has no column named". In this
// store's own statements that means the database is not (fully) migrated.
func (d dialect) isMissingSchema(err error) bool {
	var me *mysql.MySQLError
	if errors.As(err, &me) {
		return me.Number == 1146 || me.Number == 1054
	}
	var se *sqlite.Error
	if errors.As(err, &se) {
		msg := se.Error()
		return strings.Contains(msg, "no such table") || strings.Contains(msg, "no such column") || strings.Contains(msg, "has no column named")
	}
	return false
}

// notMigrated wraps err with ErrNotMigrated when it says that a table or
// column is missing; other errors (and nil) are returned as they are.
func (d dialect) notMigrated(err error) error {
	if err == nil || errors.Is(err, ErrNotMigrated) || !d.isMissingSchema(err) {
		return err
	}
	return fmt.Errorf("%w: %w", ErrNotMigrated, err)
}
