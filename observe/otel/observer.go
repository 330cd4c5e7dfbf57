package otelobserver

import (
	"context"
	"errors"
	"fmt"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/metric"

	"github.com/yujing-go/yujing/alert"
	"github.com/yujing-go/yujing/observe/internal/measure"
)

// ScopeName is the instrumentation scope of the Observer's Meter.
const ScopeName = "github.com/yujing-go/yujing/observe/otel"

// Observer is an alert.Observer that records into OpenTelemetry
// instruments. Its methods are safe for concurrent use. Make one with New.
type Observer struct {
	ticks      tickInstruments
	deliveries deliveryInstruments
	tracing    tracing
}

var (
	_ alert.Observer = (*Observer)(nil)
	_ alert.Tracer   = (*Observer)(nil)
)

// New makes an Observer whose instruments come from mp's Meter named
// ScopeName. It refuses a nil mp, and returns the errors of the
// instruments it could not create.
//
// Two Observers on one MeterProvider share its instruments, so their
// measurements add up; to tell two engines apart, give each its own
// MeterProvider with its own resource.
func New(mp metric.MeterProvider, opts ...Option) (*Observer, error) {
	if mp == nil {
		return nil, errors.New("otelobserver: nil MeterProvider")
	}
	cfg := config{}
	for _, opt := range opts {
		opt(&cfg)
	}
	if cfg.buckets == nil {
		cfg.buckets = measure.DefaultBuckets()
	}
	if err := measure.CheckBuckets(cfg.buckets); err != nil {
		return nil, fmt.Errorf("otelobserver: %w", err)
	}
	meter := mp.Meter(ScopeName)
	ticks, err1 := newTickInstruments(meter, cfg)
	deliveries, err2 := newDeliveryInstruments(meter, cfg)
	if err := errors.Join(err1, err2); err != nil {
		return nil, fmt.Errorf("otelobserver: %w", err)
	}
	tp := cfg.tracerProvider
	if tp == nil {
		tp = otel.GetTracerProvider()
	}
	return &Observer{ticks: ticks, deliveries: deliveries, tracing: tracing{tp.Tracer(ScopeName)}}, nil
}

// TickDone records a Tick: one tick, an errored tick when r has errors,
// its duration and each stage's, and every count of r.
func (o *Observer) TickDone(ctx context.Context, r alert.TickResult) { o.ticks.record(ctx, &r) }

// DeliveryDone records one delivery attempt and its duration, by channel
// type (and channel, with WithChannelAttribute) and result.
func (o *Observer) DeliveryDone(ctx context.Context, d alert.Delivery) { o.deliveries.record(ctx, &d) }
