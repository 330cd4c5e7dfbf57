package store

import (
	"errors"
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

// insertIgnore returns the head and tail of an INSERT that skips rows whose
// unique key already exists (and only those: other errors still fail).
func (d dialect) insertIgnore() (head, tail string) {
	if d == dialectMySQL {
		return "INSERT IGNORE INTO ", ""
	}
	return "INSERT INTO ", " ON CONFLICT DO NOTHING"
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
