package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"time"

	"github.com/go-sql-driver/mysql"
	"github.com/spf13/cobra"

	"github.com/yujing-go/yujing/alert"
	"github.com/yujing-go/yujing/store"
)

// app is one run of the command line: its streams, its global flags and
// the database it opened. Nothing is global, so that tests run commands
// in-process and in parallel.
type app struct {
	stdout, stderr io.Writer
	log            *slog.Logger // warnings of the store and the engine, to stderr
	now            func() time.Time

	dsn    string // --dsn
	sqlite string // --sqlite
	output string // -o: table or json

	db *store.DB // opened by open; closed when the run ends

	engineOpts []alert.Option // the host's (WithEngineOptions)
}

// Command groups, in the order the help lists them.
const (
	groupAlerts = "alerts"
	groupConfig = "config"
	groupAdmin  = "admin"
	groupTools  = "tools"
)

// groups are the help's command groups, made afresh for each run.
func groups() []*cobra.Group {
	return []*cobra.Group{
		{ID: groupAlerts, Title: "Alerts:"},
		{ID: groupConfig, Title: "Configuration:"},
		{ID: groupAdmin, Title: "Database:"},
		{ID: groupTools, Title: "Tools:"},
	}
}

// command is a top-level command: its help group and how to build it.
type command struct {
	group string
	build func(*app) *cobra.Command
}

// commands are the top-level commands, each built in its own file; adding
// a command is adding a file and a line here.
func commands() []command {
	return []command{
		{groupAlerts, newAckCmd},
		{groupAlerts, newStateCmd},
		{groupAlerts, newEventsCmd},
		{groupAlerts, newHistoryCmd}, {groupAlerts, newExplainCmd},
		{groupConfig, newSilenceCmd},
		{groupConfig, newApplyCmd},
		{groupConfig, newChannelCmd},
		{groupConfig, newCheckCmd},
		{groupAdmin, newMigrateCmd},
		{groupAdmin, newVersionCmd},
		{groupTools, newTemplateCmd},
		{groupTools, newRuleCmd},
		{groupTools, newBacktestCmd},
	}
}

// openTimeout bounds connecting to the database (a server that does not
// answer would otherwise hold the command for the system's TCP timeout).
const openTimeout = 20 * time.Second

// run runs the command line args and returns the exit status: main's
// whole work, callable from tests.
func run(ctx context.Context, args []string, stdout, stderr io.Writer, opts ...Option) int {
	a := newApp(stdout, stderr, opts)
	root := a.root()
	root.SetArgs(args)
	root.SetOut(stdout)
	root.SetErr(stderr)
	cmd, err := root.ExecuteContextC(ctx)
	a.close()
	if err == nil {
		return exitOK
	}
	code, msg := describe(err, cmd)
	fmt.Fprintln(stderr, "yujing: "+oneLine(redact(msg, args)))
	return code
}

// newApp makes one run's app with the host's options.
func newApp(stdout, stderr io.Writer, opts []Option) *app {
	a := &app{stdout: stdout, stderr: stderr, now: time.Now, log: newLogger(stderr)}
	for _, o := range opts {
		o(a)
	}
	return a
}

// newLogger logs the store's and the engine's warnings to w.
func newLogger(w io.Writer) *slog.Logger {
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: slog.LevelWarn}))
}

// close closes the database the run opened.
func (a *app) close() {
	if a.db != nil {
		_ = a.db.Close()
		a.db = nil
	}
}

// engine makes an engine on the run's database with the host's options
// (scenes, CEL functions, channel types, time zones) and extra ones: the
// toolkit's answers come from the engine's own code.
func (a *app) engine(ctx context.Context, extra ...alert.Option) (*alert.Engine, *store.DB, error) {
	db, err := a.open(ctx, dbRequired)
	if err != nil {
		return nil, nil, err
	}
	opts := append([]alert.Option{alert.WithStore(db), alert.WithLogger(a.log)}, a.engineOpts...)
	e, err := alert.New(append(opts, extra...)...)
	if err != nil {
		return nil, nil, err
	}
	return e, db, nil
}

// root builds the command tree of one run.
func (a *app) root() *cobra.Command {
	root := &cobra.Command{
		Use:   "yujing",
		Short: "Operate yujing alerting: silences, acknowledgements, alert states and the audit",
		Long: `yujing is the operator's command line of the yujing alerting library.

Every command takes the database as --dsn (MySQL/MariaDB, e.g.
'user:password@tcp(db.example.com:3306)/alerts') or --sqlite PATH: exactly one.
Output is a table, or JSON with -o json (one document per command).

Exit status: 0 done; 1 failed (database, network, not migrated); 2 usage
(flags, arguments, the database options); 3 refused by the checks (the error
names the column, or the template placeholder); 4 not found; 5 ack: the alert
does not fire (stale); 6 ack: already acknowledged.`,
		SilenceErrors: true,
		SilenceUsage:  true,
		PersistentPreRunE: func(cmd *cobra.Command, _ []string) error {
			if a.output != "table" && a.output != "json" {
				return fmt.Errorf("-o %q: want table or json", a.output)
			}
			if a.dsn != "" && a.sqlite != "" {
				return errors.New("give either --dsn or --sqlite, not both")
			}
			return nil
		},
	}
	root.CompletionOptions.HiddenDefaultCmd = true
	f := root.PersistentFlags()
	f.StringVar(&a.dsn, "dsn", "", "MySQL/MariaDB DSN: user:password@tcp(host:3306)/dbname[?param=value]")
	f.StringVar(&a.sqlite, "sqlite", "", "SQLite database file")
	f.StringVarP(&a.output, "output", "o", "table", "output format: table or json")
	for _, g := range groups() {
		root.AddGroup(g)
	}
	for _, c := range commands() {
		cmd := c.build(a)
		cmd.GroupID = c.group
		root.AddCommand(cmd)
	}
	markRunErrors(root)
	return root
}

// markRunErrors wraps the RunE of every command so that run can tell an
// error of the command's work from cobra's own (flags, arguments), which
// are usage errors.
func markRunErrors(c *cobra.Command) {
	if fn := c.RunE; fn != nil {
		c.RunE = func(cmd *cobra.Command, args []string) error {
			if err := fn(cmd, args); err != nil {
				return &runError{err}
			}
			return nil
		}
	}
	for _, sub := range c.Commands() {
		markRunErrors(sub)
	}
}

// group returns a command that only holds subcommands: with no
// subcommand it shows its help, with an unknown one it fails.
func group(use, short string, subs ...*cobra.Command) *cobra.Command {
	c := &cobra.Command{
		Use:   use,
		Short: short,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				return usagef("unknown command %q for %q", args[0], cmd.CommandPath())
			}
			return cmd.Help()
		},
	}
	c.AddCommand(subs...)
	return c
}

// noArgs refuses arguments without repeating them (a DSN given without
// --dsn would otherwise be printed back).
func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		return fmt.Errorf("%s takes no arguments, got %d (the database goes in --dsn or --sqlite)", cmd.CommandPath(), len(args))
	}
	return nil
}

// dbMode says whether a command needs a database.
type dbMode int

const (
	dbRequired dbMode = iota // fail without one
	dbOptional               // nil without one
	dbCreate                 // required; a missing SQLite file is made (migrate)
)

// open opens the database the flags name, once per run.
func (a *app) open(ctx context.Context, mode dbMode) (*store.DB, error) {
	if a.db != nil {
		return a.db, nil
	}
	if a.dsn == "" && a.sqlite == "" {
		if mode == dbOptional {
			return nil, nil
		}
		return nil, usagef("no database: give --dsn (MySQL/MariaDB) or --sqlite PATH")
	}
	ctx, cancel := context.WithTimeout(ctx, openTimeout)
	defer cancel()
	var (
		db  *store.DB
		err error
	)
	if a.dsn != "" {
		if _, perr := mysql.ParseDSN(a.dsn); perr != nil {
			return nil, usagef("%s", dsnProblem(a.dsn, perr))
		}
		db, err = store.OpenMySQL(ctx, a.dsn, store.WithLogger(a.log))
	} else {
		if mode != dbCreate {
			if _, serr := os.Stat(a.sqlite); serr != nil {
				return nil, usagef("--sqlite %s: %v (yujing migrate --sqlite %s creates the database)", a.sqlite, statProblem(serr), a.sqlite)
			}
		}
		db, err = store.OpenSQLite(ctx, a.sqlite, store.WithLogger(a.log))
	}
	if err != nil {
		return nil, err
	}
	a.db = db
	return db, nil
}

func statProblem(err error) string {
	if errors.Is(err, os.ErrNotExist) {
		return "no such file"
	}
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// isJSON reports whether -o json was given.
func (a *app) isJSON() bool { return a.output == "json" }
