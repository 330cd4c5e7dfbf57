package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/yujing-go/yujing/internal/testdb"
	"github.com/yujing-go/yujing/ops"
)

const (
	exampleFile   = "../examples/config/yujing.yaml"
	exampleSecret = "hmac-secret-for-the-cli-test-42"
	exampleURL    = "https://hooks.example.com/yujing?token=cli-token-0815"
)

// applyBackends runs fn on SQLite and MySQL, one after the other (the
// environment the file reads is the process's: no t.Parallel).
func applyBackends(t *testing.T, fn func(t *testing.T, b *backend)) {
	t.Setenv("OPS_WEBHOOK_URL", exampleURL)
	t.Setenv("OPS_WEBHOOK_SECRET", exampleSecret)
	t.Setenv("ONCALL_WEBHOOK_URL", "https://oncall.example.com/yujing")
	t.Run("sqlite", func(t *testing.T) {
		fn(t, (&backend{flags: []string{"--sqlite", filepath.Join(t.TempDir(), "yujing.db")}}).migrated(t))
	})
	t.Run("mysql", func(t *testing.T) {
		fn(t, (&backend{flags: []string{"--dsn", testdb.MySQLDSN(t)}}).migrated(t))
	})
}

// TestApplyCommand applies the example file: a dry run, the apply, a
// second apply that changes nothing, in text and JSON; no secret shows.
func TestApplyCommand(t *testing.T) {
	applyBackends(t, func(t *testing.T, b *backend) {
		args := []string{"apply", "-f", exampleFile, "--by", "ops-lead", "--info-types", "0,1"}
		dry := must(t, b.args(append(args, "--dry-run")...)...)
		for _, want := range []string{"  + rules R-SMS-LOW\n", "      details.secret: (secret)\n", "      details.lang: \"zh\"\n",
			"16 to create, 0 to update, 0 to disable, 0 unchanged (dry run: nothing written)."} {
			if !strings.Contains(dry.stdout, want) {
				t.Errorf("dry run does not say %q:\n%s", want, dry.stdout)
			}
		}
		again := must(t, b.args(append(args, "--dry-run")...)...)
		if !strings.Contains(again.stdout, "16 to create") {
			t.Errorf("the dry run wrote something:\n%s", again.stdout)
		}
		applied := must(t, b.args(args...)...)
		if !strings.Contains(applied.stdout, "(applied).") {
			t.Errorf("apply:\n%s", applied.stdout)
		}
		var plan ops.Plan
		second := must(t, b.args(append(args, "-o", "json")...)...)
		decode(t, second, &plan)
		if plan.HasChanges() || plan.Count(ops.ActionUnchanged) != 16 || plan.Owner != "quickstart" {
			t.Errorf("second apply: %+v", plan)
		}
		for _, r := range []result{dry, again, applied, second} {
			for _, s := range []string{exampleSecret, exampleURL, "cli-token-0815"} {
				if strings.Contains(r.stdout+r.stderr, s) {
					t.Errorf("a secret shows: %s%s", r.stdout, r.stderr)
				}
			}
		}
	})
}

// TestApplyCommandRefusals: a file with an unknown key, a missing
// variable or an unknown reference is refused (exit 3) with its line and
// nothing is written; a missing file or --by is a usage error.
func TestApplyCommandRefusals(t *testing.T) {
	dir := t.TempDir()
	b := (&backend{flags: []string{"--sqlite", filepath.Join(dir, "yujing.db")}}).migrated(t)
	write := func(name, src string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(src), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	unknown := write("unknown.yaml", "rules:\n  - rule_no: R1\n    fun_code: rate < 1\n    thresold: \"0.9\"\n")
	yujing(t, b.args("apply", "-f", unknown, "--by", "ops-lead")...).want(t, exitRefused, `line 4: unknown key "thresold" in rules`)
	noVar := write("novar.yaml", "channels:\n  - channel_no: CH1\n    type: wecom\n    details: {key: {env: YJ_TEST_UNSET_KEY}}\n")
	yujing(t, b.args("apply", "-f", noVar, "--by", "ops-lead")...).want(t, exitRefused, "environment variable YJ_TEST_UNSET_KEY is not set", "novar.yaml:2:")
	ref := write("ref.yaml", "routings:\n  - {routing_no: RT1, country_no: PH, country_name: Philippines, info_type: 1, channel_no: CH-NOPE}\n")
	yujing(t, b.args("apply", "-f", ref, "--by", "ops-lead", "--info-types", "1")...).want(t, exitRefused, `ref.yaml:2: routings RT1`, `"CH-NOPE" is neither`)
	yujing(t, b.args("apply", "-f", filepath.Join(dir, "missing.yaml"), "--by", "ops-lead")...).want(t, exitUsage, "no such file")
	yujing(t, b.args("apply", "-f", ref)...).want(t, exitUsage, `"by" not set`)
	out := must(t, b.args("apply", "-f", write("empty.yaml", "owner: nobody\n"), "--by", "ops-lead")...)
	if !strings.Contains(out.stdout, "No changes: 0 rows as the file says.") {
		t.Errorf("an empty file: %s", out.stdout)
	}
}
