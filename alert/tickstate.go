package alert

import (
	"time"

	"github.com/yujing-go/yujing/store"
)

// tickState is what the stages of one Tick share: the time the current
// stage started, the configuration, the alerts recorded during the Tick
// that this engine holds claimed (they were inserted claimed, and the send
// stage delivers them without claiming them again), and the result each
// stage adds its counts to.
type tickState struct {
	now     time.Time
	ix      *configIndex
	held    []heldAlerts
	nHeld   int
	maxHeld int
	res     *TickResult
}

type heldAlerts struct {
	owner string
	logs  []store.SendLog
}

// canHold reports whether n more alerts may be held: beyond a bound (a
// Tick's worth of send batches) alerts are left unclaimed for the send
// stage to claim in batches, so memory stays flat.
func (ts *tickState) canHold(n int) bool { return ts.nHeld+n < ts.maxHeld }

func (ts *tickState) hold(owner string, logs []store.SendLog) {
	if len(logs) == 0 {
		return
	}
	ts.held = append(ts.held, heldAlerts{owner, logs})
	ts.nHeld += len(logs)
}
