package alert

import (
	"context"
	"time"

	"github.com/yujing-go/yujing/store"
)

// tickState is what the stages of one Tick share: the time the current
// stage started, the configuration, the alerts recorded during the Tick
// that this engine holds claimed (they were inserted claimed, and the send
// stage delivers them without claiming them again), the deliveries started
// before the send stage, and the result each stage adds its counts to.
type tickState struct {
	now     time.Time
	ix      *configIndex
	held    []heldAlerts
	nHeld   int
	maxHeld int
	res     *TickResult

	// sendHeld, when set, hands the held alerts to the send stage's early
	// sends (see sendStage.sendHeld).
	sendHeld func(ctx context.Context)
	early    *earlySends  // the sends started before the send stage, once started
	flight   *flight      // the Tick's deliveries, once the first has started
	senders  *senderCache // the flight's senders
}

type heldAlerts struct {
	owner string
	logs  []store.SendLog
}

// canHold reports whether n more alerts may be held: beyond a bound (a
// Tick's worth of send batches) alerts are left unclaimed for the send
// stage to claim in batches, so memory stays flat.
func (ts *tickState) canHold(n int) bool { return ts.nHeld+n < ts.maxHeld }

// full hands the held alerts to the early sends once they have reached
// the bound, and from then on after every batch (see sendStage.sendHeld):
// a Tick that records more alerts than it may hold (a backlog) delivers
// them while it records the rest, and every alert it records due now is
// inserted claimed, none left for the send stage to claim again.
func (ts *tickState) full(ctx context.Context) {
	if ts.sendHeld != nil && (ts.early != nil || !ts.canHold(0)) {
		ts.sendHeld(ctx)
	}
}

func (ts *tickState) hold(owner string, logs []store.SendLog) {
	if len(logs) == 0 {
		return
	}
	ts.held = append(ts.held, heldAlerts{owner, logs})
	ts.nHeld += len(logs)
}
