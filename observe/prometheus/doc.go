// Package promobserver counts the alert engine's work into Prometheus
// metrics: an alert.Observer to pass to alert.WithObserver. Only a host
// that imports this package links the Prometheus client library.
//
//	obs, err := promobserver.New(prometheus.DefaultRegisterer)
//	if err != nil { … }
//	engine, err := alert.New(alert.WithStore(db), alert.WithScenes(…), alert.WithObserver(obs))
//	http.Handle("/metrics", promhttp.Handler())
//
// Every name starts with "yujing_". From each Tick (alert.TickResult):
//
//	yujing_ticks_total                       Ticks run
//	yujing_tick_errors_total                 Ticks that returned errors
//	yujing_tick_duration_seconds             histogram
//	yujing_stage_duration_seconds{stage}     histogram; stage: collect, rules, reports, record, escalate, send, archive
//	yujing_windows_collected_total           windows collected
//	yujing_windows_failed_total              windows whose Collect failed
//	yujing_records_stored_total              records stored
//	yujing_rules_fired_total                 records a rule fired on (collect and rules stages)
//	yujing_rule_failures_total               rule evaluations that failed (rules stage)
//	yujing_lifecycle_held_total              windows held by the lifecycle without a message
//	yujing_lifecycle_messages_total          lifecycle messages (firing, repeat, resolved, no data)
//	yujing_escalations_total                 escalation messages
//	yujing_alerts_recorded_total{result}     enqueued, merged, suppressed, failed
//	yujing_reports_total{result}             uploaded, retrying, failed
//	yujing_alert_sends_total{result}         sent, retrying, failed, muted
//	yujing_channel_outcomes_total{result}    sent, error (per channel, as written into the alerts)
//	yujing_archived_rows_total               rows moved to monitor_send_log_hist
//
// From each delivery attempt (alert.Delivery):
//
//	yujing_deliveries_total{channel_type,result}     result: sent, error
//	yujing_delivery_duration_seconds{channel_type}   histogram
//
// The labels are bounded: a delivery is labelled by its channel's type
// only, unless WithChannelLabel adds the channel (channel_no) for a host
// with few channels; never by country or sl_no. The counters with a result
// label have each result's series from the start, at 0. A stage's duration
// is observed only in the Ticks that reached it.
//
// With WithBacklog(db, every), read from the database when Prometheus
// scrapes (at most once per interval):
//
//	yujing_send_log_rows{status}                  waiting, sent, failed, muted (monitor_send_log)
//	yujing_oldest_due_alert_age_seconds           how long the oldest due alert has waited past its slot
//	yujing_robots_paused                          robots paused by a throttling answer
//	yujing_alert_states{scene,state}              scene × countries per state (pending, firing, resolved, nodata)
//	yujing_alert_states_acknowledged{scene}       firing and acknowledged
//	yujing_alert_states_muted{scene}              latest message muted by a silence
//	yujing_gauge_read_errors_total                failed reads (the last good reading stays)
//
// Every replica reads the same database, so take max() of these across
// replicas, not sum().
//
// # Queries
//
//	sum(rate(yujing_deliveries_total{result="error"}[5m])) by (channel_type)
//	    / sum(rate(yujing_deliveries_total[5m])) by (channel_type)      share of failed deliveries
//	histogram_quantile(0.99, sum(rate(yujing_tick_duration_seconds_bucket[10m])) by (le))
//	max(yujing_alert_states{state="firing"}) by (scene)                 what is on fire now
//
// # Alerting on yujing itself
//
// Two rules every team should run, since an alerting system that stopped
// is silent:
//
//	groups:
//	- name: yujing
//	  rules:
//	  - alert: YujingNotTicking          # no engine has run a Tick for 10 minutes
//	    expr: sum(rate(yujing_ticks_total[10m])) == 0
//	    for: 5m
//	  - alert: YujingAlertsStuck         # due alerts wait: channels failing, robots paused or engines down
//	    expr: max(yujing_oldest_due_alert_age_seconds) > 900
//	    for: 5m
//
// New registers its metrics once per registerer. To run two engines
// against one registry, wrap the registerer of each with its own value of
// one label:
//
//	obs, err := promobserver.New(prometheus.WrapRegistererWith(prometheus.Labels{"engine": "billing"}, reg))
package promobserver
