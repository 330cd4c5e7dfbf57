package promobserver

import (
	"strings"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/yujing-go/yujing/alert"
	"github.com/yujing-go/yujing/observe/internal/measure"
)

// tickMetrics are the metrics fed from each TickResult.
type tickMetrics struct {
	duration prometheus.Histogram
	stage    *prometheus.HistogramVec
	stages   []stageSeries
	vecs     []prometheus.Collector // one per measure.Counter
	series   []counterSeries        // every counter's every series
}

// stageSeries is the duration histogram of one stage.
type stageSeries struct {
	h prometheus.Observer
	d measure.Stage
}

// counterSeries is one series of a counter and the count that feeds it.
type counterSeries struct {
	c prometheus.Counter
	v measure.Value
}

func newTickMetrics(cfg config) tickMetrics {
	t := tickMetrics{
		duration: prometheus.NewHistogram(prometheus.HistogramOpts{Namespace: Namespace, Name: "tick_duration_seconds",
			Help: "Duration of a Tick.", Buckets: cfg.buckets}),
		stage: prometheus.NewHistogramVec(prometheus.HistogramOpts{Namespace: Namespace, Name: "stage_duration_seconds",
			Help:    "Duration of a stage of a Tick (collect, rules, reports, record, escalate, send, archive); a stage a Tick did not reach is not observed.",
			Buckets: cfg.buckets}, []string{"stage"}),
	}
	for _, s := range measure.Stages() {
		t.stages = append(t.stages, stageSeries{h: t.stage.WithLabelValues(s.Name), d: s})
	}
	for _, m := range measure.Counters() {
		opts := prometheus.CounterOpts{Namespace: Namespace, Name: counterName(m.Name), Help: m.Help}
		if !m.Labelled() {
			c := prometheus.NewCounter(opts)
			t.vecs = append(t.vecs, c)
			t.series = append(t.series, counterSeries{c: c, v: m.Values[0]})
			continue
		}
		vec := prometheus.NewCounterVec(opts, []string{"result"})
		t.vecs = append(t.vecs, vec)
		for _, v := range m.Values { // every result's series exists from the start, at 0
			t.series = append(t.series, counterSeries{c: vec.WithLabelValues(v.Result), v: v})
		}
	}
	return t
}

// counterName makes a counter's name from its dotted one:
// windows.collected → windows_collected_total.
func counterName(dotted string) string { return strings.ReplaceAll(dotted, ".", "_") + "_total" }

func (t *tickMetrics) collectors() []prometheus.Collector {
	return append([]prometheus.Collector{t.duration, t.stage}, t.vecs...)
}

func (t *tickMetrics) observe(r *alert.TickResult) {
	t.duration.Observe(r.Duration.Seconds())
	for _, s := range t.stages {
		if d := s.d.Duration(r); d > 0 {
			s.h.Observe(d.Seconds())
		}
	}
	for _, s := range t.series {
		if n := s.v.N(r); n > 0 {
			s.c.Add(float64(n))
		}
	}
}
