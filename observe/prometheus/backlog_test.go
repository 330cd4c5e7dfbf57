package promobserver_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"

	"github.com/yujing-go/yujing/observe/prometheus"
)

// WithBacklog: after a Tick whose delivery failed, the scrape shows the
// alert waiting for its retry, how long it is overdue, and the scene's
// firing country, read from the database the engine wrote.
func TestBacklogGauges(t *testing.T) {
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		http.Error(w, "upstream down", http.StatusBadGateway)
	}))
	defer hook.Close()
	db := openDB(t)
	reg := prometheus.NewPedanticRegistry()
	obs, err := promobserver.New(reg, promobserver.WithBacklog(db, time.Nanosecond))
	if err != nil {
		t.Fatal(err)
	}
	engine := newEngineOn(t, db, obs, hook.URL)
	if _, err := engine.Tick(context.Background()); err != nil {
		t.Fatal(err)
	}
	const want = `
# HELP yujing_send_log_rows Pending alerts in monitor_send_log, per status (archived rows excluded).
# TYPE yujing_send_log_rows gauge
yujing_send_log_rows{status="failed"} 0
yujing_send_log_rows{status="muted"} 0
yujing_send_log_rows{status="sent"} 0
yujing_send_log_rows{status="waiting"} 1
# HELP yujing_alert_states Scene × countries per lifecycle state (ok ones are not counted).
# TYPE yujing_alert_states gauge
yujing_alert_states{scene="3",state="firing"} 1
# HELP yujing_robots_paused Robots paused by a throttling answer, for every replica.
# TYPE yujing_robots_paused gauge
yujing_robots_paused 0
# HELP yujing_gauge_read_errors_total Reads of the database gauges that failed (the last good reading is kept).
# TYPE yujing_gauge_read_errors_total counter
yujing_gauge_read_errors_total 0
`
	if err := testutil.GatherAndCompare(reg, strings.NewReader(want), "yujing_send_log_rows", "yujing_alert_states",
		"yujing_robots_paused", "yujing_gauge_read_errors_total"); err != nil {
		t.Fatal(err)
	}
	// The engine's clock is in 2026-11; the scrape's is the real one, so
	// the waiting alert is overdue by at least the difference.
	age := gaugeValue(t, reg, "yujing_oldest_due_alert_age_seconds")
	if age <= 0 {
		t.Fatalf("oldest due alert age %v, want > 0", age)
	}

	// The database goes away: the scrape keeps the last reading and counts
	// the failure.
	db.Close()
	const after = `
# HELP yujing_send_log_rows Pending alerts in monitor_send_log, per status (archived rows excluded).
# TYPE yujing_send_log_rows gauge
yujing_send_log_rows{status="failed"} 0
yujing_send_log_rows{status="muted"} 0
yujing_send_log_rows{status="sent"} 0
yujing_send_log_rows{status="waiting"} 1
# HELP yujing_gauge_read_errors_total Reads of the database gauges that failed (the last good reading is kept).
# TYPE yujing_gauge_read_errors_total counter
yujing_gauge_read_errors_total 1
`
	if err := testutil.GatherAndCompare(reg, strings.NewReader(after), "yujing_send_log_rows", "yujing_gauge_read_errors_total"); err != nil {
		t.Fatal(err)
	}
}

// gaugeValue gathers reg and returns the first series of name.
func gaugeValue(t *testing.T, reg *prometheus.Registry, name string) float64 {
	t.Helper()
	mfs, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, mf := range mfs {
		if mf.GetName() == name && len(mf.GetMetric()) > 0 {
			return mf.GetMetric()[0].GetGauge().GetValue()
		}
	}
	t.Fatalf("%s not gathered", name)
	return 0
}
