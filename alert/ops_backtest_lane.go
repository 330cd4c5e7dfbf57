package alert

import (
	"fmt"
	"time"

	"github.com/yujing-go/yujing/store"
)

// Replay is the replayed lifecycle of one scene × country: its alert state
// and the send slots its messages went into, advanced window by window
// (Advance) through the keeper's transitions. Make one with
// RuleReplay.Lane; its windows must come in window order.
type Replay struct {
	rr     *RuleReplay
	key    store.StateKey
	state  store.AlertState
	policy policy
	last   *store.Record   // the latest window's record (an escalation shows its values)
	rows   []store.SendLog // the replayed send-log rows of the slots still open
	seq    int
}

// ReplayStep is what one window did to the lifecycle.
type ReplayStep struct {
	// State is the state after the window (ok, pending, firing, resolved,
	// nodata).
	State store.StateName
	// Reason is the lifecycle's decision in words ("pending 2/3: rule R1
	// matched", "firing since …; repeat interval 1h not reached"…).
	Reason string
	// Messages are the messages decided: escalations that came due before
	// the window, then the window's own (firing, repeat, resolved, no
	// data), each with what its send slot did with it.
	Messages []ReplayMessage
}

// ReplayMessage is one message the lifecycle decided and what the send
// slots did with it.
type ReplayMessage struct {
	Kind  store.MessageKind
	Level int       // the escalation level (of an escalation)
	At    time.Time // when it was decided
	// Slot is its send slot (expect_send_time), after any move to a later
	// second; zero when it could not be recorded.
	Slot time.Time
	// Outcome is what the slot did: Enqueued (a new message), Merged (into
	// the slot's waiting message, sent with it), Suppressed (the slot's
	// message was sent already: this one is not); 0 when it could not be
	// recorded (no template or channel route, a value missing).
	Outcome store.EnqueueOutcome
	// Detail says why, in the engine's words.
	Detail string
}

// Sends reports whether the message goes out (on its own or merged into
// its slot's message).
func (m ReplayMessage) Sends() bool {
	return m.Outcome == store.Enqueued || m.Outcome == store.Merged
}

// State returns the lane's alert state as the keeper would have stored it.
func (l *Replay) State() store.AlertState { return l.state }

// Advance applies one judged window, decided at now (RuleReplay.JudgedAt):
// first any escalation that came due, then the window through the same
// transition the keeper applies (a window the keeper would not look at, a
// fine one of a plain ok state, changes nothing). A window whose verdict
// has an error leaves the state as it is, as the engine leaves a record
// whose rule failed.
func (l *Replay) Advance(rec *store.Record, v WindowVerdict, now time.Time) ReplayStep {
	step := ReplayStep{}
	l.escalations(now, &step)
	if v.Err != nil {
		step.State, step.Reason = l.state.State, "not judged: "+v.Err.Error()
		return step
	}
	if !v.Fired && !l.state.Active && !(v.Empty && l.policy.noData > 0) {
		// The keeper does not look at it (keeper.settle): nothing changes.
		step.State, step.Reason = l.state.State, "ok"
		return step
	}
	u := store.RecordUpdate{Status: store.RecordNoAlert}
	if v.Fired {
		u = store.RecordUpdate{Status: store.RecordAlert, RuleNo: &l.rr.ruleNo}
	}
	w, _ := windowOfRecord(rec, u)
	next, d, _ := advance(l.state, w, l.policy, now)
	l.state = next
	cp := *rec // as the keeper leaves it: the rule that matched, or that fired for a message
	if w.bad {
		cp.SetRuleNo(l.rr.ruleNo)
	} else if d.message() {
		cp.SetRuleNo(str(next.RuleNo))
	}
	l.last = &cp
	step.State, step.Reason = next.State, d.reason
	if d.message() {
		cp.Reason = &d.reason
		step.Messages = append(step.Messages, l.record(&cp, d, now))
	}
	return step
}

// escalations runs the escalate stage's transition at each time the
// state's next_due came before now, as a Tick then would.
func (l *Replay) escalations(now time.Time, step *ReplayStep) {
	for range 64 {
		due := l.state.NextDue
		if due == nil || due.After(now) || l.last == nil {
			return
		}
		at := due.UTC()
		next, d := escalate(l.state, l.policy, at)
		l.state = next
		if !d.message() {
			return
		}
		step.Messages = append(step.Messages, l.record(l.last, d, at))
	}
}

// record plans a decided message as the recorder does (template, channel
// route, values, send slot) and puts it in its slot.
func (l *Replay) record(rec *store.Record, d decision, now time.Time) ReplayMessage {
	m := ReplayMessage{Kind: d.kind, Level: d.level, At: now}
	sl, err := l.rr.rec.plan(l.rr.ix, now, rec, d.note)
	if err != nil {
		m.Detail = "not recorded: " + err.Error()
		return m
	}
	return l.place(sl, m, now)
}

// place puts a planned alert in its send slot with the send log's rules
// (store.DecideSlot): a new message, merged into the slot's waiting one,
// suppressed when the slot's was sent, or moved a second on when the
// slot's message cannot take it.
func (l *Replay) place(sl store.SendLog, m ReplayMessage, now time.Time) ReplayMessage {
	l.sendDue(now)
	l.prune(*sl.ExpectSendTime)
	var moved []string
	for range maxReplayShift {
		row := l.rowAt(*sl.ExpectSendTime)
		if row == nil {
			m.Slot, m.Outcome = *sl.ExpectSendTime, store.Enqueued
			l.insert(sl, now)
			m.Detail = joinDetail(moved, "a message of its own")
			return m
		}
		dec := store.DecideSlot(row, &sl, now)
		if dec.Shift {
			moved = append(moved, fmt.Sprintf("the %s message of slot %s cannot take it", row.Kind(), sl.ExpectSendTime.UTC().Format(time.RFC3339)))
			next := sl.ExpectSendTime.Add(time.Second)
			sl.ExpectSendTime = &next
			continue
		}
		m.Slot, m.Outcome = *sl.ExpectSendTime, dec.Outcome
		if dec.Outcome == store.Merged {
			row.SetKind(dec.Kind)
			row.SetMergeCount(row.MergeCount() + 1)
			row.Param4 = sl.Param4
			m.Detail = joinDetail(moved, fmt.Sprintf("merged into the waiting %s message of its slot as alert %d", dec.Kind, row.MergeCount()))
			return m
		}
		m.Detail = joinDetail(moved, dec.Detail)
		return m
	}
	m.Detail = fmt.Sprintf("not recorded: no usable slot within %d s", maxReplayShift)
	return m
}

// maxReplayShift bounds the seconds an alert moves past its slot, as the
// send log does.
const maxReplayShift = 61

// insert adds the replayed row of a new message: due at once (a realtime
// slot) it is sent in the Tick that recorded it; due later it waits.
func (l *Replay) insert(sl store.SendLog, now time.Time) {
	l.seq++
	sl.SlNo = new(fmt.Sprintf("replay-%d", l.seq))
	due := *sl.ExpectSendTime
	sl.ClaimUntil, sl.Status = &due, new(store.SendWaiting)
	sl.SetMergeCount(1)
	if !due.After(now) {
		sl.Status, sl.RealitySendTime = new(store.SendSent), &now
	}
	l.rows = append(l.rows, sl)
}

// sendDue marks the waiting rows due by now as sent: the send stage sends
// a row in the first Tick at or after its slot.
func (l *Replay) sendDue(now time.Time) {
	for i := range l.rows {
		r := &l.rows[i]
		if *r.Status == store.SendWaiting && !r.ExpectSendTime.After(now) {
			at := *r.ExpectSendTime
			r.Status, r.RealitySendTime = new(store.SendSent), &at
		}
	}
}

// prune forgets the rows of slots before slot: a later message's slot is
// never earlier (slots follow the time messages are decided at).
func (l *Replay) prune(slot time.Time) {
	kept := l.rows[:0]
	for _, r := range l.rows {
		if !r.ExpectSendTime.Before(slot) {
			kept = append(kept, r)
		}
	}
	clear(l.rows[len(kept):])
	l.rows = kept
}

// rowAt returns the replayed row of a slot, nil when it has none.
func (l *Replay) rowAt(slot time.Time) *store.SendLog {
	for i := range l.rows {
		if l.rows[i].ExpectSendTime.Equal(slot) {
			return &l.rows[i]
		}
	}
	return nil
}

func joinDetail(moved []string, detail string) string {
	for i := len(moved) - 1; i >= 0; i-- {
		detail = moved[i] + "; " + detail
	}
	return detail
}
