package store

import (
	"time"
)

// SlotDecision is what EnqueueSendLogs does with one alert whose slot
// already holds a row.
type SlotDecision struct {
	// Outcome is Merged, Suppressed or Repeated; 0 when the row blocks the
	// slot (Shift).
	Outcome EnqueueOutcome
	// Shift reports that the row blocks the slot (it failed, another
	// system wrote it, or it cannot take the alert's kind of message): the
	// alert moves to the next second and tries that slot.
	Shift bool
	// Kind is the row's kind once the alert is merged into it.
	Kind MessageKind
	// Detail says it in words (empty for a merge or a shift).
	Detail string
}

// DecideSlot returns the decision EnqueueSendLogs makes for alert when its
// slot (alert.ExpectSendTime, which must be set) holds row, at now: the
// same rules (slotAnswer, mergeable, mergeKinds) without the database, for
// a replay of stored history.
func DecideSlot(row, alert *SendLog, now time.Time) SlotDecision {
	res, blocking, decided := slotAnswer(row, alert, normTime(now), normTime(*alert.ExpectSendTime))
	switch {
	case blocking != nil:
		return SlotDecision{Shift: true, Kind: row.Kind()}
	case decided:
		return SlotDecision{Outcome: res.Outcome, Kind: row.Kind(), Detail: res.Detail}
	}
	kind, _ := mergeKinds(row.Kind(), alert.Kind())
	return SlotDecision{Outcome: Merged, Kind: kind}
}
