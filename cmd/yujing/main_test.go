package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestMain lets the test binary be the yujing binary: run with
// YUJING_TEST_MAIN=1, it is main, so that the tests below run the command
// line as a real process, with its real exit status and streams.
func TestMain(m *testing.M) {
	if os.Getenv("YUJING_TEST_MAIN") == "1" {
		main()
		return
	}
	os.Exit(m.Run())
}

// yujing runs the binary with args and returns its exit status, stdout
// and stderr.
func yujing(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), "YUJING_TEST_MAIN=1")
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	if ee, ok := errors.AsType[*exec.ExitError](err); ok {
		return ee.ExitCode(), out.String(), errb.String()
	}
	if err != nil {
		t.Fatalf("yujing %s: %v", strings.Join(args, " "), err)
	}
	return 0, out.String(), errb.String()
}

// The binary migrates a new SQLite file, reports its schema version as
// JSON, and exits with the documented statuses: 2 for usage, 4 for a
// silence that does not exist, each with one line on stderr.
func TestBinary(t *testing.T) {
	path := filepath.Join(t.TempDir(), "alerts.db")
	if code, _, stderr := yujing(t, "migrate", "--sqlite", path); code != 0 {
		t.Fatalf("migrate: exit %d: %s", code, stderr)
	}
	code, stdout, stderr := yujing(t, "version", "--sqlite", path, "-o", "json")
	if code != 0 {
		t.Fatalf("version: exit %d: %s", code, stderr)
	}
	var v map[string]any
	if err := json.Unmarshal([]byte(stdout), &v); err != nil {
		t.Fatalf("version -o json: %v\n%s", err, stdout)
	}
	if len(v) == 0 {
		t.Fatalf("version -o json printed an empty document")
	}
	for _, c := range []struct {
		args []string
		code int
	}{
		{[]string{"no-such-command"}, 2},
		{[]string{"state"}, 2}, // no database given
		{[]string{"silence", "expire", "SI-NOPE", "--sqlite", path, "--by", "ops"}, 4},
	} {
		code, _, stderr := yujing(t, c.args...)
		if code != c.code {
			t.Errorf("yujing %s: exit %d, want %d (stderr %q)", strings.Join(c.args, " "), code, c.code, stderr)
		}
		if !strings.HasPrefix(stderr, "yujing: ") || strings.Count(strings.TrimSpace(stderr), "\n") != 0 {
			t.Errorf("yujing %s: stderr %q is not one line starting with yujing:", strings.Join(c.args, " "), stderr)
		}
	}
}
