package alert

import (
	"strings"
	"testing"
	"time"

	"github.com/yujing-go/yujing/store"
)

// step is one window given to advance, and what it must decide.
type step struct {
	w      string // "B" bad, "G" good, "E" empty
	kind   store.MessageKind
	state  store.StateName
	reason string // a part of the decision's reason
}

func runSteps(t *testing.T, p policy, steps []step) store.AlertState {
	t.Helper()
	st := newState(store.StateKey{InfoType: 1, CountryNo: "PH"})
	start := time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC)
	for i, s := range steps {
		end := start.Add(time.Duration(i+1) * 10 * time.Minute)
		w := judgedWindow{end: end, buNo: "RC" + end.Format("1504"), bad: s.w == "B", empty: s.w == "E", ruleNo: "R1"}
		next, d, changed := advance(st, w, p, end)
		if d.kind != s.kind || next.State != s.state || !strings.Contains(d.reason, s.reason) {
			t.Fatalf("window %d (%s): %s %s %q, want %s %s %q", i+1, s.w, d.kind, next.State, d.reason, s.kind, s.state, s.reason)
		}
		if d.message() && !changed && !(d.kind == store.KindRepeat && p.repeat == 0) {
			t.Fatalf("window %d: a message without a state write", i+1)
		}
		if changed {
			next.Version++
		}
		st = next
	}
	return st
}

func TestAdvancePendingAndResolveWindows(t *testing.T) {
	p := policy{pending: 3, resolve: 2, resolvedText: true}
	st := runSteps(t, p, []step{
		{"B", store.KindAlert, store.StatePending, "pending 1/3"},
		{"B", store.KindAlert, store.StatePending, "pending 2/3"},
		{"G", store.KindAlert, store.StateOK, "pending cleared"},
		{"B", store.KindAlert, store.StatePending, "pending 1/3"},
		{"B", store.KindAlert, store.StatePending, "pending 2/3"},
		{"B", store.KindFiring, store.StateFiring, "matched 3 window(s)"},
		{"B", store.KindRepeat, store.StateFiring, "still firing"},
		{"G", store.KindAlert, store.StateFiring, "resolving 1/2"},
		{"B", store.KindRepeat, store.StateFiring, "still firing"},
		{"G", store.KindAlert, store.StateFiring, "resolving 1/2"},
		{"G", store.KindResolved, store.StateResolved, "resolved after firing since"},
		{"G", store.KindAlert, store.StateResolved, "ok"},
	})
	if st.Active || st.NotifyCount != 2 { // firing and resolved: repeats without an interval are not counted
		t.Fatalf("after resolving: active %v, notified %d", st.Active, st.NotifyCount)
	}
}

func TestAdvanceRepeatInterval(t *testing.T) {
	p := policy{pending: 1, resolve: 1, repeat: 30 * time.Minute}
	runSteps(t, p, []step{
		{"B", store.KindFiring, store.StateFiring, "firing"},
		{"B", store.KindAlert, store.StateFiring, "repeat interval 30m not reached"},
		{"B", store.KindAlert, store.StateFiring, "repeat interval 30m not reached"},
		{"B", store.KindRepeat, store.StateFiring, "repeat every 30m"},
		{"G", store.KindAlert, store.StateResolved, "no resolved message: the template has none"},
	})
}

func TestAdvanceFlappingNeverFires(t *testing.T) {
	p := policy{pending: 2, resolve: 1}
	var steps []step
	for range 20 {
		steps = append(steps, step{"B", store.KindAlert, store.StatePending, "pending 1/2"}, step{"G", store.KindAlert, store.StateOK, "pending cleared"})
	}
	runSteps(t, p, steps)
}

func TestAdvanceNoData(t *testing.T) {
	p := policy{pending: 1, resolve: 1, noData: 2, resolvedText: true}
	runSteps(t, p, []step{
		{"G", store.KindAlert, store.StateOK, "ok"},
		{"E", store.KindAlert, store.StateOK, "no samples 1/2"},
		{"E", store.KindNoData, store.StateNoData, "no data: 2 windows"},
		{"E", store.KindAlert, store.StateNoData, "no data since"},
		{"G", store.KindResolved, store.StateOK, "data returned"},
		{"E", store.KindAlert, store.StateOK, "no samples 1/2"},
		{"B", store.KindFiring, store.StateFiring, "firing"},
	})
	// Without no-data detection an empty window is judged like any other.
	runSteps(t, policy{pending: 1, resolve: 1}, []step{{"E", store.KindAlert, store.StateOK, "ok"}})
}

func TestAdvanceIgnoresOlderWindowsAndRepeatsItsLastDecision(t *testing.T) {
	p := policy{pending: 1, resolve: 1}
	st := newState(store.StateKey{InfoType: 1, CountryNo: "PH"})
	end := time.Date(2026, 11, 24, 1, 0, 0, 0, time.UTC)
	st, d, _ := advance(st, judgedWindow{end: end, buNo: "RC1", bad: true, ruleNo: "R1"}, p, end)
	if d.kind != store.KindFiring {
		t.Fatalf("first window: %s", d.kind)
	}
	// The same window again (its message was not recorded): the same message.
	_, again, changed := advance(st, judgedWindow{end: end, buNo: "RC1", bad: true, ruleNo: "R1"}, p, end)
	if again.kind != store.KindFiring || changed || again.note == nil {
		t.Fatalf("the same window again: %s changed %v", again.kind, changed)
	}
	// An older window changes nothing.
	_, old, changed := advance(st, judgedWindow{end: end.Add(-10 * time.Minute), buNo: "RC0", ruleNo: "R1"}, p, end)
	if old.message() || changed || !strings.Contains(old.reason, "a later window") {
		t.Fatalf("an older window: %s %q changed %v", old.kind, old.reason, changed)
	}
}

func TestEscalateTwoLevels(t *testing.T) {
	p := policy{pending: 1, resolve: 1, escalations: []escalation{{level: 1, delay: 30 * time.Minute}, {level: 2, delay: 2 * time.Hour, repeat: time.Hour}}}
	fired := time.Date(2026, 11, 24, 1, 0, 0, 0, time.UTC)
	st := newState(store.StateKey{InfoType: 1, CountryNo: "PH"})
	st, d, _ := advance(st, judgedWindow{end: fired, buNo: "RC1", bad: true, ruleNo: "R1"}, p, fired)
	if d.kind != store.KindFiring || st.NextDue == nil || !st.NextDue.Equal(fired.Add(30*time.Minute)) {
		t.Fatalf("fired: %s next due %v", d.kind, st.NextDue)
	}
	for _, c := range []struct {
		at    time.Duration
		kind  store.MessageKind
		level int
		due   time.Duration
	}{
		{20 * time.Minute, store.KindAlert, 0, 30 * time.Minute},
		{30 * time.Minute, store.KindEscalated, 1, 2 * time.Hour},
		{2 * time.Hour, store.KindEscalated, 2, 3 * time.Hour},
		{150 * time.Minute, store.KindAlert, 2, 3 * time.Hour},
		{3 * time.Hour, store.KindEscalated, 2, 4 * time.Hour},
	} {
		next, d := escalate(st, p, fired.Add(c.at))
		if d.kind != c.kind || next.EscalationLevel != c.level || next.NextDue == nil || !next.NextDue.Equal(fired.Add(c.due)) {
			t.Fatalf("at +%s: %s level %d due %v (%q), want %s level %d due +%s", c.at, d.kind, next.EscalationLevel, next.NextDue, d.reason, c.kind, c.level, c.due)
		}
		if d.message() && (d.note == nil || d.note.level != c.level || d.note.key == "") {
			t.Fatalf("at +%s: note %+v", c.at, d.note)
		}
		st = next
	}
	// Acknowledged: no escalation, no repeat, nothing due.
	by := "oncall"
	st.AckBy, st.AckAt = &by, new(fired.Add(3*time.Hour))
	next, d := escalate(st, p, fired.Add(5*time.Hour))
	if d.message() || next.NextDue != nil || !strings.Contains(d.reason, "acknowledged by oncall") {
		t.Fatalf("acknowledged: %s due %v %q", d.kind, next.NextDue, d.reason)
	}
	// Resolved: the resolve goes to the levels notified.
	_, d, _ = advance(st, judgedWindow{end: fired.Add(6 * time.Hour), buNo: "RC9", ruleNo: "R1"}, policy{pending: 1, resolve: 1, resolvedText: true}, fired.Add(6*time.Hour))
	if d.kind != store.KindResolved || d.level != 2 || d.note.duration != 6*time.Hour {
		t.Fatalf("resolve: %s level %d duration %s", d.kind, d.level, d.note.duration)
	}
}

// TestAcknowledgementEnds: an acknowledgement with an end holds repeats
// back until then; after it, repeats (and escalations) resume.
func TestAcknowledgementEnds(t *testing.T) {
	p := policy{pending: 1, resolve: 1, repeat: 30 * time.Minute, escalations: []escalation{{level: 1, delay: time.Hour}}}
	fired := time.Date(2026, 11, 24, 1, 0, 0, 0, time.UTC)
	st, _, _ := advance(newState(store.StateKey{InfoType: 1, CountryNo: "PH"}), judgedWindow{end: fired, buNo: "RC0", bad: true, ruleNo: "R1"}, p, fired)
	by, until := "oncall", fired.Add(2*time.Hour)
	st.AckBy, st.AckAt, st.AckUntil = &by, new(fired.Add(5*time.Minute)), &until
	st.NextDue = nextDue(&st, p, fired.Add(5*time.Minute))
	if st.NextDue == nil || !st.NextDue.Equal(until) {
		t.Fatalf("next due while acknowledged: %v, want the acknowledgement's end", st.NextDue)
	}
	at := fired.Add(90 * time.Minute)
	_, d, _ := advance(st, judgedWindow{end: at, buNo: "RC1", bad: true, ruleNo: "R1"}, p, at)
	if d.message() || !strings.Contains(d.reason, "acknowledged by oncall") {
		t.Fatalf("during the acknowledgement: %s %q", d.kind, d.reason)
	}
	if _, e := escalate(st, p, at); e.message() {
		t.Fatalf("escalated during the acknowledgement: %q", e.reason)
	}
	at = until.Add(time.Minute)
	if _, d, _ = advance(st, judgedWindow{end: at, buNo: "RC2", bad: true, ruleNo: "R1"}, p, at); d.kind != store.KindRepeat {
		t.Fatalf("after the acknowledgement: %s %q, want a repeat", d.kind, d.reason)
	}
	if _, e := escalate(st, p, at); e.kind != store.KindEscalated || e.level != 1 {
		t.Fatalf("after the acknowledgement: %s level %d, want escalation to level 1", e.kind, e.level)
	}
}
