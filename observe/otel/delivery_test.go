package otelobserver_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/sdk/metric/metricdata"
	"go.opentelemetry.io/otel/sdk/metric/metricdata/metricdatatest"

	"github.com/yujing-go/yujing/alert"
	otelobserver "github.com/yujing-go/yujing/observe/otel"
)

func TestDeliveries(t *testing.T) {
	obs, reader := newObserver(t, otelobserver.WithBucketBoundaries(0.1, 1))
	ctx := context.Background()
	fail := errors.New("HTTP 500")
	for _, d := range []alert.Delivery{
		{SlNo: "1", Country: "PH", Channel: "CH01", ChannelType: "webhook", Duration: 50 * time.Millisecond},
		{SlNo: "2", Country: "ID", Channel: "CH01", ChannelType: "webhook", Duration: 2 * time.Second, Err: fail},
		{SlNo: "3", Country: "PH", Channel: "CH02", ChannelType: "dingtalk", Duration: 250 * time.Millisecond},
		{SlNo: "4", Country: "VN", Channel: "CH03", ChannelType: "dingtalk", Duration: 125 * time.Millisecond},
	} {
		obs.DeliveryDone(ctx, d)
	}
	got := collect(t, reader)

	attrs := func(typ, result string) attribute.Set {
		if result == "" {
			return attribute.NewSet(attribute.String("channel.type", typ))
		}
		return attribute.NewSet(attribute.String("channel.type", typ), attribute.String("result", result))
	}
	if u := got["yujing.deliveries"].Unit; u != "{delivery}" {
		t.Errorf("yujing.deliveries: unit %q", u)
	}
	metricdatatest.AssertAggregationsEqual(t, metricdata.Sum[int64]{Temporality: metricdata.CumulativeTemporality, IsMonotonic: true,
		DataPoints: []metricdata.DataPoint[int64]{
			{Attributes: attrs("webhook", "sent"), Value: 1},
			{Attributes: attrs("webhook", "error"), Value: 1},
			{Attributes: attrs("dingtalk", "sent"), Value: 2},
		}}, got["yujing.deliveries"].Data, metricdatatest.IgnoreTimestamp())

	if u := got["yujing.delivery.duration"].Unit; u != "s" {
		t.Errorf("yujing.delivery.duration: unit %q", u)
	}
	metricdatatest.AssertAggregationsEqual(t, metricdata.Histogram[float64]{Temporality: metricdata.CumulativeTemporality,
		DataPoints: []metricdata.HistogramDataPoint[float64]{
			{Attributes: attrs("webhook", ""), Bounds: []float64{0.1, 1}, BucketCounts: []uint64{1, 0, 1}, Count: 2, Sum: 2.05,
				Min: metricdata.NewExtrema(0.05), Max: metricdata.NewExtrema(2.0)},
			{Attributes: attrs("dingtalk", ""), Bounds: []float64{0.1, 1}, BucketCounts: []uint64{0, 2, 0}, Count: 2, Sum: 0.375,
				Min: metricdata.NewExtrema(0.125), Max: metricdata.NewExtrema(0.25)},
		}}, got["yujing.delivery.duration"].Data, metricdatatest.IgnoreTimestamp())
}

func TestDeliveriesWithChannelAttribute(t *testing.T) {
	obs, reader := newObserver(t, otelobserver.WithChannelAttribute())
	ctx := context.Background()
	obs.DeliveryDone(ctx, alert.Delivery{SlNo: "1", Country: "PH", Channel: "CH01", ChannelType: "webhook"})
	obs.DeliveryDone(ctx, alert.Delivery{SlNo: "2", Country: "ID", Channel: "CH01", ChannelType: "webhook"})
	obs.DeliveryDone(ctx, alert.Delivery{SlNo: "3", Country: "PH", Channel: "CH02", ChannelType: "webhook", Err: errors.New("timeout")})
	attrs := func(ch, result string) attribute.Set {
		return attribute.NewSet(attribute.String("channel.type", "webhook"), attribute.String("channel", ch), attribute.String("result", result))
	}
	got := collect(t, reader)
	metricdatatest.AssertAggregationsEqual(t, metricdata.Sum[int64]{Temporality: metricdata.CumulativeTemporality, IsMonotonic: true,
		DataPoints: []metricdata.DataPoint[int64]{
			{Attributes: attrs("CH01", "sent"), Value: 2},
			{Attributes: attrs("CH02", "error"), Value: 1},
		}}, got["yujing.deliveries"].Data, metricdatatest.IgnoreTimestamp())
	if n := len(got["yujing.delivery.duration"].Data.(metricdata.Histogram[float64]).DataPoints); n != 2 {
		t.Errorf("yujing.delivery.duration: %d series, want one per channel", n)
	}
}

// Countries, sl_nos and info types make no series: only the channel type
// (and the channel, when asked for) does.
func TestDeliveryAttributesBounded(t *testing.T) {
	for _, tc := range []struct {
		name       string
		opts       []otelobserver.Option
		wantSeries int
	}{
		{"channel type", nil, 2},
		{"with channel", []otelobserver.Option{otelobserver.WithChannelAttribute()}, 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			obs, reader := newObserver(t, tc.opts...)
			ctx := context.Background()
			for i := range 5000 {
				ch := []string{"CH01", "CH02", "CH03"}[i%3]
				typ := map[string]string{"CH01": "webhook", "CH02": "webhook", "CH03": "wecom"}[ch]
				obs.DeliveryDone(ctx, alert.Delivery{SlNo: fmt.Sprint(100000 + i), Country: fmt.Sprintf("C%04d", i),
					InfoType: i, Channel: ch, ChannelType: typ, Duration: time.Millisecond})
			}
			got := collect(t, reader)
			total := got["yujing.deliveries"].Data.(metricdata.Sum[int64])
			hist := got["yujing.delivery.duration"].Data.(metricdata.Histogram[float64])
			if len(total.DataPoints) != tc.wantSeries || len(hist.DataPoints) != tc.wantSeries {
				t.Errorf("%d and %d series, want %d", len(total.DataPoints), len(hist.DataPoints), tc.wantSeries)
			}
			for _, p := range total.DataPoints {
				for _, kv := range p.Attributes.ToSlice() {
					if k := kv.Key; k != "channel.type" && k != "channel" && k != "result" {
						t.Errorf("attribute %s", k)
					}
				}
			}
		})
	}
}
