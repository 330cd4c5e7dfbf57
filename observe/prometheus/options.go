package promobserver

import (
	"slices"
	"time"
)

// Option configures an Observer.
type Option func(*config)

type config struct {
	channelLabel bool
	buckets      []float64
	gauges       GaugeSource
	gaugeEvery   time.Duration
}

// WithBacklog adds the gauges of what waits in the database, read from src
// (the engines' *store.DB) when Prometheus scrapes, at most once per
// interval (15 s when every is 0): pending alerts per status, the age of
// the oldest due alert, robots paused by throttling, and the scene ×
// country states with the acknowledged and muted ones. Every replica
// reads the same database, so scrape one, or aggregate with max() rather
// than sum().
func WithBacklog(src GaugeSource, every time.Duration) Option {
	return func(c *config) { c.gauges, c.gaugeEvery = src, every }
}

// WithChannelLabel adds the label channel (the channel's channel_no) to
// yujing_deliveries_total and yujing_delivery_duration_seconds, next to
// channel_type. Use it only on a host with few channels: every channel
// makes its own series.
func WithChannelLabel() Option {
	return func(c *config) { c.channelLabel = true }
}

// WithBuckets sets the upper bounds, in seconds, of the buckets of the
// duration histograms (tick, stage, delivery). They must be finite and
// strictly increasing; New refuses them otherwise. The default goes from
// 1 ms to 1 minute.
func WithBuckets(bounds ...float64) Option {
	return func(c *config) { c.buckets = slices.Clone(bounds) }
}
