package alert

import (
	"fmt"
	"time"

	"github.com/yujing-go/yujing/alert/template"
	"github.com/yujing-go/yujing/store"
)

// The lifecycle of a scene × country (yujing_alert_state), as pure
// functions of its state, a judged window or the time, and the policy the
// configuration gives:
//
//	ok ──bad──► pending (n/N) ──bad, N reached──► firing ──good, M reached──► resolved
//	 ▲             │good                          │  ▲ bad: repeat every R        │bad
//	 └─────────────┘                              │  └── escalate to level L after T's
//	                                              └── acknowledged: no repeat, no escalation
//	any ──K windows without samples──► nodata ──data returns──► ok (and the window is judged)
//
// A decision names the message it needs (none, firing, repeat, resolved,
// no data, escalated) and why, in words that go into the record's reason.

// policy is what the configuration says about one scene × country.
type policy struct {
	pending, resolve int           // the rule's windows to fire and to resolve (≥ 1)
	noData           int           // windows without samples before "no data"; 0 off
	repeat           time.Duration // the template's repeat interval; 0: every bad window (one message per slot)
	resolvedText     bool          // the template has a resolved message
	escalations      []escalation  // by level, lowest first
	// mute returns the silence that mutes a message of the kind and level
	// now ("" none); nil mutes nothing.
	mute func(kind store.MessageKind, level int) string
}

func (p policy) mutedBy(kind store.MessageKind, level int) string {
	if p.mute == nil {
		return ""
	}
	return p.mute(kind, level)
}

// escalation is one level of escalation routes.
type escalation struct {
	level         int
	delay, repeat time.Duration
}

// judgedWindow is a window as the lifecycle sees it.
type judgedWindow struct {
	end    time.Time
	buNo   string
	bad    bool // a rule matched
	empty  bool // no samples, or a zero denominator
	ruleNo string
}

// decision is what a window or the time asks of the lifecycle.
type decision struct {
	kind   store.MessageKind // KindAlert: no message
	level  int               // escalation level (of an escalation), or the highest notified (of a resolve)
	reason string
	// note carries the state values the message shows.
	note *stateNote
}

// stateNote is what a lifecycle message says of the state.
type stateNote struct {
	kind        store.MessageKind
	level       int
	state       store.StateName
	firingSince time.Time
	duration    time.Duration
	key         string // param4 of a message no record raised (an escalation)
}

func (n *stateNote) addTo(d *template.Data) {
	if n == nil {
		return
	}
	d.State, d.FiringSince, d.Duration, d.EscalationLevel = string(n.state), n.firingSince, n.duration, 0
	if n.kind == store.KindEscalated {
		d.EscalationLevel = n.level
	}
}

func (d decision) message() bool { return d.kind != store.KindAlert }

func newState(k store.StateKey) store.AlertState {
	return store.AlertState{InfoType: k.InfoType, CountryNo: k.CountryNo, State: store.StateOK}
}

// acked reports whether an acknowledgement holds at now.
func acked(st *store.AlertState, now time.Time) bool {
	return st.AckAt != nil && (st.AckUntil == nil || now.Before(*st.AckUntil))
}

// advance applies one judged window to a state. changed reports whether
// the row must be written.
func advance(st store.AlertState, w judgedWindow, p policy, now time.Time) (store.AlertState, decision, bool) {
	if st.LastWindowEnd != nil && !w.end.After(*st.LastWindowEnd) {
		if st.LastRecord != nil && *st.LastRecord == w.buNo {
			// Applied before; its message was not recorded (the database
			// went away): the same message again.
			d := decision{kind: st.LastKind, reason: "window applied before: " + str(st.Reason)}
			if d.message() {
				d.note = noteOf(&st, st.LastKind, *st.LastWindowEnd)
				d.level = d.note.level
			}
			return st, d, false
		}
		return st, decision{reason: fmt.Sprintf("state %s not changed: a later window (ending %s) was applied already",
			st.State, st.LastWindowEnd.UTC().Format(time.RFC3339))}, false
	}
	next := st
	next.LastWindowEnd, next.LastRecord, next.LastKind = &w.end, &w.buNo, store.KindAlert
	var d decision
	switch {
	case w.empty && p.noData > 0:
		d = onEmpty(&next, w, p)
	default:
		var back decision
		if next.State == store.StateNoData {
			back = onDataBack(&next, w, p)
		}
		next.EmptyWindows = 0
		if w.bad {
			d = onBad(&next, w, p, now)
		} else {
			d = onGood(&next, w, p)
		}
		if back.message() && !d.message() {
			d = back
		} else if back.reason != "" {
			d.reason = back.reason + "; " + d.reason
		}
	}
	d = applySilences(&next, d, p, now)
	perSlot := d.kind == store.KindRepeat && p.repeat == 0
	if d.message() && !perSlot {
		next.LastKind = d.kind
		next.LastNotified = &now
		next.NotifyCount++
	}
	if d.message() {
		d.note = noteOf(&next, d.kind, w.end)
		d.level = d.note.level
	}
	next.Reason = &d.reason
	next.Active = !((next.State == store.StateOK || next.State == store.StateResolved) &&
		next.BadWindows == 0 && next.GoodWindows == 0 && next.EmptyWindows == 0)
	next.NextDue = nextDue(&next, p, now)
	// A repeat without an interval (one message per slot, the slot keeps
	// them apart) changes nothing worth a write: a firing state costs no
	// write per window.
	changed := d.message() && !perSlot || next.State != st.State || next.BadWindows != st.BadWindows || next.GoodWindows != st.GoodWindows ||
		next.EmptyWindows != st.EmptyWindows || str(next.RuleNo) != str(st.RuleNo) || next.Active != st.Active || !sameTime(next.NextDue, st.NextDue) ||
		str(next.MutedBy) != str(st.MutedBy)
	return next, d, changed
}

// applySilences mutes a message a silence covers (the state remembers the
// silence), and, once no silence covers a state that a silence muted and
// that still fires, tells that it fired during the silence (once).
func applySilences(next *store.AlertState, d decision, p policy, now time.Time) decision {
	was := next.MutedBy
	if d.message() {
		level := 0
		if d.kind == store.KindResolved {
			level = next.EscalationLevel
		}
		if s := p.mutedBy(d.kind, level); s != "" {
			next.MutedBy = &s
			return decision{reason: fmt.Sprintf("muted by silence %s: %s", s, d.reason)}
		}
		next.MutedBy = nil
		if was != nil && d.kind == store.KindRepeat { // the first message after the silence says so
			return decision{kind: store.KindUnmuted, reason: fmt.Sprintf("silence %s ended while firing since %s", *was, fmtTime(next.FiringSince))}
		}
		return d
	}
	if was == nil || p.mutedBy(store.KindFiring, 0) != "" {
		return d
	}
	next.MutedBy = nil
	if next.State != store.StateFiring || acked(next, now) {
		return d
	}
	return decision{kind: store.KindUnmuted, reason: fmt.Sprintf("silence %s ended while firing since %s; %s", *was, fmtTime(next.FiringSince), d.reason)}
}

// onEmpty applies a window without samples, with no-data detection on.
func onEmpty(st *store.AlertState, w judgedWindow, p policy) decision {
	st.EmptyWindows++
	switch {
	case st.State == store.StateNoData:
		return decision{reason: fmt.Sprintf("no data since %s (%d windows without samples)", fmtTime(st.Since), st.EmptyWindows)}
	case st.EmptyWindows >= p.noData:
		st.State, st.Since = store.StateNoData, &w.end
		st.BadWindows, st.GoodWindows, st.FiringSince, st.EscalationLevel, st.EscalatedAt, st.NotifyCount = 0, 0, nil, 0, nil, 0
		st.AckAt, st.AckBy, st.AckUntil = nil, nil, nil
		return decision{kind: store.KindNoData, reason: fmt.Sprintf("no data: %d windows without samples", st.EmptyWindows)}
	}
	return decision{reason: fmt.Sprintf("no samples %d/%d (state %s unchanged)", st.EmptyWindows, p.noData, st.State)}
}

// onDataBack leaves "no data" when a window has samples again; the window
// is then judged from ok.
func onDataBack(st *store.AlertState, w judgedWindow, p policy) decision {
	d := decision{reason: fmt.Sprintf("data returned after %s without", fmtDuration(w.end.Sub(timeOr(st.Since, w.end))))}
	// The resolve tells since when data was missing ({firing_since}, {duration}).
	st.FiringSince = st.Since
	st.State, st.Since = store.StateOK, &w.end
	if p.resolvedText {
		d.kind = store.KindResolved
	}
	return d
}

// onBad applies a window a rule matched.
func onBad(st *store.AlertState, w judgedWindow, p policy, now time.Time) decision {
	st.GoodWindows = 0
	st.RuleNo = &w.ruleNo
	if st.State == store.StateFiring {
		since := timeOr(st.FiringSince, w.end)
		switch {
		case acked(st, now):
			return decision{reason: fmt.Sprintf("firing since %s; acknowledged by %s at %s: no repeat", fmtTime(&since), str(st.AckBy), fmtTime(st.AckAt))}
		case p.repeat == 0:
			return decision{kind: store.KindRepeat, reason: fmt.Sprintf("still firing since %s", fmtTime(&since))}
		case st.LastNotified == nil || now.Sub(*st.LastNotified) >= p.repeat:
			return decision{kind: store.KindRepeat, reason: fmt.Sprintf("still firing since %s; repeat every %s", fmtTime(&since), fmtDuration(p.repeat))}
		}
		return decision{reason: fmt.Sprintf("firing since %s; repeat interval %s not reached (last notified %s)",
			fmtTime(&since), fmtDuration(p.repeat), fmtTime(st.LastNotified))}
	}
	st.BadWindows = min(st.BadWindows+1, p.pending)
	if st.BadWindows >= p.pending {
		st.State, st.Since, st.FiringSince = store.StateFiring, &w.end, &w.end
		st.NotifyCount, st.EscalationLevel, st.EscalatedAt = 0, 0, nil
		st.AckAt, st.AckBy, st.AckUntil = nil, nil, nil
		return decision{kind: store.KindFiring, reason: fmt.Sprintf("firing: rule %s matched %d window(s) in a row", w.ruleNo, st.BadWindows)}
	}
	if st.State != store.StatePending {
		st.State, st.Since = store.StatePending, &w.end
	}
	return decision{reason: fmt.Sprintf("pending %d/%d: rule %s matched", st.BadWindows, p.pending, w.ruleNo)}
}

// onGood applies a window no rule matched.
func onGood(st *store.AlertState, w judgedWindow, p policy) decision {
	st.BadWindows = 0
	switch st.State {
	case store.StateFiring:
		st.GoodWindows++
		if st.GoodWindows < p.resolve {
			return decision{reason: fmt.Sprintf("resolving %d/%d: firing since %s", st.GoodWindows, p.resolve, fmtTime(st.FiringSince))}
		}
		st.GoodWindows = 0
		st.State, st.Since = store.StateResolved, &w.end
		st.AckAt, st.AckBy, st.AckUntil = nil, nil, nil
		d := decision{reason: fmt.Sprintf("resolved after firing since %s (%s)", fmtTime(st.FiringSince), fmtDuration(w.end.Sub(timeOr(st.FiringSince, w.end))))}
		if p.resolvedText {
			d.kind = store.KindResolved
		} else {
			d.reason += "; no resolved message: the template has none"
		}
		return d
	case store.StatePending:
		st.State, st.Since = store.StateOK, &w.end
		return decision{reason: "pending cleared: the rule no longer matches"}
	}
	st.GoodWindows = 0
	return decision{reason: "ok"}
}

// noteOf is what a message of kind says of the state after the window
// that ends at end.
func noteOf(st *store.AlertState, kind store.MessageKind, end time.Time) *stateNote {
	n := &stateNote{kind: kind, state: st.State, firingSince: timeOr(st.FiringSince, time.Time{})}
	if st.FiringSince != nil {
		n.duration = end.Sub(*st.FiringSince)
	}
	switch kind {
	case store.KindResolved:
		n.level = st.EscalationLevel
		n.state = store.StateResolved
	case store.KindFiring, store.KindRepeat, store.KindUnmuted:
		n.state = store.StateFiring
	}
	return n
}

// escalate looks at a firing state when its NextDue has come: the next
// level whose delay has passed, else a repeat of the current level.
func escalate(st store.AlertState, p policy, now time.Time) (store.AlertState, decision) {
	next := st
	var d decision
	switch {
	case st.State != store.StateFiring || st.FiringSince == nil:
		d.reason = "nothing to escalate: " + string(st.State)
	case acked(&st, now):
		d.reason = fmt.Sprintf("acknowledged by %s at %s: no escalation", str(st.AckBy), fmtTime(st.AckAt))
	default:
		for _, e := range p.escalations {
			if e.level > st.EscalationLevel && !now.Before(st.FiringSince.Add(e.delay)) {
				next.EscalationLevel, next.EscalatedAt = e.level, &now
				d = decision{kind: store.KindEscalated, level: e.level,
					reason: fmt.Sprintf("escalated to level %d: firing since %s, not resolved or acknowledged within %s", e.level, fmtTime(st.FiringSince), fmtDuration(e.delay))}
				break
			}
		}
		if cur, ok := levelOf(p, st.EscalationLevel); !d.message() && ok && cur.repeat > 0 && st.EscalatedAt != nil && !now.Before(st.EscalatedAt.Add(cur.repeat)) {
			next.EscalatedAt = &now
			d = decision{kind: store.KindEscalated, level: cur.level, reason: fmt.Sprintf("escalation level %d repeated every %s", cur.level, fmtDuration(cur.repeat))}
		}
	}
	if s := p.mutedBy(d.kind, d.level); d.message() && s != "" {
		next.MutedBy = &s
		d = decision{reason: fmt.Sprintf("muted by silence %s: %s", s, d.reason)}
	}
	if d.message() {
		next.NotifyCount++ // LastNotified is the repeat clock of level 0: an escalation does not move it
		d.note = noteOf(&next, d.kind, now)
		d.note.level = d.level
		d.note.key = fmt.Sprintf("E%d-%d-%d", d.level, st.FiringSince.Unix(), next.NotifyCount)
	}
	next.NextDue = nextDue(&next, p, now)
	if d.reason != "" {
		next.Reason = &d.reason
	}
	return next, d
}

func levelOf(p policy, level int) (escalation, bool) {
	for _, e := range p.escalations {
		if e.level == level {
			return e, true
		}
	}
	return escalation{}, false
}

// nextDue is when a firing state next needs the escalation stage: its next
// level's time, or its level's next repeat; nil when nothing is to come.
func nextDue(st *store.AlertState, p policy, now time.Time) *time.Time {
	if st.State != store.StateFiring || st.FiringSince == nil || len(p.escalations) == 0 {
		return nil
	}
	var due *time.Time
	earlier := func(t time.Time) {
		if due == nil || t.Before(*due) {
			due = &t
		}
	}
	for _, e := range p.escalations {
		if e.level > st.EscalationLevel {
			earlier(st.FiringSince.Add(e.delay))
			break
		}
	}
	if cur, ok := levelOf(p, st.EscalationLevel); ok && cur.repeat > 0 && st.EscalatedAt != nil {
		earlier(st.EscalatedAt.Add(cur.repeat))
	}
	if acked(st, now) {
		return st.AckUntil // look again when the acknowledgement ends
	}
	return due
}

func sameTime(a, b *time.Time) bool {
	return (a == nil) == (b == nil) && (a == nil || a.Equal(*b))
}

func timeOr(t *time.Time, def time.Time) time.Time {
	if t == nil {
		return def
	}
	return *t
}

func fmtTime(t *time.Time) string {
	if t == nil {
		return "-"
	}
	return t.UTC().Format(time.RFC3339)
}

func fmtDuration(d time.Duration) string { return template.FormatDuration(d) }
