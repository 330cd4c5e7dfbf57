package alert

import "github.com/yujing-go/yujing/store"

// tickState is what the stages of one Tick share: the configuration, and
// the alerts recorded during the Tick that this engine holds claimed (they
// were inserted claimed), which the send stage delivers without claiming
// them again.
type tickState struct {
	ix      *configIndex
	held    []heldAlerts
	nHeld   int
	maxHeld int
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
