package cli

import (
	"context"
	"io"

	"github.com/spf13/cobra"

	"github.com/yujing-go/yujing/alert"
)

// Option configures the command line a host mounts.
type Option func(*app)

// WithEngineOptions gives the commands that build an engine (ack, check,
// channel test, rule test, backtest, explain…) the host's engine options:
// its scenes, CEL functions (alert.WithRuleOptions), channel types
// (alert.WithChannelType), time zones (alert.WithTimeZones). The store is
// the command's --dsn or --sqlite; a WithStore given here is overridden.
func WithEngineOptions(opts ...alert.Option) Option {
	return func(a *app) { a.engineOpts = append(a.engineOpts, opts...) }
}

// Run runs the command line with args (without the program's name),
// writing to stdout and stderr, and returns the exit status documented in
// the package (0 done, 1 failed, 2 usage, 3 refused, 4 not found…). A
// host's main is one line:
//
//	os.Exit(cli.Run(ctx, os.Args[1:], os.Stdout, os.Stderr, cli.WithEngineOptions(myScenes...)))
func Run(ctx context.Context, args []string, stdout, stderr io.Writer, opts ...Option) int {
	return run(ctx, args, stdout, stderr, opts...)
}

// Command returns the command tree, named yujing, for a host to add under
// its own cobra root (root.AddCommand(cli.Command(…))). The commands write
// to the command's OutOrStdout and ErrOrStderr; Execute returns their
// error, which ExitCode turns into the documented exit status. The
// database a command opened is closed when it returns.
func Command(opts ...Option) *cobra.Command {
	a := newApp(io.Discard, io.Discard, opts)
	root := a.root()
	root.PersistentPreRunE = chainPreRun(root.PersistentPreRunE, func(cmd *cobra.Command, _ []string) error {
		a.stdout, a.stderr = cmd.OutOrStdout(), cmd.ErrOrStderr()
		a.log = newLogger(a.stderr)
		return nil
	})
	root.PersistentPostRun = func(*cobra.Command, []string) { a.close() }
	return root
}

// ExitCode returns the exit status of an error a mounted Command
// returned: 0 for nil, otherwise the documented status.
func ExitCode(err error) int {
	if err == nil {
		return exitOK
	}
	code, _ := describe(err, nil)
	return code
}

func chainPreRun(first, then func(*cobra.Command, []string) error) func(*cobra.Command, []string) error {
	return func(cmd *cobra.Command, args []string) error {
		if err := then(cmd, args); err != nil {
			return err
		}
		if first == nil {
			return nil
		}
		return first(cmd, args)
	}
}
