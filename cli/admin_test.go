package cli

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// TestMigrateThenVersion: a new database has schema version 0; migrate
// says before and after; migrating again changes nothing; version then
// says the schema version, the module version and Go's.
func TestMigrateThenVersion(t *testing.T) {
	forEachBackend(t, func(t *testing.T, b *backend) {
		if b.flags[0] == "--sqlite" { // a new file: migrate creates it
			must(t, b.args("migrate", "-o", "json")...)
		} else {
			var v map[string]any
			decode(t, must(t, b.args("version", "-o", "json")...), &v)
			if v["schema_version"] != 0.0 || v["database"] != "mysql" {
				t.Errorf("version of a new database: %v", v)
			}
			if r := must(t, b.args("version")...); !strings.Contains(r.stdout, "not migrated") {
				t.Errorf("version table of a new database:\n%s", r.stdout)
			}
			r := must(t, b.args("migrate")...)
			if rows := lines(r.stdout); len(rows) != 2 || !strings.Contains(rows[1], "migrated") || !strings.HasPrefix(rows[1], "mysql") {
				t.Errorf("migrate table:\n%s", r.stdout)
			}
		}
		var m migrateResult
		decode(t, must(t, b.args("migrate", "-o", "json")...), &m)
		if m.Before == 0 || m.Before != m.After {
			t.Errorf("migrating again: %+v", m)
		}
		var v map[string]any
		decode(t, must(t, b.args("version", "-o", "json")...), &v)
		if v["schema_version"] != float64(m.After) || v["version"] != "devel" || v["go"] != runtime.Version() {
			t.Errorf("version after migrate: %v (migrated to %d)", v, m.After)
		}
		r := must(t, b.args("version")...)
		if !strings.Contains(r.stdout, "schema ("+m.Database+")") || !strings.Contains(r.stdout, runtime.Version()) {
			t.Errorf("version table:\n%s", r.stdout)
		}
	})
}

// TestVersionWithoutDatabase: version needs no database; its JSON says
// null for the schema.
func TestVersionWithoutDatabase(t *testing.T) {
	var v map[string]any
	decode(t, must(t, "version", "-o", "json"), &v)
	if v["version"] != "devel" || v["go"] != runtime.Version() || v["schema_version"] != nil || v["database"] != nil {
		t.Errorf("version: %v", v)
	}
	for _, k := range []string{"version", "go", "database", "schema_version"} {
		if _, ok := v[k]; !ok {
			t.Errorf("version's JSON has no %q: %v", k, v)
		}
	}
	if r := must(t, "version"); strings.Contains(r.stdout, "schema") {
		t.Errorf("version without a database shows a schema:\n%s", r.stdout)
	}
}

// TestDatabaseFlags: --dsn and --sqlite together, or neither where a
// database is needed, are usage errors; a missing SQLite file is one too
// (and is not created), except for migrate.
func TestDatabaseFlags(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "none.db")
	for _, args := range [][]string{
		{"migrate"}, {"state"}, {"events"}, {"silence", "list"}, {"silence", "expire", "SI1", "--by", "x"},
		{"ack", "--scene", "1", "--country", "PH", "--by", "x"},
		{"silence", "add", "--country", "PH", "--until", "2099-01-01T00:00:00Z", "--comment", "c", "--by", "x"},
	} {
		yujing(t, append(args, "--sqlite", path, "--dsn", "root@tcp(127.0.0.1:1)/x")...).want(t, exitUsage, "either --dsn or --sqlite, not both")
		yujing(t, args...).want(t, exitUsage, "no database: give --dsn", "--sqlite")
	}
	yujing(t, "version", "--sqlite", path, "--dsn", "root@tcp(127.0.0.1:1)/x").want(t, exitUsage, "not both")
	yujing(t, "template", "render", "--text", "{country}", "--sqlite", path, "--dsn", "x@tcp(h)/d").want(t, exitUsage, "not both")
	yujing(t, "state", "--sqlite", path).want(t, exitUsage, "no such file", "yujing migrate --sqlite")
	yujing(t, "version", "--sqlite", path).want(t, exitUsage, "no such file")
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Errorf("a command other than migrate made the SQLite file: %v", err)
	}
	yujing(t, "state", "--dsn", "not a dsn").want(t, exitUsage, "--dsn is not a MySQL DSN")
}

// TestUsageErrors: unknown commands and flags, arguments where none are
// taken, a bad -o: exit 2, one line, with where to look.
func TestUsageErrors(t *testing.T) {
	yujing(t, "nosuch").want(t, exitUsage, `unknown command "nosuch"`, "--help")
	yujing(t, "silence", "nosuch").want(t, exitUsage, `unknown command "nosuch" for "yujing silence"`)
	yujing(t, "state", "--nosuch").want(t, exitUsage, "unknown flag: --nosuch", "yujing state --help")
	yujing(t, "state", "extra").want(t, exitUsage, "takes no arguments")
	yujing(t, "state", "-o", "yaml").want(t, exitUsage, `-o "yaml"`)
	yujing(t, "state", "--limit", "x").want(t, exitUsage, "--limit")
	yujing(t, "silence", "add", "--country", "PH").want(t, exitUsage, "required flag")
	yujing(t, "silence", "expire", "--by", "x").want(t, exitUsage, "accepts 1 arg")
	if r := must(t, "--help"); !strings.Contains(r.stdout, "Exit status") || !strings.Contains(r.stdout, "silence") {
		t.Errorf("help:\n%s", r.stdout)
	}
	if r := must(t, "silence"); !strings.Contains(r.stdout, "expire") {
		t.Errorf("silence without a subcommand shows no help:\n%s", r.stdout)
	}
}
