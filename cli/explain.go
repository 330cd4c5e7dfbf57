package cli

import (
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/yujing-go/yujing/ops"
)

func newExplainCmd(a *app) *cobra.Command {
	return &cobra.Command{
		Use:   "explain CODE",
		Short: "Tell the whole path of a record (bu_no) or an alert (sl_no): rules, template, state, silences, routing, each channel's answers",
		Long: `explain tells the whole path of one record (CODE is a monitor_record
bu_no) or alert (an sl_no of monitor_send_log or monitor_send_log_hist):
the window and its values; the stored verdict beside the rules routed now,
evaluated on those values by the engine's judge; the template; the alert
state, acknowledgement, silences and audit of the scene × country; the send
slot; the routing with escalation levels; each channel's attempts, answers
and waits. A code that is neither exits 4.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			engine, db, err := a.engine(cmd.Context())
			if err != nil {
				return err
			}
			x, err := ops.New(engine, db, ops.WithClock(a.now)).Explain(cmd.Context(), args[0])
			if err != nil {
				return err
			}
			if a.isJSON() {
				return a.writeJSON(explainJSONOf(x))
			}
			w := &sectionWriter{w: a.stdout}
			writeExplanation(w, x)
			return w.err
		},
	}
}

// sectionWriter writes the text of an explanation, keeping the first error.
type sectionWriter struct {
	w   io.Writer
	err error
}

func (s *sectionWriter) line(format string, args ...any) {
	if s.err == nil {
		text := strings.Map(printable, fmt.Sprintf(format, args...))
		_, s.err = fmt.Fprintln(s.w, strings.TrimRight(text, " "))
	}
}

func (s *sectionWriter) section(title string) { s.line(""); s.line("== %s", title) }

// writeExplanation writes the sections in the order of the path.
func writeExplanation(w *sectionWriter, x *ops.Explanation) {
	w.line("%s %s", x.Found, x.Code)
	if r := x.Record; r != nil {
		w.section("Record")
		w.line("bu_no %s  scene %d (%s)  country %s", r.BuNo, r.Scene, r.SceneName, r.Country)
		w.line("window %s – %s", fmtTime(r.Begin), fmtTime(r.End))
		for _, k := range slices.Sorted(maps.Keys(r.Values)) {
			w.line("  %s = %s", k, r.Values[k])
		}
		w.line("status %d (%s)  rule %s  kind %s  alert %s", r.Status, r.StatusText, orDash(r.RuleNo), r.Kind, orDash(r.SlNo))
		w.line("reason: %s", orDash(r.Reason))
	}
	for _, m := range x.SameSlot {
		w.line("same slot: record %s, window %s – %s, status %d: %s", m.BuNo, fmtTime(m.Begin), fmtTime(m.End), m.Status, orDash(m.Reason))
	}
	if r := x.Rules; r != nil {
		w.section("Rules")
		w.line("stored: status %d, rule %s: %s", r.StoredStatus, orDash(r.StoredRuleNo), orDash(r.StoredReason))
		w.line("now:    status %d, rule %s (agrees with stored: %v)", r.Now.Status, orDash(r.Now.RuleNo), r.Agrees)
		for _, c := range r.Now.Rules {
			w.line("  %s  [%s, threshold %s]", c.Explain, c.Code, c.Threshold)
		}
	}
	writeTemplateAndState(w, x)
	writeAlert(w, x)
	if len(x.Notes) > 0 {
		w.section("Notes")
		for _, n := range x.Notes {
			w.line("- %s", n)
		}
	}
}

func writeTemplateAndState(w *sectionWriter, x *ops.Explanation) {
	if t := x.Template; t != nil {
		w.section("Template")
		if t.Problem != "" {
			w.line("none applies: %s", t.Problem)
		} else {
			w.line("%s %q (send type %d), recorded with %s", t.ModNo, t.Title, t.SendType, orDash(t.RecordedModNo))
			w.line("  en: %s", t.Content)
			w.line("  zh: %s", t.ContentChinese)
		}
	}
	w.section("Alert state, acknowledgement, silences")
	if s := x.State; s != nil {
		w.line("state %s since %s, firing since %s, escalation level %d, notified %d time(s), latest alert %s",
			s.State, fmtTime(s.Since), fmtTime(s.FiringSince), s.EscalationLevel, s.NotifyCount, orDash(str(s.LastSlNo)))
		w.line("reason: %s", orDash(str(s.Reason)))
	}
	if k := x.Ack; k != nil {
		w.line("acknowledged by %s at %s until %s", k.By, fmtTime(k.At), orDash(fmtTime(k.Until)))
	}
	for _, s := range x.Silences {
		w.line("silence %s (%s; expired: %v): %s", s.SilenceNo, s.Describe, s.Expired, strings.Join(s.Why, "; "))
	}
	for _, e := range x.Events {
		w.line("event %s %s by %s %s %s", fmtTime(&e.EventTime), e.Kind, orDash(str(e.Actor)), str(e.Ref), str(e.Detail))
	}
}

func writeAlert(w *sectionWriter, x *ops.Explanation) {
	a := x.Alert
	if a == nil {
		return
	}
	w.section("Send slot")
	w.line("sl_no %s  slot %s  kind %s  level %d  merged alerts %d  archived %v", a.SlNo, fmtTime(&a.ExpectSendTime), a.Kind,
		a.Level, a.MergeCount, a.Archived)
	w.line("status %s  retries left %d  sent at %s  next attempt %s", a.Status.String(), a.RetriesLeft,
		orDash(fmtTime(a.SentAt)), orDash(fmtTime(a.NextAttempt)))
	w.line("reason: %s", orDash(a.Reason))
	w.section("Routing")
	for _, r := range x.Routes {
		w.line("%s %q (%s) route %s country %s level %d: gets it %v", r.ChannelNo, r.Name, orDash(r.TypeName), r.RoutingNo,
			r.Country, r.Level, r.Gets)
	}
	w.section("Channels")
	for _, c := range a.Channels {
		w.line("%s (%s): %s after %d attempt(s), last at %s", c.ChannelNo, c.Type, c.Outcome, c.Attempts, orDash(fmtTime(c.At)))
		if c.Answer != "" || c.Error != "" {
			w.line("  answer %s: %s", orDash(c.Answer), c.Error)
		}
		if c.NextAttempt != nil {
			w.line("  next attempt %s (waits %s)", fmtTime(c.NextAttempt), c.Wait)
		}
	}
	if a.StateError != "" {
		w.line("channel_state unreadable: %s", a.StateError)
	}
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
