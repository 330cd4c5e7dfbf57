package promobserver

import (
	"github.com/prometheus/client_golang/prometheus"

	"github.com/yujing-go/yujing/alert"
	"github.com/yujing-go/yujing/observe/internal/measure"
)

// deliveryMetrics are the metrics fed from each Delivery. Their labels are
// bounded: the channel's type, the result, and with WithChannelLabel the
// channel; never the country or the alert's sl_no.
type deliveryMetrics struct {
	channel  bool
	total    *prometheus.CounterVec
	duration *prometheus.HistogramVec
}

func newDeliveryMetrics(cfg config) deliveryMetrics {
	labels := []string{"channel_type"}
	if cfg.channelLabel {
		labels = append(labels, "channel")
	}
	return deliveryMetrics{
		channel: cfg.channelLabel,
		total: prometheus.NewCounterVec(prometheus.CounterOpts{Namespace: Namespace, Name: "deliveries_total",
			Help: "Attempts to send an alert through a channel, by channel type and result (sent or error)."},
			append(labels, "result")),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{Namespace: Namespace, Name: "delivery_duration_seconds",
			Help: "Duration of an attempt to send an alert through a channel, by channel type.", Buckets: cfg.buckets}, labels),
	}
}

func (m *deliveryMetrics) collectors() []prometheus.Collector {
	return []prometheus.Collector{m.total, m.duration}
}

func (m *deliveryMetrics) observe(d *alert.Delivery) {
	labels := prometheus.Labels{"channel_type": d.ChannelType}
	if m.channel {
		labels["channel"] = d.Channel
	}
	m.duration.With(labels).Observe(d.Duration.Seconds())
	labels["result"] = measure.DeliveryResult(d)
	m.total.With(labels).Inc()
}
