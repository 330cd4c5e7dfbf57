package alert

import (
	"time"

	"github.com/yujing-go/yujing/store"
)

// Acknowledged reports whether an acknowledgement holds on the state at
// now, as the engine reads it when it decides a repeat or an escalation.
func Acknowledged(st *store.AlertState, now time.Time) bool { return acked(st, now) }
