package ops

import (
	"strings"
	"time"

	"github.com/yujing-go/yujing/alert"
	"github.com/yujing-go/yujing/store"
)

// BacktestWindow is one stored window replayed: the rule's verdict, the
// lifecycle's decision and messages, and what the engine did.
type BacktestWindow struct {
	Country     string    `json:"country"`
	Begin       time.Time `json:"begin"`
	End         time.Time `json:"end"`
	Record      string    `json:"record"` // monitor_record.bu_no
	Rate        float64   `json:"rate"`
	Numerator   int64     `json:"numerator"`
	Denominator int64     `json:"denominator"`
	Empty       bool      `json:"empty"` // no samples (a zero denominator)
	// Fired: the rule matched the window. Values are the values the
	// expression referred to (when it fired or failed); Explain the
	// evaluation in one line; Error why the window could not be judged.
	Fired   bool           `json:"fired"`
	Values  map[string]any `json:"values,omitempty"`
	Explain string         `json:"explain,omitempty"`
	Error   string         `json:"error,omitempty"`
	// State is the replayed state after the window, Reason the decision.
	State    store.StateName   `json:"state"`
	Reason   string            `json:"reason"`
	Messages []BacktestMessage `json:"messages"`
	Actual   ActualOutcome     `json:"actual"`
	Diff     Diff              `json:"difference"`
}

// BacktestMessage is a message the replay decided and what its send slot
// did with it.
type BacktestMessage struct {
	Kind    string    `json:"kind"` // firing, repeat, resolved, no data, escalated…
	Level   int       `json:"level,omitempty"`
	At      time.Time `json:"at"`            // when it was decided
	Slot    time.Time `json:"slot,omitzero"` // its send slot (expect_send_time)
	Outcome string    `json:"outcome"`       // enqueued, merged, suppressed; "" not recorded
	Sends   bool      `json:"sends"`         // it goes out (alone or merged)
	Detail  string    `json:"detail"`        // why, in the engine's words
}

// ActualOutcome is what the engine did for a window: the record's status
// and the message it recorded, and that message's send-log row.
type ActualOutcome struct {
	Status store.RecordStatus `json:"status"` // monitor_record.status
	// Sent: the engine decided a message for the window and recorded it
	// (status 4, not suppressed by its slot); Kind is that message's.
	Sent   bool   `json:"sent"`
	Kind   string `json:"kind,omitempty"`
	Reason string `json:"reason,omitempty"` // monitor_record.reason
	SlNo   string `json:"sl_no,omitempty"`
	// Delivery is the row's status: sent, failed, muted, waiting, or ""
	// when the row is in neither send-log table.
	Delivery string     `json:"delivery,omitempty"`
	SentAt   *time.Time `json:"sent_at,omitempty"`
}

// Diff compares a replayed window with what the engine did.
type Diff int

// The differences.
const (
	DiffSame      Diff = iota // both send a message, or neither does
	DiffWouldSend             // the replay sends a message, the engine did not
	DiffWasSent               // the engine sent a message, the replay would not
	DiffKind                  // both send, but different kinds of message
)

// String names the difference.
func (d Diff) String() string {
	switch d {
	case DiffWouldSend:
		return "would send, was not sent"
	case DiffWasSent:
		return "was sent, would not send"
	case DiffKind:
		return "sent a different message"
	}
	return "same"
}

// MarshalText writes the difference's name (JSON).
func (d Diff) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// newWindow builds a replayed window.
func newWindow(rec *store.Record, v alert.WindowVerdict, step alert.ReplayStep, actual ActualOutcome) BacktestWindow {
	w := BacktestWindow{Country: deref(rec.CountryNo), Record: deref(rec.BuNo), Rate: v.Rate, Numerator: v.Numerator,
		Denominator: v.Denominator, Empty: v.Empty, Fired: v.Fired, Values: v.Values, Explain: v.Explain,
		State: step.State, Reason: step.Reason, Messages: make([]BacktestMessage, 0, len(step.Messages)), Actual: actual}
	if rec.BeginTime != nil && rec.EndTime != nil {
		w.Begin, w.End = rec.BeginTime.UTC(), rec.EndTime.UTC()
	}
	if v.Err != nil {
		w.Error = v.Err.Error()
	}
	var sends *BacktestMessage
	for _, m := range step.Messages {
		bm := BacktestMessage{Kind: m.Kind.String(), Level: m.Level, At: m.At, Slot: m.Slot, Sends: m.Sends(), Detail: m.Detail}
		if m.Outcome != 0 {
			bm.Outcome = m.Outcome.String()
		}
		w.Messages = append(w.Messages, bm)
		if bm.Sends && m.Kind != store.KindEscalated { // an escalation is no window's message
			sends = &w.Messages[len(w.Messages)-1]
		}
	}
	w.Diff = compare(sends, actual)
	return w
}

// compare tells how the replayed message of a window (nil: none) differs
// from what the engine did.
func compare(replayed *BacktestMessage, actual ActualOutcome) Diff {
	switch {
	case replayed != nil && !actual.Sent:
		return DiffWouldSend
	case replayed == nil && actual.Sent:
		return DiffWasSent
	case replayed != nil && actual.Kind != store.KindAlert.String() && replayed.Kind != actual.Kind:
		return DiffKind
	}
	return DiffSame
}

// actualOf reads what the engine did for a record from its row and its
// alert's send-log row.
func actualOf(rec *store.Record, sent map[string]store.SendOutcome) ActualOutcome {
	a := ActualOutcome{Reason: deref(rec.Reason), SlNo: rec.SlNo()}
	if rec.Status != nil {
		a.Status = *rec.Status
	}
	if a.Status != store.RecordRecorded {
		return a
	}
	a.Kind = rec.MessageKind().String()
	// A record whose alert its slot suppressed points at the slot's row,
	// which carried an earlier window's message.
	a.Sent = !strings.Contains(a.Reason, "suppressed: ")
	if o, ok := sent[a.SlNo]; ok {
		a.Delivery, a.SentAt = o.Status.String(), o.RealitySendTime
	}
	return a
}
