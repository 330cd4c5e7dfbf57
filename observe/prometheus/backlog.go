package promobserver

import (
	"context"
	"strconv"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/yujing-go/yujing/store"
)

// GaugeSource reads what waits in the database; *store.DB is one.
type GaugeSource interface {
	Gauges(ctx context.Context, now time.Time) (store.Gauges, error)
}

// backlogCollector reads the gauges from the database when Prometheus
// scrapes, at most once per interval (every replica is scraped; the
// database is asked once per interval per replica, whatever the scrape
// rate), and keeps the last good reading when a read fails.
type backlogCollector struct {
	src      GaugeSource
	every    time.Duration
	timeout  time.Duration
	now      func() time.Time
	mu       sync.Mutex
	last     store.Gauges
	readAt   time.Time
	haveLast bool

	sendLogs, oldestAge, paused, states, acked, muted *prometheus.Desc
	errors                                            prometheus.Counter
}

// sendStatuses are monitor_send_log's states, each a label value.
func sendStatuses() []store.SendStatus {
	return []store.SendStatus{store.SendWaiting, store.SendSent, store.SendFailed, store.SendMuted}
}

func newBacklogCollector(src GaugeSource, every time.Duration, now func() time.Time) *backlogCollector {
	d := func(name, help string, labels ...string) *prometheus.Desc {
		return prometheus.NewDesc(prometheus.BuildFQName(Namespace, "", name), help, labels, nil)
	}
	return &backlogCollector{src: src, every: every, timeout: 5 * time.Second, now: now,
		sendLogs:  d("send_log_rows", "Pending alerts in monitor_send_log, per status (archived rows excluded).", "status"),
		oldestAge: d("oldest_due_alert_age_seconds", "How long the oldest due, unsent alert has waited past its slot; 0 when none is due."),
		paused:    d("robots_paused", "Robots paused by a throttling answer, for every replica."),
		states:    d("alert_states", "Scene × countries per lifecycle state (ok ones are not counted).", "scene", "state"),
		acked:     d("alert_states_acknowledged", "Firing scene × countries acknowledged.", "scene"),
		muted:     d("alert_states_muted", "Scene × countries whose latest message a silence muted.", "scene"),
		errors: prometheus.NewCounter(prometheus.CounterOpts{Namespace: Namespace, Name: "gauge_read_errors_total",
			Help: "Reads of the database gauges that failed (the last good reading is kept)."}),
	}
}

// Describe sends the descriptors.
func (c *backlogCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{c.sendLogs, c.oldestAge, c.paused, c.states, c.acked, c.muted} {
		ch <- d
	}
	c.errors.Describe(ch)
}

// Collect reads the gauges (or reuses a reading younger than the
// interval) and sends them.
func (c *backlogCollector) Collect(ch chan<- prometheus.Metric) {
	g, at, ok := c.read()
	c.errors.Collect(ch)
	if !ok {
		return
	}
	for _, s := range sendStatuses() {
		ch <- prometheus.MustNewConstMetric(c.sendLogs, prometheus.GaugeValue, float64(g.SendLogs[s]), s.String())
	}
	age := 0.0
	if !g.OldestDue.IsZero() {
		age = max(0, at.Sub(g.OldestDue).Seconds())
	}
	ch <- prometheus.MustNewConstMetric(c.oldestAge, prometheus.GaugeValue, age)
	ch <- prometheus.MustNewConstMetric(c.paused, prometheus.GaugeValue, float64(g.RobotsPaused))
	for k, n := range g.States {
		ch <- prometheus.MustNewConstMetric(c.states, prometheus.GaugeValue, float64(n), strconv.Itoa(k.InfoType), string(k.State))
	}
	for scene, n := range g.Acknowledged {
		ch <- prometheus.MustNewConstMetric(c.acked, prometheus.GaugeValue, float64(n), strconv.Itoa(scene))
	}
	for scene, n := range g.Muted {
		ch <- prometheus.MustNewConstMetric(c.muted, prometheus.GaugeValue, float64(n), strconv.Itoa(scene))
	}
}

// read returns the latest reading and when it was taken; ok is false when
// none has succeeded yet.
func (c *backlogCollector) read() (store.Gauges, time.Time, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	now := c.now()
	if c.haveLast && now.Sub(c.readAt) < c.every {
		return c.last, now, true
	}
	ctx, cancel := context.WithTimeout(context.Background(), c.timeout)
	defer cancel()
	g, err := c.src.Gauges(ctx, now)
	if err != nil {
		c.errors.Inc()
		return c.last, now, c.haveLast
	}
	c.last, c.readAt, c.haveLast = g, now, true
	return g, now, true
}
