package promobserver_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus/testutil"

	"github.com/yujing-go/yujing/alert"
	promobserver "github.com/yujing-go/yujing/observe/prometheus"
)

func TestDeliveries(t *testing.T) {
	obs, reg := newObserver(t, promobserver.WithBuckets(0.1, 1))
	ctx := context.Background()
	fail := errors.New("HTTP 500")
	for _, d := range []alert.Delivery{
		{SlNo: "1", Country: "PH", Channel: "CH01", ChannelType: "webhook", Duration: 50 * time.Millisecond},
		{SlNo: "2", Country: "ID", Channel: "CH01", ChannelType: "webhook", Duration: 2 * time.Second, Err: fail},
		{SlNo: "3", Country: "PH", Channel: "CH02", ChannelType: "dingtalk", Duration: 300 * time.Millisecond},
		{SlNo: "4", Country: "VN", Channel: "CH03", ChannelType: "dingtalk", Duration: 100 * time.Millisecond},
	} {
		obs.DeliveryDone(ctx, d)
	}
	const want = `
# HELP yujing_deliveries_total Attempts to send an alert through a channel, by channel type and result (sent or error).
# TYPE yujing_deliveries_total counter
yujing_deliveries_total{channel_type="dingtalk",result="sent"} 2
yujing_deliveries_total{channel_type="webhook",result="error"} 1
yujing_deliveries_total{channel_type="webhook",result="sent"} 1
# HELP yujing_delivery_duration_seconds Duration of an attempt to send an alert through a channel, by channel type.
# TYPE yujing_delivery_duration_seconds histogram
yujing_delivery_duration_seconds_bucket{channel_type="dingtalk",le="0.1"} 1
yujing_delivery_duration_seconds_bucket{channel_type="dingtalk",le="1"} 2
yujing_delivery_duration_seconds_bucket{channel_type="dingtalk",le="+Inf"} 2
yujing_delivery_duration_seconds_sum{channel_type="dingtalk"} 0.4
yujing_delivery_duration_seconds_count{channel_type="dingtalk"} 2
yujing_delivery_duration_seconds_bucket{channel_type="webhook",le="0.1"} 1
yujing_delivery_duration_seconds_bucket{channel_type="webhook",le="1"} 1
yujing_delivery_duration_seconds_bucket{channel_type="webhook",le="+Inf"} 2
yujing_delivery_duration_seconds_sum{channel_type="webhook"} 2.05
yujing_delivery_duration_seconds_count{channel_type="webhook"} 2
`
	if err := testutil.GatherAndCompare(reg, strings.NewReader(want), "yujing_deliveries_total", "yujing_delivery_duration_seconds"); err != nil {
		t.Fatal(err)
	}
}

func TestDeliveriesWithChannelLabel(t *testing.T) {
	obs, reg := newObserver(t, promobserver.WithChannelLabel())
	ctx := context.Background()
	obs.DeliveryDone(ctx, alert.Delivery{SlNo: "1", Country: "PH", Channel: "CH01", ChannelType: "webhook"})
	obs.DeliveryDone(ctx, alert.Delivery{SlNo: "2", Country: "ID", Channel: "CH01", ChannelType: "webhook"})
	obs.DeliveryDone(ctx, alert.Delivery{SlNo: "3", Country: "PH", Channel: "CH02", ChannelType: "webhook", Err: errors.New("timeout")})
	const want = `
# HELP yujing_deliveries_total Attempts to send an alert through a channel, by channel type and result (sent or error).
# TYPE yujing_deliveries_total counter
yujing_deliveries_total{channel="CH01",channel_type="webhook",result="sent"} 2
yujing_deliveries_total{channel="CH02",channel_type="webhook",result="error"} 1
`
	if err := testutil.GatherAndCompare(reg, strings.NewReader(want), "yujing_deliveries_total"); err != nil {
		t.Fatal(err)
	}
	if n, err := testutil.GatherAndCount(reg, "yujing_delivery_duration_seconds"); err != nil || n != 2 {
		t.Fatalf("yujing_delivery_duration_seconds: %d series, %v; want one per channel", n, err)
	}
}

// Countries, sl_nos and info types make no series: only the channel type
// (and the channel, when asked for) does.
func TestDeliveryLabelsBounded(t *testing.T) {
	for _, tc := range []struct {
		name       string
		opts       []promobserver.Option
		wantSeries int
	}{
		{"channel type", nil, 2},
		{"with channel", []promobserver.Option{promobserver.WithChannelLabel()}, 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			obs, reg := newObserver(t, tc.opts...)
			ctx := context.Background()
			for i := range 5000 {
				ch := []string{"CH01", "CH02", "CH03"}[i%3]
				typ := map[string]string{"CH01": "webhook", "CH02": "webhook", "CH03": "wecom"}[ch]
				obs.DeliveryDone(ctx, alert.Delivery{SlNo: fmt.Sprint(100000 + i), Country: fmt.Sprintf("C%04d", i),
					InfoType: i, Channel: ch, ChannelType: typ, Duration: time.Millisecond})
			}
			for _, name := range []string{"yujing_deliveries_total", "yujing_delivery_duration_seconds"} {
				if n, err := testutil.GatherAndCount(reg, name); err != nil || n != tc.wantSeries {
					t.Errorf("%s: %d series, %v; want %d", name, n, err, tc.wantSeries)
				}
			}
			mfs, err := reg.Gather()
			if err != nil {
				t.Fatal(err)
			}
			for _, mf := range mfs {
				for _, m := range mf.GetMetric() {
					for _, l := range m.GetLabel() {
						if l.GetName() != "stage" && l.GetName() != "result" && l.GetName() != "channel_type" && l.GetName() != "channel" {
							t.Errorf("%s has the label %s", mf.GetName(), l.GetName())
						}
					}
				}
			}
		})
	}
}
