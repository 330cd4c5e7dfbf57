package promobserver

import "slices"

// Option configures an Observer.
type Option func(*config)

type config struct {
	channelLabel bool
	buckets      []float64
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
