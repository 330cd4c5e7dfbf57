package otelobserver_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/metric"
	"go.opentelemetry.io/otel/metric/noop"
	sdkmetric "go.opentelemetry.io/otel/sdk/metric"
	"go.opentelemetry.io/otel/sdk/metric/metricdata"
	"go.opentelemetry.io/otel/sdk/metric/metricdata/metricdatatest"

	"github.com/yujing-go/yujing/alert"
	otelobserver "github.com/yujing-go/yujing/observe/otel"
)

// sum is a cumulative monotonic int64 sum's data points: one unlabelled
// value, or a value per result.
func sum(results map[string]int64) metricdata.Sum[int64] {
	s := metricdata.Sum[int64]{Temporality: metricdata.CumulativeTemporality, IsMonotonic: true}
	for r, v := range results {
		var attrs attribute.Set
		if r != "" {
			attrs = attribute.NewSet(attribute.String("result", r))
		}
		s.DataPoints = append(s.DataPoints, metricdata.DataPoint[int64]{Attributes: attrs, Value: v})
	}
	return s
}

func TestTickCounters(t *testing.T) {
	obs, reader := newObserver(t)
	ctx := context.Background()
	r := result()
	obs.TickDone(ctx, r)
	r.Errors = []error{errors.New("database is away"), errors.New("scene failed")}
	obs.TickDone(ctx, r)

	want := []struct {
		name, unit string
		values     map[string]int64
	}{
		{"yujing.ticks", "{tick}", map[string]int64{"": 2}},
		{"yujing.tick.errors", "{tick}", map[string]int64{"": 1}},
		{"yujing.windows.collected", "{window}", map[string]int64{"": 6}},
		{"yujing.windows.failed", "{window}", map[string]int64{"": 2}},
		{"yujing.records.stored", "{record}", map[string]int64{"": 80}},
		{"yujing.rules.fired", "{record}", map[string]int64{"": 14}},
		{"yujing.rule.failures", "{record}", map[string]int64{"": 6}},
		{"yujing.lifecycle.held", "{window}", map[string]int64{"": 16}},
		{"yujing.lifecycle.messages", "{message}", map[string]int64{"": 24}},
		{"yujing.escalations", "{message}", map[string]int64{"": 4}},
		{"yujing.alerts.recorded", "{record}", map[string]int64{"enqueued": 12, "merged": 8, "suppressed": 6, "failed": 2}},
		{"yujing.reports", "{report}", map[string]int64{"uploaded": 6, "retrying": 4, "failed": 2}},
		{"yujing.alert.sends", "{alert}", map[string]int64{"sent": 8, "retrying": 6, "failed": 4, "muted": 2}},
		{"yujing.channel.outcomes", "{delivery}", map[string]int64{"sent": 14, "error": 10}},
		{"yujing.archived.rows", "{row}", map[string]int64{"": 22}},
	}
	got := collect(t, reader)
	if len(got) != len(want)+2 { // and the two duration histograms
		t.Errorf("%d instruments, want %d", len(got), len(want)+2)
	}
	for _, w := range want {
		m, ok := got[w.name]
		if !ok {
			t.Errorf("no %s", w.name)
			continue
		}
		if m.Unit != w.unit || m.Description == "" {
			t.Errorf("%s: unit %q, description %q", w.name, m.Unit, m.Description)
		}
		metricdatatest.AssertAggregationsEqual(t, sum(w.values), m.Data, metricdatatest.IgnoreTimestamp())
	}
}

func TestTickDurations(t *testing.T) {
	obs, reader := newObserver(t, otelobserver.WithBucketBoundaries(0.1, 1))
	ctx := context.Background()
	obs.TickDone(ctx, result())
	// A Tick that stopped before its stages (the database away) records
	// its own duration only.
	obs.TickDone(ctx, alert.TickResult{Duration: 250 * time.Millisecond, Errors: []error{errors.New("away")}})

	got := collect(t, reader)
	hist := func(attrs attribute.Set, bucketCounts []uint64, values ...float64) metricdata.HistogramDataPoint[float64] {
		p := metricdata.HistogramDataPoint[float64]{Attributes: attrs, Bounds: []float64{0.1, 1}, BucketCounts: bucketCounts,
			Count: uint64(len(values)), Min: metricdata.NewExtrema(values[0]), Max: metricdata.NewExtrema(values[0])}
		for _, v := range values {
			p.Sum += v
			p.Min = metricdata.NewExtrema(min(v, value(p.Min.Value())))
			p.Max = metricdata.NewExtrema(max(v, value(p.Max.Value())))
		}
		return p
	}
	tick := got["yujing.tick.duration"]
	if tick.Unit != "s" {
		t.Errorf("yujing.tick.duration: unit %q", tick.Unit)
	}
	metricdatatest.AssertAggregationsEqual(t, metricdata.Histogram[float64]{Temporality: metricdata.CumulativeTemporality,
		DataPoints: []metricdata.HistogramDataPoint[float64]{hist(attribute.Set{}, []uint64{0, 1, 1}, 1.5, 0.25)}},
		tick.Data, metricdatatest.IgnoreTimestamp())

	stage := func(name string) attribute.Set { return attribute.NewSet(attribute.String("stage", name)) }
	metricdatatest.AssertAggregationsEqual(t, metricdata.Histogram[float64]{Temporality: metricdata.CumulativeTemporality,
		DataPoints: []metricdata.HistogramDataPoint[float64]{
			hist(stage("collect"), []uint64{0, 1, 0}, 0.2),
			hist(stage("rules"), []uint64{1, 0, 0}, 0.02),
			hist(stage("reports"), []uint64{0, 1, 0}, 0.7),
			hist(stage("record"), []uint64{1, 0, 0}, 0.03),
			hist(stage("escalate"), []uint64{1, 0, 0}, 0.005),
			hist(stage("send"), []uint64{0, 1, 0}, 0.6),
			hist(stage("archive"), []uint64{1, 0, 0}, 0.01),
		}}, got["yujing.stage.duration"].Data, metricdatatest.IgnoreTimestamp())
}

// value is an Extrema's value.
func value(v float64, _ bool) float64 { return v }

func TestNegativeCountIgnored(t *testing.T) {
	obs, reader := newObserver(t)
	obs.TickDone(context.Background(), alert.TickResult{Collect: alert.CollectStats{Windows: -1, Records: 2}})
	got := collect(t, reader)
	metricdatatest.AssertAggregationsEqual(t, sum(map[string]int64{"": 0}), got["yujing.windows.collected"].Data, metricdatatest.IgnoreTimestamp())
	metricdatatest.AssertAggregationsEqual(t, sum(map[string]int64{"": 2}), got["yujing.records.stored"].Data, metricdatatest.IgnoreTimestamp())
}

func TestNewRefusesNilMeterProvider(t *testing.T) {
	if _, err := otelobserver.New(nil); err == nil {
		t.Fatal("New(nil) made an Observer")
	}
}

func TestNewRefusesBadBuckets(t *testing.T) {
	for _, b := range [][]float64{{}, {1, 1}, {2, 1}} {
		if _, err := otelobserver.New(noop.NewMeterProvider(), otelobserver.WithBucketBoundaries(b...)); err == nil {
			t.Errorf("buckets %v: no error", b)
		}
	}
}

// failingProvider's Meter cannot make counters.
type failingProvider struct{ noop.MeterProvider }

func (failingProvider) Meter(string, ...metric.MeterOption) metric.Meter { return failingMeter{} }

type failingMeter struct{ noop.Meter }

func (failingMeter) Int64Counter(name string, _ ...metric.Int64CounterOption) (metric.Int64Counter, error) {
	return noop.Int64Counter{}, errors.New("no counter " + name)
}

func TestNewReturnsInstrumentErrors(t *testing.T) {
	_, err := otelobserver.New(failingProvider{})
	if err == nil {
		t.Fatal("no error")
	}
	for _, name := range []string{"yujing.ticks", "yujing.alert.sends", "yujing.deliveries"} {
		if !contains(err.Error(), "no counter "+name) {
			t.Errorf("error %q does not name %s", err, name)
		}
	}
}

// Two Observers on one MeterProvider share its instruments: no error, and
// their measurements add up.
func TestTwoObserversOneProvider(t *testing.T) {
	reader := sdkmetric.NewManualReader()
	mp := sdkmetric.NewMeterProvider(sdkmetric.WithReader(reader))
	defer mp.Shutdown(context.Background())
	a, err := otelobserver.New(mp)
	if err != nil {
		t.Fatal(err)
	}
	b, err := otelobserver.New(mp)
	if err != nil {
		t.Fatal(err)
	}
	a.TickDone(context.Background(), alert.TickResult{})
	b.TickDone(context.Background(), alert.TickResult{})
	metricdatatest.AssertAggregationsEqual(t, sum(map[string]int64{"": 2}), collect(t, reader)["yujing.ticks"].Data, metricdatatest.IgnoreTimestamp())
}
