package cli_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"github.com/yujing-go/yujing/cli"
)

// A host mounts the commands under its own root: they write to the
// host's streams, and their errors map to the documented exit codes.
func TestCommandMountsUnderAHostRoot(t *testing.T) {
	host := &cobra.Command{Use: "payments-svc", SilenceErrors: true, SilenceUsage: true}
	host.AddCommand(cli.Command())
	var out, errb bytes.Buffer
	host.SetOut(&out)
	host.SetErr(&errb)

	host.SetArgs([]string{"yujing", "template", "render", "--text", "{country_name}: {rate_pct}"})
	if err := host.ExecuteContext(context.Background()); err != nil {
		t.Fatalf("render: %v (stderr %s)", err, errb.String())
	}
	if got := out.String(); !strings.HasPrefix(got, "Philippines: ") {
		t.Fatalf("render wrote %q to the host's stdout, want the Philippines sample", got)
	}

	host.SetArgs([]string{"yujing", "template", "render", "--text", "{no_such_value}"})
	err := host.ExecuteContext(context.Background())
	if code := cli.ExitCode(err); code != 3 {
		t.Fatalf("unknown placeholder: exit code %d (%v), want 3 (refused)", code, err)
	}
	if cli.ExitCode(nil) != 0 {
		t.Fatal("ExitCode(nil) != 0")
	}
}

// Run is the binary's whole main.
func TestRunReturnsTheExitStatus(t *testing.T) {
	var out, errb bytes.Buffer
	if code := cli.Run(context.Background(), []string{"no-such-command"}, &out, &errb); code != 2 {
		t.Fatalf("unknown command: exit %d, want 2 (usage); stderr %s", code, errb.String())
	}
	if !strings.HasPrefix(errb.String(), "yujing: ") {
		t.Fatalf("stderr %q does not start with yujing:", errb.String())
	}
}
