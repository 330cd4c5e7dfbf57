package measure

import (
	"time"

	"github.com/yujing-go/yujing/alert"
)

// Stage is one stage of the pipeline: the value of the label "stage" and
// where a TickResult keeps its duration.
type Stage struct {
	Name     string
	Duration func(r *alert.TickResult) time.Duration
}

// Stages returns the pipeline's stages in their order. A stage whose
// duration is zero did not run in that Tick (the Tick stopped before it);
// the adapters observe no duration for it.
func Stages() []Stage {
	return []Stage{
		{"collect", func(r *alert.TickResult) time.Duration { return r.Collect.Duration }},
		{"rules", func(r *alert.TickResult) time.Duration { return r.Rules.Duration }},
		{"reports", func(r *alert.TickResult) time.Duration { return r.Reports.Duration }},
		{"record", func(r *alert.TickResult) time.Duration { return r.Record.Duration }},
		// The escalation stage; its time is in TickResult.Lifecycle (the
		// lifecycle's other decisions are timed in collect and rules).
		{"escalate", func(r *alert.TickResult) time.Duration { return r.Lifecycle.Duration }},
		{"send", func(r *alert.TickResult) time.Duration { return r.Send.Duration }},
		{"archive", func(r *alert.TickResult) time.Duration { return r.Archive.Duration }},
	}
}
