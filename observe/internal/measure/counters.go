package measure

import "github.com/yujing-go/yujing/alert"

// Counter is one monotonic count taken from each TickResult.
type Counter struct {
	// Name is dotted and without the namespace ("windows.collected"); the
	// Prometheus adapter makes it yujing_windows_collected_total, the
	// OpenTelemetry adapter yujing.windows.collected.
	Name string
	// Help describes the count.
	Help string
	// Unit is the OpenTelemetry unit annotation ("{window}").
	Unit string
	// Values are the count's series: one with Result "" for a counter
	// without a result label, else one per value of the label "result".
	Values []Value
}

// Labelled reports whether c has the label "result".
func (c Counter) Labelled() bool { return len(c.Values) > 1 || c.Values[0].Result != "" }

// Value is one series of a Counter: the value of its result label ("" for
// none) and how much a Tick adds to it.
type Value struct {
	Result string
	N      func(r *alert.TickResult) int
}

// one is a Counter's single unlabelled series.
func one(n func(r *alert.TickResult) int) []Value { return []Value{{N: n}} }

// Counters returns the counts of a Tick, in the pipeline's order.
func Counters() []Counter {
	return []Counter{
		{Name: "ticks", Unit: "{tick}", Help: "Ticks run.",
			Values: one(func(*alert.TickResult) int { return 1 })},
		{Name: "tick.errors", Unit: "{tick}", Help: "Ticks that returned errors (the database, a scene's Collect, the context).",
			Values: one(func(r *alert.TickResult) int { return min(len(r.Errors), 1) })},
		{Name: "windows.collected", Unit: "{window}", Help: "Windows collected.",
			Values: one(func(r *alert.TickResult) int { return r.Collect.Windows })},
		{Name: "windows.failed", Unit: "{window}", Help: "Windows whose Collect failed (retried the next Tick).",
			Values: one(func(r *alert.TickResult) int { return r.Collect.Failed })},
		{Name: "records.stored", Unit: "{record}", Help: "Records stored by the collect stage.",
			Values: one(func(r *alert.TickResult) int { return r.Collect.Records })},
		{Name: "rules.fired", Unit: "{record}", Help: "Records a rule fired on, in the collect and rules stages.",
			Values: one(func(r *alert.TickResult) int { return r.Collect.Alerts + r.Rules.Alert })},
		{Name: "rule.failures", Unit: "{record}", Help: "Rule evaluations that failed in the rules stage (retried while rule_retry_time lasts).",
			Values: one(func(r *alert.TickResult) int { return r.Rules.Failed })},
		{Name: "lifecycle.held", Unit: "{window}", Help: "Windows a rule judged that the lifecycle held without a message (pending, repeat not due, acknowledged, muted).",
			Values: one(func(r *alert.TickResult) int { return r.Lifecycle.Held })},
		{Name: "lifecycle.messages", Unit: "{message}", Help: "Lifecycle messages recorded (firing, repeat, resolved, no data).",
			Values: one(func(r *alert.TickResult) int { return r.Lifecycle.Messages })},
		{Name: "escalations", Unit: "{message}", Help: "Escalation messages recorded.",
			Values: one(func(r *alert.TickResult) int { return r.Lifecycle.Escalated })},
		{Name: "alerts.recorded", Unit: "{record}", Help: "Alerting records the record stage worked, by result: enqueued (a new pending alert), merged (into a waiting alert of its slot), suppressed (the slot's alert was already sent), failed (retried while send_retry_time lasts).",
			Values: []Value{
				{"enqueued", func(r *alert.TickResult) int { return r.Record.Enqueued }},
				{"merged", func(r *alert.TickResult) int { return r.Record.Merged }},
				{"suppressed", func(r *alert.TickResult) int { return r.Record.Suppressed }},
				{"failed", func(r *alert.TickResult) int { return r.Record.Failed }},
			}},
		{Name: "reports", Unit: "{report}", Help: "Report files made, by result: uploaded (its alert raised), retrying, failed.",
			Values: []Value{
				{"uploaded", func(r *alert.TickResult) int { return r.Reports.Uploaded }},
				{"retrying", func(r *alert.TickResult) int { return r.Reports.Retrying }},
				{"failed", func(r *alert.TickResult) int { return r.Reports.Failed }},
			}},
		{Name: "alert.sends", Unit: "{alert}", Help: "Alerts the send stage worked, by result: sent (every channel delivered), retrying, failed, muted (every channel muted by a silence).",
			Values: []Value{
				{"sent", func(r *alert.TickResult) int { return r.Send.Sent }},
				{"retrying", func(r *alert.TickResult) int { return r.Send.Retrying }},
				{"failed", func(r *alert.TickResult) int { return r.Send.Failed }},
				{"muted", func(r *alert.TickResult) int { return r.Send.Muted }},
			}},
		{Name: "channel.outcomes", Unit: "{delivery}", Help: "Channel outcomes the send stage wrote into its alerts, by result: sent or error (a channel that did not build counts as an error here, with no delivery attempt).",
			Values: []Value{
				{"sent", func(r *alert.TickResult) int { return r.Send.Deliveries }},
				{"error", func(r *alert.TickResult) int { return r.Send.DeliveryErrors }},
			}},
		{Name: "archived.rows", Unit: "{row}", Help: "Rows moved to monitor_send_log_hist.",
			Values: one(func(r *alert.TickResult) int { return r.Archive.Moved })},
	}
}
