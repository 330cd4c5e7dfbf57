package promobserver_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"

	"github.com/yujing-go/yujing/alert"
	promobserver "github.com/yujing-go/yujing/observe/prometheus"
)

// result is a TickResult with a different count in every field.
func result() alert.TickResult {
	return alert.TickResult{
		Collect:   alert.CollectStats{Windows: 3, Records: 40, Alerts: 5, Failed: 1, Duration: 200 * time.Millisecond},
		Rules:     alert.RuleStats{Records: 9, NoAlert: 4, Alert: 2, Failed: 3, Duration: 20 * time.Millisecond},
		Record:    alert.RecordStats{Records: 14, Enqueued: 6, Merged: 4, Suppressed: 3, Failed: 1, Duration: 30 * time.Millisecond},
		Reports:   alert.ReportStats{Reports: 6, Uploaded: 3, Retrying: 2, Failed: 1, Duration: 700 * time.Millisecond},
		Send:      alert.SendStats{Alerts: 10, Sent: 4, Retrying: 3, Failed: 2, Muted: 1, Deliveries: 7, DeliveryErrors: 5, Duration: 600 * time.Millisecond},
		Archive:   alert.ArchiveStats{Moved: 11, Duration: 10 * time.Millisecond},
		Lifecycle: alert.LifecycleStats{Held: 8, Messages: 12, Escalated: 2, Duration: 5 * time.Millisecond},
		Duration:  1500 * time.Millisecond,
	}
}

func newObserver(t *testing.T, opts ...promobserver.Option) (*promobserver.Observer, *prometheus.Registry) {
	t.Helper()
	reg := prometheus.NewPedanticRegistry()
	obs, err := promobserver.New(reg, opts...)
	if err != nil {
		t.Fatal(err)
	}
	return obs, reg
}

func TestTickCounters(t *testing.T) {
	obs, reg := newObserver(t)
	ctx := context.Background()
	r := result()
	obs.TickDone(ctx, r)
	r.Errors = []error{errors.New("database is away"), errors.New("scene failed")}
	obs.TickDone(ctx, r)

	const want = `
# HELP yujing_ticks_total Ticks run.
# TYPE yujing_ticks_total counter
yujing_ticks_total 2
# HELP yujing_tick_errors_total Ticks that returned errors (the database, a scene's Collect, the context).
# TYPE yujing_tick_errors_total counter
yujing_tick_errors_total 1
# HELP yujing_windows_collected_total Windows collected.
# TYPE yujing_windows_collected_total counter
yujing_windows_collected_total 6
# HELP yujing_windows_failed_total Windows whose Collect failed (retried the next Tick).
# TYPE yujing_windows_failed_total counter
yujing_windows_failed_total 2
# HELP yujing_records_stored_total Records stored by the collect stage.
# TYPE yujing_records_stored_total counter
yujing_records_stored_total 80
# HELP yujing_rules_fired_total Records a rule fired on, in the collect and rules stages.
# TYPE yujing_rules_fired_total counter
yujing_rules_fired_total 14
# HELP yujing_rule_failures_total Rule evaluations that failed in the rules stage (retried while rule_retry_time lasts).
# TYPE yujing_rule_failures_total counter
yujing_rule_failures_total 6
# HELP yujing_lifecycle_held_total Windows a rule judged that the lifecycle held without a message (pending, repeat not due, acknowledged, muted).
# TYPE yujing_lifecycle_held_total counter
yujing_lifecycle_held_total 16
# HELP yujing_lifecycle_messages_total Lifecycle messages recorded (firing, repeat, resolved, no data).
# TYPE yujing_lifecycle_messages_total counter
yujing_lifecycle_messages_total 24
# HELP yujing_escalations_total Escalation messages recorded.
# TYPE yujing_escalations_total counter
yujing_escalations_total 4
# HELP yujing_alerts_recorded_total Alerting records the record stage worked, by result: enqueued (a new pending alert), merged (into a waiting alert of its slot), suppressed (the slot's alert was already sent), failed (retried while send_retry_time lasts).
# TYPE yujing_alerts_recorded_total counter
yujing_alerts_recorded_total{result="enqueued"} 12
yujing_alerts_recorded_total{result="failed"} 2
yujing_alerts_recorded_total{result="merged"} 8
yujing_alerts_recorded_total{result="suppressed"} 6
# HELP yujing_reports_total Report files made, by result: uploaded (its alert raised), retrying, failed.
# TYPE yujing_reports_total counter
yujing_reports_total{result="failed"} 2
yujing_reports_total{result="retrying"} 4
yujing_reports_total{result="uploaded"} 6
# HELP yujing_alert_sends_total Alerts the send stage worked, by result: sent (every channel delivered), retrying, failed, muted (every channel muted by a silence).
# TYPE yujing_alert_sends_total counter
yujing_alert_sends_total{result="failed"} 4
yujing_alert_sends_total{result="muted"} 2
yujing_alert_sends_total{result="retrying"} 6
yujing_alert_sends_total{result="sent"} 8
# HELP yujing_channel_outcomes_total Channel outcomes the send stage wrote into its alerts, by result: sent or error (a channel that did not build counts as an error here, with no delivery attempt).
# TYPE yujing_channel_outcomes_total counter
yujing_channel_outcomes_total{result="error"} 10
yujing_channel_outcomes_total{result="sent"} 14
# HELP yujing_archived_rows_total Rows moved to monitor_send_log_hist.
# TYPE yujing_archived_rows_total counter
yujing_archived_rows_total 22
`
	names := []string{"yujing_ticks_total", "yujing_tick_errors_total", "yujing_windows_collected_total", "yujing_windows_failed_total",
		"yujing_records_stored_total", "yujing_rules_fired_total", "yujing_rule_failures_total", "yujing_lifecycle_held_total",
		"yujing_lifecycle_messages_total", "yujing_escalations_total", "yujing_alerts_recorded_total", "yujing_reports_total",
		"yujing_alert_sends_total", "yujing_channel_outcomes_total", "yujing_archived_rows_total"}
	if err := testutil.GatherAndCompare(reg, strings.NewReader(want), names...); err != nil {
		t.Fatal(err)
	}
	// And nothing else but the histograms.
	if n, err := testutil.GatherAndCount(reg); err != nil || n != 24+1+7 { // 24 counter series, a tick histogram, 7 stages
		t.Fatalf("%d series, %v", n, err)
	}
}

func TestTickDurations(t *testing.T) {
	obs, reg := newObserver(t, promobserver.WithBuckets(0.1, 1))
	ctx := context.Background()
	obs.TickDone(ctx, result())
	// A Tick that stopped before its stages (the database away) observes
	// its own duration only.
	obs.TickDone(ctx, alert.TickResult{Duration: 50 * time.Millisecond, Errors: []error{errors.New("away")}})

	const want = `
# HELP yujing_tick_duration_seconds Duration of a Tick.
# TYPE yujing_tick_duration_seconds histogram
yujing_tick_duration_seconds_bucket{le="0.1"} 1
yujing_tick_duration_seconds_bucket{le="1"} 1
yujing_tick_duration_seconds_bucket{le="+Inf"} 2
yujing_tick_duration_seconds_sum 1.55
yujing_tick_duration_seconds_count 2
# HELP yujing_stage_duration_seconds Duration of a stage of a Tick (collect, rules, reports, record, escalate, send, archive); a stage a Tick did not reach is not observed.
# TYPE yujing_stage_duration_seconds histogram
yujing_stage_duration_seconds_bucket{stage="archive",le="0.1"} 1
yujing_stage_duration_seconds_bucket{stage="archive",le="1"} 1
yujing_stage_duration_seconds_bucket{stage="archive",le="+Inf"} 1
yujing_stage_duration_seconds_sum{stage="archive"} 0.01
yujing_stage_duration_seconds_count{stage="archive"} 1
yujing_stage_duration_seconds_bucket{stage="collect",le="0.1"} 0
yujing_stage_duration_seconds_bucket{stage="collect",le="1"} 1
yujing_stage_duration_seconds_bucket{stage="collect",le="+Inf"} 1
yujing_stage_duration_seconds_sum{stage="collect"} 0.2
yujing_stage_duration_seconds_count{stage="collect"} 1
yujing_stage_duration_seconds_bucket{stage="escalate",le="0.1"} 1
yujing_stage_duration_seconds_bucket{stage="escalate",le="1"} 1
yujing_stage_duration_seconds_bucket{stage="escalate",le="+Inf"} 1
yujing_stage_duration_seconds_sum{stage="escalate"} 0.005
yujing_stage_duration_seconds_count{stage="escalate"} 1
yujing_stage_duration_seconds_bucket{stage="record",le="0.1"} 1
yujing_stage_duration_seconds_bucket{stage="record",le="1"} 1
yujing_stage_duration_seconds_bucket{stage="record",le="+Inf"} 1
yujing_stage_duration_seconds_sum{stage="record"} 0.03
yujing_stage_duration_seconds_count{stage="record"} 1
yujing_stage_duration_seconds_bucket{stage="reports",le="0.1"} 0
yujing_stage_duration_seconds_bucket{stage="reports",le="1"} 1
yujing_stage_duration_seconds_bucket{stage="reports",le="+Inf"} 1
yujing_stage_duration_seconds_sum{stage="reports"} 0.7
yujing_stage_duration_seconds_count{stage="reports"} 1
yujing_stage_duration_seconds_bucket{stage="rules",le="0.1"} 1
yujing_stage_duration_seconds_bucket{stage="rules",le="1"} 1
yujing_stage_duration_seconds_bucket{stage="rules",le="+Inf"} 1
yujing_stage_duration_seconds_sum{stage="rules"} 0.02
yujing_stage_duration_seconds_count{stage="rules"} 1
yujing_stage_duration_seconds_bucket{stage="send",le="0.1"} 0
yujing_stage_duration_seconds_bucket{stage="send",le="1"} 1
yujing_stage_duration_seconds_bucket{stage="send",le="+Inf"} 1
yujing_stage_duration_seconds_sum{stage="send"} 0.6
yujing_stage_duration_seconds_count{stage="send"} 1
`
	if err := testutil.GatherAndCompare(reg, strings.NewReader(want), "yujing_tick_duration_seconds", "yujing_stage_duration_seconds"); err != nil {
		t.Fatal(err)
	}
}

func TestResultSeriesStartAtZero(t *testing.T) {
	_, reg := newObserver(t)
	const want = `
# HELP yujing_alert_sends_total Alerts the send stage worked, by result: sent (every channel delivered), retrying, failed, muted (every channel muted by a silence).
# TYPE yujing_alert_sends_total counter
yujing_alert_sends_total{result="failed"} 0
yujing_alert_sends_total{result="muted"} 0
yujing_alert_sends_total{result="retrying"} 0
yujing_alert_sends_total{result="sent"} 0
`
	if err := testutil.GatherAndCompare(reg, strings.NewReader(want), "yujing_alert_sends_total"); err != nil {
		t.Fatal(err)
	}
}

func TestNegativeCountIgnored(t *testing.T) {
	obs, reg := newObserver(t)
	obs.TickDone(context.Background(), alert.TickResult{Collect: alert.CollectStats{Windows: -1}}) // a counter's Add would panic
	const want = `
# HELP yujing_windows_collected_total Windows collected.
# TYPE yujing_windows_collected_total counter
yujing_windows_collected_total 0
`
	if err := testutil.GatherAndCompare(reg, strings.NewReader(want), "yujing_windows_collected_total"); err != nil {
		t.Fatal(err)
	}
}

func TestNewRefusesNilRegisterer(t *testing.T) {
	if _, err := promobserver.New(nil); err == nil {
		t.Fatal("New(nil) made an Observer")
	}
}

func TestNewRefusesBadBuckets(t *testing.T) {
	for _, b := range [][]float64{{}, {1, 1}, {2, 1}} {
		if _, err := promobserver.New(prometheus.NewRegistry(), promobserver.WithBuckets(b...)); err == nil {
			t.Errorf("buckets %v: no error", b)
		}
	}
}

func TestDoubleRegistration(t *testing.T) {
	obs, reg := newObserver(t)
	_, err := promobserver.New(reg)
	if !errors.As(err, new(prometheus.AlreadyRegisteredError)) {
		t.Fatalf("second New on one registry: %v, want an AlreadyRegisteredError", err)
	}
	// The first Observer's metrics are still there and still count.
	obs.TickDone(context.Background(), alert.TickResult{})
	if n, err := testutil.GatherAndCount(reg, "yujing_ticks_total"); err != nil || n != 1 {
		t.Fatalf("yujing_ticks_total: %d series, %v", n, err)
	}

}

// Two engines on one registry, told apart by a label.
func TestTwoEnginesOneRegistry(t *testing.T) {
	reg := prometheus.NewPedanticRegistry()
	a, err := promobserver.New(prometheus.WrapRegistererWith(prometheus.Labels{"engine": "a"}, reg))
	if err != nil {
		t.Fatal(err)
	}
	b, err := promobserver.New(prometheus.WrapRegistererWith(prometheus.Labels{"engine": "b"}, reg))
	if err != nil {
		t.Fatal(err)
	}
	a.TickDone(context.Background(), alert.TickResult{})
	b.TickDone(context.Background(), alert.TickResult{})
	b.TickDone(context.Background(), alert.TickResult{})
	const want = `
# HELP yujing_ticks_total Ticks run.
# TYPE yujing_ticks_total counter
yujing_ticks_total{engine="a"} 1
yujing_ticks_total{engine="b"} 2
`
	if err := testutil.GatherAndCompare(reg, strings.NewReader(want), "yujing_ticks_total"); err != nil {
		t.Fatal(err)
	}
}

func TestFailedNewRegistersNothing(t *testing.T) {
	reg := prometheus.NewPedanticRegistry()
	taken := prometheus.NewCounter(prometheus.CounterOpts{Name: "yujing_archived_rows_total", Help: "someone else's"})
	reg.MustRegister(taken)
	if _, err := promobserver.New(reg); err == nil {
		t.Fatal("New over a taken name: no error")
	}
	mfs, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	if len(mfs) != 1 || mfs[0].GetName() != "yujing_archived_rows_total" {
		t.Fatalf("left registered: %d families, first %s", len(mfs), mfs[0].GetName())
	}
}
