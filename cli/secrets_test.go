package cli

import (
	"os"
	"strings"
	"testing"

	"github.com/go-sql-driver/mysql"

	"github.com/yujing-go/yujing/internal/testdb"
)

const password = "s3cr3t-Pa55"

// TestPasswordNeverPrinted: whatever goes wrong with a DSN that holds a
// password (no server, a malformed DSN, a DSN given without --dsn), the
// error says so in one line without the password.
func TestPasswordNeverPrinted(t *testing.T) {
	for _, args := range [][]string{
		{"migrate", "--dsn", "root:" + password + "@tcp(127.0.0.1:1)/yujing"},
		{"state", "--dsn=root:" + password + "@tcp(127.0.0.1:1)/yujing?timeout=2s"},
		{"version", "-o", "json", "--dsn", "root:" + password + "@tcp(127.0.0.1:1)/yujing"},
		{"state", "--dsn", "root:" + password + "@tcp(127.0.0.1:1/yujing"},                        // unterminated address
		{"state", "--dsn", "root:s3cr/3t-Pa55%zz@tcp(127.0.0.1:1)"},                               // no database: the driver quotes part of the password
		{"state", "--dsn", "root:" + password + "@tcp(127.0.0.1:1)/yujing?parseTime=" + password}, // a parameter that quotes it
		{"state", "--dsn", "root:" + password + "@tcp(127.0.0.1:1)/yujing?timeout=1x"},
		{"state", "root:" + password + "@tcp(127.0.0.1:1)/yujing"}, // without --dsn
		{"root:" + password + "@tcp(127.0.0.1:1)/yujing"},
		{"silence", "root:" + password + "@tcp(127.0.0.1:1)/yujing"},
		{"state", "--sqlite", "x.db", "--dsn", "root:" + password + "@tcp(127.0.0.1:1)/yujing"},
		{"state", "--dsn", "root:pw@tcp(127.0.0.1:1)/yujing?parseTime=pw"}, // a short password
	} {
		r := yujing(t, args...)
		if r.code == exitOK {
			t.Errorf("%v: exit 0", args)
		}
		secret := password
		if strings.Contains(args[len(args)-1], ":pw@") {
			secret = "pw"
		}
		for _, part := range []string{secret, "s3cr/3t", "3t-Pa55"} {
			if strings.Contains(r.stdout+r.stderr, part) {
				t.Errorf("%v: the output shows the password (%q): %q %q", args, part, r.stdout, r.stderr)
			}
		}
		if strings.Count(r.stderr, "\n") != 1 {
			t.Errorf("%v: not one line: %q", args, r.stderr)
		}
	}
}

// TestPasswordNeverPrintedMySQL: a server that refuses the password.
func TestPasswordNeverPrintedMySQL(t *testing.T) {
	base := os.Getenv(testdb.EnvDSN)
	if base == "" {
		testdb.MySQLDSN(t) // skips, saying why (or fails when MySQL is required)
	}
	cfg, err := mysql.ParseDSN(base)
	if err != nil {
		t.Fatal(err)
	}
	cfg.User, cfg.Passwd, cfg.DBName = "yujing_no_such_user", password, "yujing"
	dsn := cfg.FormatDSN()
	if !strings.Contains(dsn, password) {
		t.Fatalf("the DSN %q does not hold the password", dsn)
	}
	for _, args := range [][]string{{"migrate", "--dsn", dsn}, {"version", "--dsn", dsn}, {"state", "--dsn=" + dsn}} {
		r := yujing(t, args...)
		r.want(t, exitFailure, "Access denied", "yujing_no_such_user")
		if strings.Contains(r.stdout+r.stderr, password) {
			t.Errorf("%v: the output shows the password: %q", args[0], r.stderr)
		}
	}
}
