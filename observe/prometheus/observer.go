package promobserver

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/yujing-go/yujing/alert"
	"github.com/yujing-go/yujing/observe/internal/measure"
)

// Namespace is the prefix of every metric's name.
const Namespace = "yujing"

// Observer is an alert.Observer that counts into Prometheus metrics. Its
// methods are safe for concurrent use. Make one with New.
type Observer struct {
	ticks      tickMetrics
	deliveries deliveryMetrics
}

var _ alert.Observer = (*Observer)(nil)

// New makes an Observer and registers its metrics with reg. It refuses a
// nil reg, and returns the registration's error (a
// prometheus.AlreadyRegisteredError for a second Observer on the same
// registerer) when a metric of the same name is already registered; a
// failed New unregisters what it had registered. To run two engines
// against one registry, wrap each one's registerer with
// prometheus.WrapRegistererWith and its own value of a label.
func New(reg prometheus.Registerer, opts ...Option) (*Observer, error) {
	if reg == nil {
		return nil, errors.New("promobserver: nil registerer")
	}
	cfg := config{}
	for _, opt := range opts {
		opt(&cfg)
	}
	if cfg.buckets == nil {
		cfg.buckets = measure.DefaultBuckets()
	}
	if err := measure.CheckBuckets(cfg.buckets); err != nil {
		return nil, fmt.Errorf("promobserver: %w", err)
	}
	o := &Observer{ticks: newTickMetrics(cfg), deliveries: newDeliveryMetrics(cfg)}
	collectors := append(o.ticks.collectors(), o.deliveries.collectors()...)
	if cfg.gauges != nil {
		collectors = append(collectors, newBacklogCollector(cfg.gauges, cmp.Or(cfg.gaugeEvery, 15*time.Second), time.Now))
	}
	var done []prometheus.Collector
	for _, c := range collectors {
		if err := reg.Register(c); err != nil {
			for _, d := range done {
				reg.Unregister(d)
			}
			return nil, fmt.Errorf("promobserver: %w", err)
		}
		done = append(done, c)
	}
	return o, nil
}

// TickDone counts a Tick: one tick, an errored tick when r has errors,
// its duration and each stage's, and every count of r.
func (o *Observer) TickDone(_ context.Context, r alert.TickResult) { o.ticks.observe(&r) }

// DeliveryDone counts one delivery attempt and its duration, by channel
// type (and channel, with WithChannelLabel) and result.
func (o *Observer) DeliveryDone(_ context.Context, d alert.Delivery) { o.deliveries.observe(&d) }
