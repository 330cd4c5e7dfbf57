package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/yujing-go/yujing/store"
)

// TestRunCleansUp: the default run leaves no file behind.
func TestRunCleansUp(t *testing.T) {
	var out bytes.Buffer
	if err := run(context.Background(), &out, ""); err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`SQLite store in (\S+),`).FindStringSubmatch(out.String())
	if m == nil {
		t.Fatalf("output does not name the store:\n%s", out.String())
	}
	if _, err := os.Stat(m[1]); !os.IsNotExist(err) {
		t.Errorf("%s is still there (%v)", m[1], err)
	}
	if strings.Contains(out.String(), "go run ./examples/quickstart yujing") {
		t.Error("the default run prints the inspect commands")
	}
}

// TestRunKeeps: -keep PATH leaves the database (and the report files)
// there, prints the commands that read it, and refuses a path that
// exists.
func TestRunKeeps(t *testing.T) {
	path := filepath.Join(t.TempDir(), "quickstart.db")
	var out bytes.Buffer
	if err := run(context.Background(), &out, path); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"SQLite store in " + path,
		"The database is kept in " + path,
		"go run ./examples/quickstart yujing state --sqlite " + path,
		"go run ./examples/quickstart yujing history --sqlite " + path,
		"go run ./examples/quickstart yujing check --sqlite " + path,
		"go run ./examples/quickstart yujing channel list --sqlite " + path,
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output does not say %q:\n%s", want, out.String())
		}
	}
	ctx := context.Background()
	db, err := store.OpenSQLite(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	states, err := db.AlertStates(ctx, store.StateFilter{Limit: 100})
	if err != nil || len(states) == 0 {
		t.Fatalf("the kept database has %d alert states (%v)", len(states), err)
	}
	if entries, err := os.ReadDir(path + ".files"); err != nil || len(entries) == 0 {
		t.Errorf("the report files are not kept: %v", err)
	}

	// The mounted command line knows the host's scenes and its 30-minute
	// slot: the check finds nothing wrong, and the saved rule replayed
	// over the run's history is exactly what the engine sent.
	rules, err := store.NewConfig(db, store.Validation{}).ListRules(ctx, store.Filter{})
	if err != nil || len(rules) != 1 {
		t.Fatalf("rules: %d, %v", len(rules), err)
	}
	for _, args := range [][]string{
		{"check", "--sqlite", path},
		{"backtest", "--sqlite", path, "--rule", *rules[0].RuleNo, "--from", "2026-11-24T00:00:00Z", "--to", "2026-11-25T00:00:00Z"},
	} {
		var stdout, stderr bytes.Buffer
		if code := operate(ctx, args, &stdout, &stderr); code != 0 {
			t.Fatalf("yujing %s: exit %d\n%s%s", args[0], code, stdout.String(), stderr.String())
		}
		for _, bad := range []string{"no_scenes", "unknown_scene", "would send, was not sent", "was sent, would not send"} {
			if strings.Contains(stdout.String(), bad) {
				t.Errorf("yujing %s says %q:\n%s", args[0], bad, stdout.String())
			}
		}
		if args[0] == "backtest" && !strings.Contains(stdout.String(), "differences from what was sent 0") {
			t.Errorf("backtest of the quickstart's own rule differs from what it sent:\n%s", stdout.String())
		}
	}

	out.Reset()
	err = run(ctx, &out, path)
	if err == nil || !strings.Contains(err.Error(), "the file exists") {
		t.Errorf("a second run over the kept file: %v", err)
	}
}

func TestShellQuote(t *testing.T) {
	for in, want := range map[string]string{
		"quickstart.db":      "quickstart.db",
		"/tmp/a b/q.db":      "'/tmp/a b/q.db'",
		"it's.db":            `'it'\''s.db'`,
		"dir/$HOME.db":       "'dir/$HOME.db'",
		"C:/x/quickstart.db": "C:/x/quickstart.db",
	} {
		if got := shellQuote(in); got != want {
			t.Errorf("shellQuote(%q) = %q, want %q", in, got, want)
		}
	}
}
