package cli

import (
	"context"
	"errors"
	"fmt"
	"io/fs"

	"github.com/spf13/cobra"

	"github.com/yujing-go/yujing/alert"
	"github.com/yujing-go/yujing/ops"
)

func newApplyCmd(a *app) *cobra.Command {
	var (
		file, owner, by string
		dryRun, prune   bool
		infoTypes       []int
	)
	c := &cobra.Command{
		Use:   "apply",
		Short: "Apply a configuration file (YAML): rules, templates, channels, routes, silences",
		Long: `apply makes the database's configuration what a YAML file says, like
terraform apply: it prints the plan, row by row (+ create, ~ update with
field: old → new, - disable, = unchanged, ! kept), and writes it through the
engine's configuration API as --by, with the engine's checks. Rows are named by
their codes (rule_no, mod_no, channel_no, bu_no, routing_no, silence_no):
applying the same file again changes nothing and says so.

The whole file is checked before anything is written: unknown keys (with the
line), codes, references to codes neither in the file nor in the database,
column sizes and the engine's checks; every problem is reported (exit 3).

Channel secrets come from the environment: a detail written {env: NAME} takes
the variable's value (a missing variable is an error naming it); the plan shows
such values, and the details channel/KEYS.md marks secret (as yujing channel
list masks them: a webhook's url, a robot's key or token, a password…), as
(secret) or (secret, changed), never the value.

Ownership: every row the file writes is marked with the owner (--owner, else
the file's owner: key, else "default"; param5 of the row, a silence's
created_by ends with " (apply:OWNER)"). An enabled row of the owner that the
file no longer names is kept (the plan lists it) unless --prune, which
disables it (a silence is expired). Rows of other owners, and rows written
by hand or with SQL, are never disabled.

The plain yujing binary has no scenes: --info-types lists the info_types the
file may use (a host that mounts the command line with its scenes checks
against those).`,
		Example: `  export OPS_WEBHOOK_URL=https://hooks.example.com/yujing OPS_WEBHOOK_SECRET=…
  yujing apply --sqlite alerts.db -f examples/config/yujing.yaml --by ops-lead --info-types 0,1 --dry-run
  yujing apply --sqlite alerts.db -f examples/config/yujing.yaml --by ops-lead --info-types 0,1
  yujing apply --dsn "$DSN" -f team.yaml --owner payments --by maria --prune -o json`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return a.apply(cmd.Context(), file, infoTypes, ops.ApplyOptions{Owner: owner, By: by, DryRun: dryRun, Prune: prune})
		},
	}
	fl := c.Flags()
	fl.StringVarP(&file, "file", "f", "", "the configuration file (YAML; required)")
	fl.BoolVar(&dryRun, "dry-run", false, "print the plan, write nothing")
	fl.BoolVar(&prune, "prune", false, "disable the owner's rows the file no longer names (expire its silences)")
	fl.StringVar(&owner, "owner", "", "the owner of the file's rows (default: the file's owner:, else \"default\")")
	fl.StringVar(&by, "by", "", "who applies: the user of the configuration API, at most 32 characters (required)")
	fl.IntSliceVar(&infoTypes, "info-types", nil, "info_types to accept besides the host's scenes (the plain binary has none), e.g. 0,1")
	_ = c.MarkFlagRequired("file")
	_ = c.MarkFlagRequired("by")
	return c
}

// apply loads the file, plans and applies it with an engine of the
// host's options (and --info-types), and prints the plan, also when a
// write failed part of the way.
func (a *app) apply(ctx context.Context, file string, infoTypes []int, opts ops.ApplyOptions) error {
	by, err := checkBy(opts.By)
	if err != nil {
		return err
	}
	opts.By = by
	f, err := ops.LoadApplyFile(file, nil)
	if errors.Is(err, fs.ErrNotExist) {
		return usagef("-f %s: no such file", file)
	}
	if err != nil {
		return err
	}
	var extra []alert.Option
	if len(infoTypes) > 0 {
		extra = append(extra, alert.WithFireTypes(infoTypes...))
	}
	e, db, err := a.engine(ctx, extra...)
	if err != nil {
		return err
	}
	plan, err := ops.New(e, db, ops.WithClock(a.now)).Apply(ctx, f, opts)
	if plan != nil {
		if werr := a.writePlan(plan); werr != nil && err == nil {
			err = werr
		}
	}
	return err
}

// writePlan prints the plan as text, or as JSON with -o json.
func (a *app) writePlan(p *ops.Plan) error {
	if a.isJSON() {
		return a.writeJSON(p)
	}
	if err := p.WriteText(a.stdout); err != nil {
		return fmt.Errorf("write the plan: %w", err)
	}
	return nil
}
