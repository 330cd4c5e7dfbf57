package cli

import (
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/yujing-go/yujing/ops"
	"github.com/yujing-go/yujing/store"
)

// draftFlags are the flags of a draft rule, as the configuration API
// takes it.
type draftFlags struct {
	expr, threshold, desc string
	pending, resolve      int
}

func (d *draftFlags) add(fl *pflag.FlagSet) {
	fl.StringVar(&d.expr, "expr", "", "the draft rule's CEL expression (monitor_rule.fun_code), e.g. 'rate < threshold'")
	fl.StringVar(&d.threshold, "threshold", "", "its threshold (threshold_val): a number, or JSON for several")
	fl.StringVar(&d.desc, "desc", "", "its description (fun_desc)")
	fl.IntVar(&d.pending, "pending", 1, "windows it must match in a row to fire (param1)")
	fl.IntVar(&d.resolve, "resolve", 1, "windows without a match that resolve it (param2)")
}

// rule is the draft as a store.Rule.
func (d *draftFlags) rule(fl *pflag.FlagSet) *store.Rule {
	r := &store.Rule{FunCode: new(d.expr)}
	if fl.Changed("threshold") {
		r.ThresholdVal = new(d.threshold)
	}
	if d.desc != "" {
		r.FunDesc = new(d.desc)
	}
	r.SetPendingWindows(d.pending)
	r.SetResolveWindows(d.resolve)
	return r
}

// listFlags say which replayed windows a command lists.
type listFlags struct {
	limit int
	all   bool
}

func (l *listFlags) add(fl *pflag.FlagSet) {
	fl.IntVar(&l.limit, "limit", 50, "list at most this many windows (the summary counts them all)")
	fl.BoolVar(&l.all, "all", false, "list every window, not only those that fire, send or differ")
}

func newBacktestCmd(a *app) *cobra.Command {
	var (
		ruleNo, from, to string
		scene            int
		countries        []string
		draft            draftFlags
		list             listFlags
	)
	c := &cobra.Command{
		Use:   "backtest",
		Short: "Replay a rule (saved or a draft) over stored windows: what would fire, what would be sent, what differs",
		Long: `backtest replays a rule over the stored windows (monitor_record) of a scene
with the engine's own code: the rule's verdict on each window (with the values
it used), the pending / resolve / repeat / no-data lifecycle and the send slots
(which messages would have gone out: firing, repeat, resolved, no data,
escalated), compared with what the engine did for each window (same; would
send, was not sent; was sent, would not send).

The rule is a saved one (--rule RULE_NO) or a draft (--expr, --threshold,
--pending, --resolve), checked as the configuration API checks it: CEL that
does not compile is refused with its position (exit 3). A draft needs
--scene; a saved rule's scene is the one its routes name.

It streams over any number of windows; it lists the windows that fire, send
or differ (--all: every window), at most --limit of them, then a summary.
Times are RFC 3339. Silences and acknowledgements are not replayed.`,
		Example: `  yujing backtest --sqlite alerts.db --rule R-SMS-LOW --from 2026-11-01T00:00:00Z
  yujing backtest --dsn "$DSN" --scene 1 --country PH --expr 'rate < threshold' --threshold 0.85 \
      --pending 3 --from 2026-11-01T00:00:00Z --to 2026-11-08T00:00:00Z -o json`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			fl := cmd.Flags()
			q := ops.BacktestQuery{RuleNo: ruleNo, Countries: countries}
			if fl.Changed("expr") {
				if !fl.Changed("scene") {
					return usagef("a draft rule (--expr) needs --scene")
				}
				q.Draft = draft.rule(fl)
			}
			if fl.Changed("scene") {
				q.InfoType = &scene
			}
			var err error
			if q.From, err = parseTime("from", from); err != nil {
				return err
			}
			q.To = a.now()
			if to != "" {
				if q.To, err = parseTime("to", to); err != nil {
					return err
				}
			}
			return runBacktest(cmd, a, q, list)
		},
	}
	fl := c.Flags()
	fl.StringVar(&ruleNo, "rule", "", "the saved rule (rule_no) to replay")
	draft.add(fl)
	fl.IntVar(&scene, "scene", 0, "the scene (info_type); required with --expr")
	fl.StringSliceVar(&countries, "country", nil, "only these countries (repeat, or separate with commas); default every one the rule applies to")
	fl.StringVar(&from, "from", "", "replay the windows that begin at or after this time (RFC 3339)")
	fl.StringVar(&to, "to", "", "and before this time (RFC 3339; default now)")
	list.add(fl)
	_ = c.MarkFlagRequired("from")
	c.MarkFlagsMutuallyExclusive("rule", "expr")
	c.MarkFlagsOneRequired("rule", "expr")
	return c
}

func newRuleCmd(a *app) *cobra.Command {
	return group("rule", "Work with rules: try a draft over the recent windows", newRuleTestCmd(a))
}

func newRuleTestCmd(a *app) *cobra.Command {
	var (
		scene     int
		countries []string
		days      int
		draft     draftFlags
		list      listFlags
	)
	c := &cobra.Command{
		Use:   "test",
		Short: "Try a draft rule over the last days of stored windows (a backtest of a draft)",
		Long: `test replays a draft rule (--expr, --threshold, --pending, --resolve) over the
stored windows of a scene in the last --days days, as backtest does: where it
would fire, what it would send, and how that differs from what was sent. CEL
that does not compile is refused with its position (exit 3).`,
		Example: `  yujing rule test --sqlite alerts.db --scene 1 --expr 'denominator >= 100 && rate < threshold' --threshold 0.9
  yujing rule test --dsn "$DSN" --scene 1 --country PH --expr 'rate < baseline.rate - 0.1' --days 14 --pending 3`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := positive("days", days); err != nil {
				return err
			}
			to := a.now()
			q := ops.BacktestQuery{Draft: draft.rule(cmd.Flags()), InfoType: &scene, Countries: countries,
				From: to.Add(-time.Duration(days) * 24 * time.Hour), To: to}
			return runBacktest(cmd, a, q, list)
		},
	}
	fl := c.Flags()
	fl.IntVar(&scene, "scene", 0, "the scene (info_type)")
	fl.StringSliceVar(&countries, "country", nil, "only these countries (repeat, or separate with commas); default every one with windows")
	fl.IntVar(&days, "days", 7, "replay the windows of the last this many days")
	draft.add(fl)
	list.add(fl)
	_ = c.MarkFlagRequired("scene")
	_ = c.MarkFlagRequired("expr")
	return c
}

// runBacktest runs a backtest and prints the windows it lists and the
// summary.
func runBacktest(cmd *cobra.Command, a *app, q ops.BacktestQuery, list listFlags) error {
	if err := positive("limit", list.limit); err != nil {
		return err
	}
	e, db, err := a.engine(cmd.Context())
	if err != nil {
		return err
	}
	kit := ops.New(e, db, ops.WithClock(a.now))
	listed := []ops.BacktestWindow{}
	more := 0
	sum, err := kit.Backtest(cmd.Context(), q, func(w ops.BacktestWindow) error {
		switch {
		case !list.all && !worthListing(w):
		case len(listed) < list.limit:
			listed = append(listed, w)
		default:
			more++
		}
		return nil
	})
	if err != nil {
		return err
	}
	if a.isJSON() {
		return a.writeJSON(struct {
			Summary ops.BacktestSummary  `json:"summary"`
			Windows []ops.BacktestWindow `json:"windows"`
			More    int                  `json:"more"` // windows worth listing beyond --limit
		}{sum, listed, more})
	}
	if err := backtestTable(a, listed); err != nil {
		return err
	}
	if more > 0 {
		fmt.Fprintf(a.stdout, "… %d more windows not listed (--limit %d)\n", more, list.limit)
	}
	return backtestSummary(a, sum)
}

// worthListing: the window fires, sends, could not be judged, or differs.
func worthListing(w ops.BacktestWindow) bool {
	return w.Fired || len(w.Messages) > 0 || w.Error != "" || w.Diff != ops.DiffSame
}

// backtestTable writes replayed windows as a table.
func backtestTable(a *app, ws []ops.BacktestWindow) error {
	t := newTable(a.stdout, "COUNTRY", "WINDOW", "RATE", "FIRED", "STATE", "WOULD SEND", "WAS SENT", "DIFFERENCE", "REASON")
	for _, w := range ws {
		var sends []string
		for _, m := range w.Messages {
			s := m.Kind + " " + m.Outcome
			if m.Outcome == "" {
				s = m.Kind + " not recorded"
			}
			if !m.Slot.IsZero() {
				s += " @" + m.Slot.UTC().Format("01-02 15:04")
			}
			sends = append(sends, s)
		}
		sent := ""
		if w.Actual.Sent {
			sent = strings.TrimSpace(w.Actual.Kind + " " + w.Actual.Delivery)
		}
		fired := "no"
		switch {
		case w.Error != "":
			fired = "error"
		case w.Fired:
			fired = "yes"
		}
		diff := ""
		if w.Diff != ops.DiffSame {
			diff = w.Diff.String()
		}
		reason := w.Reason
		if w.Fired && w.Explain != "" {
			reason = w.Explain + "; " + reason
		}
		t.row(w.Country, w.Begin.UTC().Format("2006-01-02 15:04")+"–"+w.End.UTC().Format("15:04"), fmt.Sprintf("%.4g", w.Rate),
			fired, string(w.State), strings.Join(sends, ", "), sent, diff, reason)
	}
	return t.flush()
}

// backtestSummary writes the summary lines.
func backtestSummary(a *app, s ops.BacktestSummary) error {
	rule := s.Rule
	if s.Draft {
		rule = "draft rule"
	}
	w := a.stdout
	fmt.Fprintf(w, "\n%s over scene %d, %s to %s, %d countries\n", rule, s.InfoType, s.From.Format(time.RFC3339), s.To.Format(time.RFC3339), len(s.Countries))
	fmt.Fprintf(w, "windows %d, fired %d, not judged %d\n", s.Windows, s.Fired, s.Errors)
	fmt.Fprintf(w, "would send %s; suppressed by their slot %d; not recorded %d\n", countsText(s.Messages), s.Suppressed, s.Unrecorded)
	fmt.Fprintf(w, "differences from what was sent %d%s\n", s.Differences, diffText(s.ByDiff))
	_, err := fmt.Fprintf(w, "%s, %.0f records/s\n", s.Duration.Round(time.Millisecond), s.RecordsPerSecond)
	return err
}

func countsText(m map[string]int64) string {
	if len(m) == 0 {
		return "nothing"
	}
	var parts []string
	for _, k := range []string{"firing", "repeat", "resolved", "fired and recovered", "no data", "escalated", "fired during a silence", "alert"} {
		if n := m[k]; n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, k))
		}
	}
	return strings.Join(parts, ", ")
}

func diffText(m map[string]int64) string {
	var parts []string
	for _, d := range []ops.Diff{ops.DiffWouldSend, ops.DiffWasSent, ops.DiffKind} {
		if n := m[d.String()]; n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, d))
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return " (" + strings.Join(parts, ", ") + ")"
}
