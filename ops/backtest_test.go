package ops_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/yujing-go/yujing/internal/testdb"
	"github.com/yujing-go/yujing/ops"
	"github.com/yujing-go/yujing/store"
)

// TestBacktestSavedRuleIsWhatTheEngineDid replays the saved rule over the
// history the engine made with it: pending 3 keeps PH's flaps quiet, ID
// fires, repeats after the hour and resolves, in the windows the engine
// did, and no window differs from what was sent.
func TestBacktestSavedRuleIsWhatTheEngineDid(t *testing.T) {
	for _, be := range testdb.Backends() {
		t.Run(be.Name, func(t *testing.T) {
			h := newHistory(t, be.Open)
			sum, ws := h.run(t, ops.BacktestQuery{RuleNo: "R-BT", PageSize: 7}) // pages of 7: many keyset pages
			want := []string{"ID 13:30 firing", "ID 14:30 repeat", "ID 15:20 resolved"}
			if got := messages(ws); !slices.Equal(got, want) {
				t.Errorf("messages %v, want %v", got, want)
			}
			if sum.Windows != 72 || len(ws) != 72 || sum.Differences != 0 || sum.Errors != 0 {
				t.Errorf("summary: %d windows (%d delivered), %d differences %v, %d errors", sum.Windows, len(ws), sum.Differences, sum.ByDiff, sum.Errors)
			}
			// PH matched two windows of three but never fired: pending 2/3.
			var phFired, phPending int
			for _, w := range ws {
				if w.Country == "PH" && w.Fired {
					phFired++
					if strings.HasPrefix(w.Reason, "pending") {
						phPending++
					}
				}
				if w.Diff != ops.DiffSame {
					t.Errorf("%s %s differs: %s (replayed %q; actual %+v)", w.Country, w.End.Format("15:04"), w.Diff, w.Reason, w.Actual)
				}
			}
			if phFired != 24 || phPending != 24 {
				t.Errorf("PH: %d windows fired, %d pending; want 24 and 24", phFired, phPending)
			}
			if sum.Fired != 36 || sum.Messages["firing"] != 1 || sum.Messages["repeat"] != 1 || sum.Messages["resolved"] != 1 {
				t.Errorf("summary: fired %d, messages %v", sum.Fired, sum.Messages)
			}
			checkOrder(t, ws)
			checkRepeatReason(t, ws)
		})
	}
}

// checkOrder checks windows come country by country, in window order.
func checkOrder(t *testing.T, ws []ops.BacktestWindow) {
	t.Helper()
	for i := 1; i < len(ws); i++ {
		a, b := ws[i-1], ws[i]
		if a.Country > b.Country || a.Country == b.Country && !a.Begin.Before(b.Begin) {
			t.Fatalf("window %d (%s %s) after %s %s", i, b.Country, b.Begin, a.Country, a.Begin)
		}
	}
}

// checkRepeatReason checks the windows between ID's firing and its repeat
// say the interval was not reached, with the evaluated values.
func checkRepeatReason(t *testing.T, ws []ops.BacktestWindow) {
	t.Helper()
	for _, w := range ws {
		if w.Country != "ID" || w.End.Format("15:04") != "13:40" {
			continue
		}
		if !strings.Contains(w.Reason, "repeat interval 1h not reached") || w.Values["rate"] != 0.4 || w.Values["threshold"] != 0.9 {
			t.Errorf("ID 13:40: reason %q values %v", w.Reason, w.Values)
		}
		if w.Actual.Status != store.RecordNoAlert || !strings.Contains(w.Actual.Reason, "repeat interval") {
			t.Errorf("ID 13:40 actual: %+v", w.Actual)
		}
		return
	}
	t.Error("no ID window ending 13:40")
}

// TestBacktestDraftDiffers replays drafts over the same history: one that
// fires on the first bad window (pending 1) sends where the engine did
// not; one that needs 20 windows never fires, where the engine did.
func TestBacktestDraftDiffers(t *testing.T) {
	for _, be := range testdb.Backends() {
		t.Run(be.Name, func(t *testing.T) {
			h := newHistory(t, be.Open)
			eager := store.Rule{FunCode: new("rate < threshold"), ThresholdVal: new("0.9")}
			sum, ws := h.run(t, ops.BacktestQuery{Draft: &eager, InfoType: new(btScene), Countries: []string{"ID"}})
			want := []string{"ID 13:10 firing", "ID 14:10 repeat", "ID 15:10 resolved"}
			if got := messages(ws); !slices.Equal(got, want) {
				t.Errorf("eager draft: messages %v, want %v", got, want)
			}
			diffs := map[string]string{}
			for _, w := range ws {
				if w.Diff != ops.DiffSame {
					diffs[w.End.Format("15:04")] = w.Diff.String()
				}
			}
			wantDiffs := map[string]string{"13:10": "would send, was not sent", "13:30": "was sent, would not send",
				"14:10": "would send, was not sent", "14:30": "was sent, would not send", "15:10": "would send, was not sent", "15:20": "was sent, would not send"}
			if fmt.Sprint(diffs) != fmt.Sprint(wantDiffs) || sum.Differences != 6 || sum.Rule != "draft" || !sum.Draft {
				t.Errorf("eager draft: differences %v (%d), want %v; rule %q", diffs, sum.Differences, wantDiffs, sum.Rule)
			}

			slow := store.Rule{FunCode: new("rate < threshold"), ThresholdVal: new("0.9")}
			slow.SetPendingWindows(20)
			sum, ws = h.run(t, ops.BacktestQuery{Draft: &slow, InfoType: new(btScene)})
			if got := messages(ws); len(got) != 0 || sum.ByDiff["was sent, would not send"] != 3 || sum.Differences != 3 {
				t.Errorf("slow draft: messages %v, differences %v", got, sum.ByDiff)
			}
		})
	}
}

// TestBacktestHistoryRule replays drafts that use history through the
// engine's history source: one that compares with the previous window
// fires only where ID drops; one that reads the baseline days sees none.
func TestBacktestHistoryRule(t *testing.T) {
	h := newHistory(t, testdb.SQLite)
	drop := store.Rule{FunCode: new("has(prev.rate) && prev.rate - rate > threshold"), ThresholdVal: new("0.3")}
	_, ws := h.run(t, ops.BacktestQuery{Draft: &drop, InfoType: new(btScene), Countries: []string{"ID"}, PageSize: 5})
	var fired []string
	for _, w := range ws {
		if w.Fired {
			fired = append(fired, w.End.Format("15:04"))
			if w.Values["prev.rate"] != 0.97 {
				t.Errorf("values %v", w.Values)
			}
		}
	}
	if fmt.Sprint(fired) != "[13:10]" {
		t.Errorf("fired at %v, want [13:10]", fired)
	}
	// The baseline (the same window on earlier days): none is stored.
	base := store.Rule{FunCode: new("baseline.days == 0 && rate < threshold"), ThresholdVal: new("0.9")}
	sum, _ := h.run(t, ops.BacktestQuery{Draft: &base, InfoType: new(btScene), Countries: []string{"ID"}})
	if sum.Fired != 12 || sum.Errors != 0 {
		t.Errorf("baseline rule: %d fired, %d errors", sum.Fired, sum.Errors)
	}
}

// TestBacktestRefuses checks bad input: CEL that does not compile is
// refused with its position, a missing rule is not found, and a query
// without a rule or range is refused.
func TestBacktestRefuses(t *testing.T) {
	h := newHistory(t, testdb.SQLite)
	ctx := context.Background()
	noop := func(ops.BacktestWindow) error { return nil }
	bad := store.Rule{FunCode: new("rate < < threshold"), ThresholdVal: new("0.9")}
	_, err := h.kit.Backtest(ctx, ops.BacktestQuery{Draft: &bad, InfoType: new(btScene), From: at(historyStart), To: at(historyEnd)}, noop)
	ve, ok := errors.AsType[*store.ValidationError](err)
	if !ok || ve.Column != "fun_code" || !strings.Contains(err.Error(), "1:8") {
		t.Errorf("bad CEL: %v", err)
	}
	_, err = h.kit.Backtest(ctx, ops.BacktestQuery{RuleNo: "R-NONE", From: at(historyStart), To: at(historyEnd)}, noop)
	if !errors.Is(err, store.ErrNotFound) {
		t.Errorf("missing rule: %v", err)
	}
	for _, q := range []ops.BacktestQuery{{From: at(historyStart)}, {RuleNo: "R-BT", From: at(historyEnd), To: at(historyStart)},
		{Draft: &store.Rule{FunCode: new("rate < 0.5")}}} {
		if _, err := h.kit.Backtest(ctx, q, noop); !isValidation(err) {
			t.Errorf("query %+v: %v", q, err)
		}
	}
	stop := errors.New("enough")
	_, err = h.kit.Backtest(ctx, ops.BacktestQuery{RuleNo: "R-BT", From: at(historyStart), To: at(historyEnd)},
		func(ops.BacktestWindow) error { return stop })
	if !errors.Is(err, stop) {
		t.Errorf("a callback's error: %v", err)
	}
}

func isValidation(err error) bool {
	_, ok := errors.AsType[*store.ValidationError](err)
	return ok
}

// TestBacktestSlots replays templates whose send slots hold several
// windows' messages, against what the engine did with them: a realtime
// slot of an hour with no repeat interval (every bad window alerts, the
// slot's first message is sent and the others suppressed), and a daily
// schedule (the messages of the day merge into one, sent at 09:00).
func TestBacktestSlots(t *testing.T) {
	for _, be := range testdb.Backends() {
		t.Run(be.Name, func(t *testing.T) {
			h := newHistory(t, be.Open, func(tpl *store.Template, _ *store.Routing) {
				tpl.SetRepeatSeconds(0)
				tpl.SetSlotSeconds(3600)
			})
			sum, ws := h.run(t, ops.BacktestQuery{RuleNo: "R-BT", Countries: []string{"ID"}})
			if sum.Differences != 0 || sum.Suppressed == 0 || sum.Messages["firing"] != 1 || sum.Messages["resolved"] != 1 {
				t.Errorf("hourly slot: %d differences %v, %d suppressed, messages %v", sum.Differences, sum.ByDiff, sum.Suppressed, sum.Messages)
			}
			for _, w := range ws {
				for _, m := range w.Messages {
					if m.Outcome == "suppressed" && !strings.Contains(m.Detail, "of its slot was sent") {
						t.Errorf("%s: %q", w.End.Format("15:04"), m.Detail)
					}
				}
			}

			h = newHistory(t, be.Open, func(tpl *store.Template, _ *store.Routing) {
				tpl.SendType = new(store.SendScheduled)
				tpl.SetSchedule("0 9 * * *")
			})
			sum, ws = h.run(t, ops.BacktestQuery{RuleNo: "R-BT", Countries: []string{"ID"}})
			var outcomes []string
			for _, w := range ws {
				for _, m := range w.Messages {
					outcomes = append(outcomes, m.Kind+" "+m.Outcome+" "+m.Slot.Format("01-02 15:04"))
				}
			}
			want := []string{"firing enqueued 03-14 09:00", "repeat merged 03-14 09:00", "resolved merged 03-14 09:00"}
			if !slices.Equal(outcomes, want) || sum.Differences != 0 {
				t.Errorf("daily schedule: %v, want %v; differences %v", outcomes, want, sum.ByDiff)
			}
		})
	}
}

// TestBacktestKeepsSecrets: nothing a backtest reports (windows, reasons,
// details, summary), nor the engine's log of the run that made the
// history and of the backtests, holds the channel's secret or token, even
// where a message cannot be recorded.
func TestBacktestKeepsSecrets(t *testing.T) {
	h := newHistory(t, testdb.SQLite)
	eager := store.Rule{FunCode: new("rate < threshold"), ThresholdVal: new("0.9")}
	sum, ws := h.run(t, ops.BacktestQuery{Draft: &eager, InfoType: new(btScene)})
	// A country without a route: its messages cannot be recorded, and say why.
	// Written with SQL, so the version is bumped as the README says, for
	// the engine (and the toolkit) to read the configuration again.
	for _, q := range []string{"UPDATE monitor_routing SET country_no = 'ID'", "UPDATE yujing_config_version SET version = version + 1"} {
		if _, err := h.db.SQL().Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	sum2, ws2 := h.run(t, ops.BacktestQuery{Draft: &eager, InfoType: new(btScene), Countries: []string{"PH"}})
	if sum2.Unrecorded == 0 {
		t.Errorf("PH without a route: %+v", sum2)
	}
	out, err := json.Marshal([]any{sum, ws, sum2, ws2})
	if err != nil {
		t.Fatal(err)
	}
	for _, secret := range []string{btHookSecret, hookToken} {
		if strings.Contains(string(out), secret) || strings.Contains(h.logs.String(), secret) {
			t.Errorf("the backtest's output holds %q", secret)
		}
	}
	if !strings.Contains(string(out), "no channel route") {
		t.Errorf("no reason for the unrecorded messages: %.400s", out)
	}
}

// TestBacktestEscalation replays an escalation route (level 1 after 30
// minutes of firing, again every hour) as the engine's escalate stage ran
// it: the same escalations, at the same slots, as the send log holds.
func TestBacktestEscalation(t *testing.T) {
	for _, be := range testdb.Backends() {
		t.Run(be.Name, func(t *testing.T) {
			h := newHistory(t, be.Open, func(_ *store.Template, r *store.Routing) {
				r.SetEscalationLevel(1)
				r.SetEscalationDelay(1800)
				r.SetEscalationRepeat(3600)
			})
			sum, ws := h.run(t, ops.BacktestQuery{RuleNo: "R-BT", Countries: []string{"ID"}})
			var replayed []string
			for _, w := range ws {
				for _, m := range w.Messages {
					if m.Kind == "escalated" && m.Sends {
						replayed = append(replayed, fmt.Sprintf("L%d %s", m.Level, m.Slot.Format("15:04")))
					}
				}
			}
			var sent []string
			var live []store.SendLog
			var hist []store.SendLogHist
			where := "WHERE `param1` = ? AND `country_no` = 'ID'"
			if err := h.db.Select(context.Background(), &live, where, int(store.KindEscalated)); err != nil {
				t.Fatal(err)
			}
			if err := h.db.Select(context.Background(), &hist, where, int(store.KindEscalated)); err != nil {
				t.Fatal(err)
			}
			for _, r := range live {
				sent = append(sent, fmt.Sprintf("L%d %s", r.Level(), r.ExpectSendTime.UTC().Format("15:04")))
			}
			for _, r := range hist {
				sent = append(sent, fmt.Sprintf("L%d %s", *r.Param2, r.ExpectSendTime.UTC().Format("15:04")))
			}
			slices.Sort(sent)
			if len(replayed) != 2 || !slices.Equal(replayed, sent) || sum.Messages["escalated"] != 2 || sum.Differences != 0 {
				t.Errorf("escalations replayed %v, sent %v; summary %v, %d differences", replayed, sent, sum.Messages, sum.Differences)
			}
		})
	}
}
