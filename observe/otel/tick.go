package otelobserver

import (
	"context"
	"errors"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/metric"

	"github.com/yujing-go/yujing/alert"
	"github.com/yujing-go/yujing/observe/internal/measure"
)

// tickInstruments are the instruments fed from each TickResult.
type tickInstruments struct {
	duration metric.Float64Histogram
	stage    metric.Float64Histogram
	stages   []stageSeries
	series   []counterSeries // every counter's every series
}

// stageSeries is one stage's attribute and where its duration is.
type stageSeries struct {
	attrs metric.MeasurementOption
	d     measure.Stage
}

// counterSeries is one series of a counter and the count that feeds it.
type counterSeries struct {
	c     metric.Int64Counter
	attrs metric.MeasurementOption // nil for a counter without attributes
	v     measure.Value
}

func newTickInstruments(m metric.Meter, cfg config) (tickInstruments, error) {
	var t tickInstruments
	var errs []error
	var err error
	t.duration, err = m.Float64Histogram("yujing.tick.duration", metric.WithUnit("s"),
		metric.WithDescription("Duration of a Tick."), metric.WithExplicitBucketBoundaries(cfg.buckets...))
	errs = append(errs, err)
	t.stage, err = m.Float64Histogram("yujing.stage.duration", metric.WithUnit("s"),
		metric.WithDescription("Duration of a stage of a Tick (collect, rules, reports, record, escalate, send, archive); a stage a Tick did not reach is not recorded."),
		metric.WithExplicitBucketBoundaries(cfg.buckets...))
	errs = append(errs, err)
	for _, s := range measure.Stages() {
		t.stages = append(t.stages, stageSeries{attrs: metric.WithAttributeSet(attribute.NewSet(attribute.String("stage", s.Name))), d: s})
	}
	for _, c := range measure.Counters() {
		ctr, err := m.Int64Counter("yujing."+c.Name, metric.WithUnit(c.Unit), metric.WithDescription(c.Help))
		errs = append(errs, err)
		for _, v := range c.Values {
			s := counterSeries{c: ctr, v: v}
			if c.Labelled() {
				s.attrs = metric.WithAttributeSet(attribute.NewSet(attribute.String("result", v.Result)))
			}
			t.series = append(t.series, s)
		}
	}
	return t, errors.Join(errs...)
}

func (t *tickInstruments) record(ctx context.Context, r *alert.TickResult) {
	t.duration.Record(ctx, r.Duration.Seconds())
	for _, s := range t.stages {
		if d := s.d.Duration(r); d > 0 {
			t.stage.Record(ctx, d.Seconds(), s.attrs)
		}
	}
	// Every series is added to, at 0 too, so that it exists after the
	// first Tick; a counter only goes up.
	for _, s := range t.series {
		n := int64(max(s.v.N(r), 0))
		if s.attrs != nil {
			s.c.Add(ctx, n, s.attrs)
		} else {
			s.c.Add(ctx, n)
		}
	}
}
