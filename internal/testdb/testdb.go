// Package testdb opens the stores tests run against: an SQLite file in the
// test's temporary directory, and, when ALERT_TEST_MYSQL_DSN names a MySQL
// or MariaDB server, a fresh database on it that is dropped when the test
// ends. Without the variable the MySQL helpers skip the test and say why.
package testdb

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/go-sql-driver/mysql"

	"github.com/yujing-go/yujing/internal/ids"
	"github.com/yujing-go/yujing/store"
)

// EnvDSN is the variable that names the MySQL server for tests, e.g.
// "root@tcp(127.0.0.1:3306)/test".
const EnvDSN = "ALERT_TEST_MYSQL_DSN"

// EnvRequire, when set to 1 (CI sets it), turns a missing EnvDSN into a
// test failure instead of a skip, so that CI cannot pass without MySQL.
const EnvRequire = "ALERT_TEST_REQUIRE_MYSQL"

// SkipReason is printed by every MySQL test that skips.
const SkipReason = EnvDSN + " is not set: skipping the MySQL/MariaDB test (set it to a DSN such as " +
	"root@tcp(127.0.0.1:3306)/test, or run bash .ci/run, which starts MariaDB and sets it)"

// SQLite opens a migrated SQLite store in a file under t.TempDir().
func SQLite(t testing.TB, opts ...store.Option) *store.DB {
	t.Helper()
	ctx := context.Background()
	db, err := store.OpenSQLite(ctx, t.TempDir()+"/yujing.db", opts...)
	if err != nil {
		t.Fatalf("open sqlite: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	if err := db.Migrate(ctx); err != nil {
		t.Fatalf("migrate sqlite: %v", err)
	}
	return db
}

// MySQLDSN creates a fresh, empty database on the test server and returns
// its DSN; the database is dropped when the test ends. It skips the test
// when EnvDSN is not set (fails when EnvRequire is 1).
func MySQLDSN(t testing.TB) string {
	t.Helper()
	base := os.Getenv(EnvDSN)
	if base == "" {
		if os.Getenv(EnvRequire) == "1" {
			t.Fatalf("%s is required (%s=1) but not set", EnvDSN, EnvRequire)
		}
		t.Skip(SkipReason)
	}
	cfg, err := mysql.ParseDSN(base)
	if err != nil {
		t.Fatalf("%s: %v", EnvDSN, err)
	}
	name := "yujing_" + strings.ToLower(ids.New("", time.Now()))
	admin, err := sql.Open("mysql", base)
	if err != nil {
		t.Fatalf("open mysql: %v", err)
	}
	defer admin.Close()
	if _, err := admin.Exec("CREATE DATABASE `" + name + "` DEFAULT CHARACTER SET utf8mb4"); err != nil {
		t.Fatalf("create database %s: %v", name, err)
	}
	t.Cleanup(func() {
		admin, err := sql.Open("mysql", base)
		if err != nil {
			return
		}
		defer admin.Close()
		if _, err := admin.Exec("DROP DATABASE IF EXISTS `" + name + "`"); err != nil {
			t.Logf("drop database %s: %v", name, err)
		}
	})
	cfg.DBName = name
	return cfg.FormatDSN()
}

// MySQL opens a migrated store on a fresh database (see MySQLDSN).
func MySQL(t testing.TB, opts ...store.Option) *store.DB {
	t.Helper()
	dsn := MySQLDSN(t)
	ctx := context.Background()
	db, err := store.OpenMySQL(ctx, dsn, opts...)
	if err != nil {
		t.Fatalf("open mysql: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	if err := db.Migrate(ctx); err != nil {
		t.Fatalf("migrate mysql: %v", err)
	}
	return db
}

// Opener opens a fresh migrated store for one test.
type Opener func(t testing.TB, opts ...store.Option) *store.DB

// Backend is a named Opener.
type Backend struct {
	Name string
	Open Opener
}

// Backends lists the stores tests should run on: SQLite always, MySQL
// (which skips without EnvDSN) too.
func Backends() []Backend {
	return []Backend{{"sqlite", SQLite}, {"mysql", MySQL}}
}

// Describe names a backend's server for test logs.
func Describe(db *store.DB) string {
	var v string
	if db.Dialect() == "mysql" {
		_ = db.SQL().Get(&v, "SELECT VERSION()")
	} else {
		_ = db.SQL().Get(&v, "SELECT sqlite_version()")
	}
	return fmt.Sprintf("%s %s", db.Dialect(), v)
}
