package otelobserver

import (
	"context"
	"errors"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/metric"

	"github.com/yujing-go/yujing/alert"
	"github.com/yujing-go/yujing/observe/internal/measure"
)

// deliveryInstruments are the instruments fed from each Delivery. Their
// attributes are bounded: the channel's type, the result, and with
// WithChannelAttribute the channel; never the country or the alert's sl_no.
type deliveryInstruments struct {
	channel  bool
	total    metric.Int64Counter
	duration metric.Float64Histogram
}

func newDeliveryInstruments(m metric.Meter, cfg config) (deliveryInstruments, error) {
	total, err1 := m.Int64Counter("yujing.deliveries", metric.WithUnit("{delivery}"),
		metric.WithDescription("Attempts to send an alert through a channel, by channel type and result (sent or error)."))
	duration, err2 := m.Float64Histogram("yujing.delivery.duration", metric.WithUnit("s"),
		metric.WithDescription("Duration of an attempt to send an alert through a channel, by channel type."),
		metric.WithExplicitBucketBoundaries(cfg.buckets...))
	return deliveryInstruments{channel: cfg.channelAttribute, total: total, duration: duration}, errors.Join(err1, err2)
}

func (m *deliveryInstruments) record(ctx context.Context, d *alert.Delivery) {
	attrs := make([]attribute.KeyValue, 0, 3)
	attrs = append(attrs, attribute.String("channel.type", d.ChannelType))
	if m.channel {
		attrs = append(attrs, attribute.String("channel", d.Channel))
	}
	m.duration.Record(ctx, d.Duration.Seconds(), metric.WithAttributes(attrs...))
	m.total.Add(ctx, 1, metric.WithAttributes(append(attrs, attribute.String("result", measure.DeliveryResult(d)))...))
}
