package alert

import (
	"errors"
	"time"
)

// TickResult counts what one Tick did, stage by stage.
type TickResult struct {
	Collect CollectStats
	Rules   RuleStats
	Record  RecordStats
	Reports ReportStats
	Send    SendStats
	Archive ArchiveStats
	// Lifecycle counts the decisions of the alert lifecycle (made in
	// Collect and the rules stage) and the escalation stage.
	Lifecycle LifecycleStats
	Duration  time.Duration
	// Errors holds every error the Tick met (the database, a scene's
	// Collect, the context); Tick returns them joined. A failed rule or
	// delivery is not an error of the Tick: it is the row's outcome, with
	// its reason stored in the row.
	Errors []error
}

// Err joins the Tick's errors (nil when there were none).
func (r *TickResult) Err() error { return errors.Join(r.Errors...) }

func (r *TickResult) fail(err error) {
	if err != nil {
		r.Errors = append(r.Errors, err)
	}
}

// failAll adds err, or each error it joins, to the result.
func (r *TickResult) failAll(err error) {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		for _, e := range j.Unwrap() {
			r.fail(e)
		}
		return
	}
	r.fail(err)
}

// CollectStats counts the collect stage (with the fused first judgement
// of each record).
type CollectStats struct {
	Windows  int // windows collected
	Records  int // records stored
	Alerts   int // of which the rules fired on
	Failed   int // windows whose Collect failed (retried next Tick)
	Duration time.Duration
}

// RuleStats counts the rules stage (records that arrived waiting, and rule
// retries).
type RuleStats struct {
	Records  int // records judged
	NoAlert  int // → status 2
	Alert    int // → status 3
	Failed   int // → status 1 (retried while rule_retry_time lasts)
	Duration time.Duration
}

// RecordStats counts the record stage (alerts into monitor_send_log).
type RecordStats struct {
	Records    int // records worked
	Enqueued   int // new pending alerts
	Merged     int // merged into a waiting alert of their slot
	Suppressed int // dropped: their slot's alert was already sent
	Failed     int // → status 5 (retried while send_retry_time lasts)
	Duration   time.Duration
}

// ReportStats counts the reports stage.
type ReportStats struct {
	Reports  int // report files made
	Uploaded int // → status 1, alert raised
	Retrying int // failed, retried later
	Failed   int // → status 2
	Duration time.Duration
}

// SendStats counts the send stage, and the deliveries a Tick starts
// before it while it records a backlog (see Engine.Tick); Duration is the
// send stage's own time.
type SendStats struct {
	Alerts         int // alerts worked
	Sent           int // → status 1, every channel delivered
	Retrying       int // waiting for another attempt
	Failed         int // → status 2
	Muted          int // → status 3: every channel muted by a silence
	Deliveries     int // successful sends to a channel
	DeliveryErrors int // failed sends to a channel
	Duration       time.Duration
}

// add adds o's counts (not its duration) to st.
func (st *SendStats) add(o SendStats) {
	st.Alerts += o.Alerts
	st.Sent += o.Sent
	st.Retrying += o.Retrying
	st.Failed += o.Failed
	st.Muted += o.Muted
	st.Deliveries += o.Deliveries
	st.DeliveryErrors += o.DeliveryErrors
}

// LifecycleStats counts the lifecycle's decisions.
type LifecycleStats struct {
	Held      int // windows a rule judged that sent no message: pending, repeat not due, acknowledged… (status 2 with the reason)
	Messages  int // windows that sent a lifecycle message (firing, repeat, resolved, no data)
	Escalated int // escalation messages recorded
	Duration  time.Duration
}

// ArchiveStats counts the archive stage.
type ArchiveStats struct {
	Moved    int // rows moved to monitor_send_log_hist
	Duration time.Duration
}
