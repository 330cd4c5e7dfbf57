// Command quickstart runs the whole alert pipeline on the embedded SQLite
// store, with no server: three countries' SMS verification success rate in
// 10-minute windows, simulated over three hours on a simulated clock, one
// country degrading; a rule (rate < threshold), English and Chinese
// templates, and a webhook channel served in-process that prints each
// alert as it arrives; plus an hourly collections report per country,
// written as an .xlsx into a local directory and linked from its alert.
//
//	go run ./examples/quickstart
//
// The database lives in a temporary directory removed at the end. With
// -keep PATH it is kept at PATH (its report files in PATH.files), and the
// program prints the operator's commands that inspect it. The quickstart
// is also a host that mounts the operator's command line (package cli)
// with its own engine options (its scenes, time zones and 30-minute
// slot), as a service would in its own binary:
//
//	go run ./examples/quickstart -keep quickstart.db
//	go run ./examples/quickstart yujing state --sqlite quickstart.db
//	go run ./examples/quickstart yujing backtest --sqlite quickstart.db --rule CODE --from 2026-11-24T00:00:00Z
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/yujing-go/yujing/cli"
	"github.com/yujing-go/yujing/examples/internal/demo"
	"github.com/yujing-go/yujing/store"
)

func main() {
	if len(os.Args) > 1 && os.Args[1] == "yujing" {
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
		code := operate(ctx, os.Args[2:], os.Stdout, os.Stderr)
		stop()
		os.Exit(code)
	}
	keep := flag.String("keep", "", "keep the SQLite database at `PATH` (a new file; report files in PATH.files) and print the commands that inspect it")
	flag.Parse()
	if flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "quickstart: no arguments expected (did you mean -keep PATH?)")
		os.Exit(2)
	}
	if err := run(context.Background(), os.Stdout, *keep); err != nil {
		fmt.Fprintln(os.Stderr, "quickstart:", err)
		os.Exit(1)
	}
}

// run runs the demo into out. keep, when not empty, is where the database
// stays after the run; it must not exist yet.
func run(ctx context.Context, out io.Writer, keep string) (err error) {
	dir, err := os.MkdirTemp("", "yujing-quickstart-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	path, files, where := filepath.Join(dir, "alerts.db"), filepath.Join(dir, "files"), dir
	if keep != "" {
		if _, serr := os.Stat(keep); !errors.Is(serr, os.ErrNotExist) {
			return fmt.Errorf("-keep %s: the file exists (or cannot be checked): remove it or choose another path", keep)
		}
		path, files, where = keep, keep+".files", keep
		defer func() {
			if err != nil { // a failed run leaves nothing behind
				_ = os.Remove(keep)
				_ = os.RemoveAll(files)
			}
		}()
	}
	clock := demo.NewClock(demo.Start())
	db, err := store.OpenSQLite(ctx, path, store.WithClock(clock.Now))
	if err != nil {
		return err
	}
	defer db.Close()
	fmt.Fprintf(out, "yujing quickstart: SQLite store in %s, simulated clock from %s\n\n", where, clock.Now().Format(time.RFC3339))
	sum, err := demo.Run(ctx, db, clock, out, 3, files)
	if err != nil {
		return err
	}
	sum.Print(out)
	if keep != "" {
		printInspect(out, keep, files)
	}
	return nil
}

// operate runs the operator's command line with the demo host's engine
// options: a backtest replays with its 30-minute slot, a check knows its
// scenes and time zones.
func operate(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	host := demo.HostOptions(demo.Start(), os.TempDir())
	return cli.Run(ctx, args, stdout, stderr, cli.WithEngineOptions(host...))
}

// printInspect tells where the kept database is and the operator's
// commands that read it (run from the module's root, like the quickstart).
func printInspect(out io.Writer, path, files string) {
	arg := shellQuote(path)
	fmt.Fprintf(out, "\nThe database is kept in %s (report files in %s). Inspect it with the operator's command line,\n"+
		"mounted in the quickstart with its engine options (go run ./cmd/yujing runs the same commands without them):\n\n", path, files)
	for _, c := range []string{
		"state",        // the alert state of every scene × country
		"history",      // the alerts sent, with each channel's outcome
		"check",        // lints the configuration
		"channel list", // the channels, secrets masked
		"events",       // the audit: silences, acknowledgements
	} {
		fmt.Fprintf(out, "  go run ./examples/quickstart yujing %s --sqlite %s\n", c, arg)
	}
	fmt.Fprintf(out, "\nRemove it with: rm -r %s %s\n", arg, shellQuote(files))
}

// shellQuote quotes s for a POSIX shell when it needs it.
func shellQuote(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-/+:=@,") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
