package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/yujing-go/yujing/ops"
)

func newCheckCmd(a *app) *cobra.Command {
	return &cobra.Command{
		Use:   "check",
		Short: "Lint the whole configuration with the engine's own checks, like amtool check-config",
		Long: `check reads the enabled configuration and reports what the engine would
stumble on, each finding naming its table, the row's code and the column:

errors (exit 3)
  no_template     a scene × country with rules resolves no template
                  (monitor_country_mod, with the "*" fallback as the engine reads it)
  no_channel      a scene × country with rules is routed to no enabled channel
  template        a template the engine refuses: unknown placeholder, stray
                  brace, schedule, slot (per column)
  channel         a channel that does not build from its details (never its secrets)
  rule            a rule whose CEL or threshold does not compile
  unknown_scene   a row of an info_type the engine has no scene of
warnings (exit 0)
  shadowed        a row another makes moot: a country's mapping, route or rule
                  route that the "*" row already gives, a "*" mapping every
                  alerting country overrides, a mapping an earlier one beats
  duplicate       a row that repeats another
  channel_key     a channel detail key its type does not read (a likely typo: ignored)
  disabled_target a row naming a template, channel or rule that is not enabled
  no_time_zone    a country with rows and no time zone (its times are UTC)
  no_scenes       the engine knows no scene: run check from the host's binary
                  (cli.WithEngineOptions) to check the rows' scenes

The scenes, CEL functions, channel types and time zones are the host's
(cli.WithEngineOptions); the plain yujing binary has none.`,
		Example: `  yujing check --sqlite alerts.db
  yujing check --dsn "$DSN" -o json`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			e, db, err := a.engine(cmd.Context())
			if err != nil {
				return err
			}
			rep, err := ops.New(e, db, ops.WithClock(a.now)).Check(cmd.Context())
			if err != nil {
				return err
			}
			if a.isJSON() {
				err = a.writeJSON(rep)
			} else {
				err = checkTable(a, rep)
			}
			if err != nil {
				return err
			}
			if !rep.OK() {
				return &exitError{exitRefused, fmt.Errorf("check: %d errors, %d warnings", rep.Errors, rep.Warnings)}
			}
			return nil
		},
	}
}

// checkTable writes the findings as a table, and a summary line.
func checkTable(a *app, rep *ops.CheckReport) error {
	if len(rep.Findings) == 0 {
		_, err := fmt.Fprintln(a.stdout, "configuration OK: no finding")
		return err
	}
	t := newTable(a.stdout, "SEVERITY", "CHECK", "TABLE", "CODE", "COLUMN", "SCENE", "COUNTRY", "MESSAGE")
	for _, f := range rep.Findings {
		scene := ""
		if f.Scene != nil {
			scene = itoa(*f.Scene)
		}
		t.row(string(f.Severity), f.Check, f.Table, f.Code, f.Column, scene, f.Country, f.Message)
	}
	if err := t.flush(); err != nil {
		return err
	}
	_, err := fmt.Fprintf(a.stdout, "%d errors, %d warnings\n", rep.Errors, rep.Warnings)
	return err
}
