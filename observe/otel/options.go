package otelobserver

import (
	"slices"

	"go.opentelemetry.io/otel/trace"
)

// Option configures an Observer.
type Option func(*config)

type config struct {
	channelAttribute bool
	buckets          []float64
	tracerProvider   trace.TracerProvider
}

// WithTracerProvider sets where the spans go: one per Tick ("yujing.tick"),
// one per stage under it ("yujing.collect", "yujing.send"…) and one per
// delivery under its stage ("yujing.deliver", with the scene, country,
// sl_no, channel and channel type). The default is the global provider,
// otel.GetTracerProvider(), which drops them until the host sets one.
func WithTracerProvider(tp trace.TracerProvider) Option {
	return func(c *config) { c.tracerProvider = tp }
}

// WithChannelAttribute adds the attribute channel (the channel's
// channel_no) to yujing.deliveries and yujing.delivery.duration, next to
// channel.type. Use it only on a host with few channels: every channel
// makes its own series.
func WithChannelAttribute() Option {
	return func(c *config) { c.channelAttribute = true }
}

// WithBucketBoundaries sets the explicit bucket boundaries, in seconds, of
// the duration histograms (tick, stage, delivery). They must be finite and
// strictly increasing; New refuses them otherwise. The default goes from
// 1 ms to 1 minute. A View of the MeterProvider still overrides them.
func WithBucketBoundaries(bounds ...float64) Option {
	return func(c *config) { c.buckets = slices.Clone(bounds) }
}
