package otelobserver_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/sdk/metric/metricdata"
	"go.opentelemetry.io/otel/sdk/metric/metricdata/metricdatatest"

	"github.com/yujing-go/yujing/alert"
)

// Ticks and deliveries from many goroutines, collected meanwhile, lose no
// count (run with -race).
func TestConcurrentObservations(t *testing.T) {
	obs, reader := newObserver(t)
	ctx := context.Background()
	const workers, each = 8, 200
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := range each {
				obs.TickDone(ctx, alert.TickResult{Send: alert.SendStats{Sent: 1}, Duration: time.Millisecond})
				var err error
				if i%2 == 1 {
					err = errors.New("refused")
				}
				obs.DeliveryDone(ctx, alert.Delivery{Channel: fmt.Sprint("CH", w), ChannelType: "webhook", Duration: time.Millisecond, Err: err})
			}
		})
	}
	wg.Go(func() { // a collection meanwhile
		for range 20 {
			var rm metricdata.ResourceMetrics
			if err := reader.Collect(ctx, &rm); err != nil {
				t.Error(err)
			}
		}
	})
	wg.Wait()

	got := collect(t, reader)
	metricdatatest.AssertAggregationsEqual(t, sum(map[string]int64{"": 1600}), got["yujing.ticks"].Data, metricdatatest.IgnoreTimestamp())
	metricdatatest.AssertAggregationsEqual(t, sum(map[string]int64{"sent": 1600, "retrying": 0, "failed": 0, "muted": 0}),
		got["yujing.alert.sends"].Data, metricdatatest.IgnoreTimestamp())
	res := func(r string) attribute.Set {
		return attribute.NewSet(attribute.String("channel.type", "webhook"), attribute.String("result", r))
	}
	metricdatatest.AssertAggregationsEqual(t, metricdata.Sum[int64]{Temporality: metricdata.CumulativeTemporality, IsMonotonic: true,
		DataPoints: []metricdata.DataPoint[int64]{{Attributes: res("sent"), Value: 800}, {Attributes: res("error"), Value: 800}}},
		got["yujing.deliveries"].Data, metricdatatest.IgnoreTimestamp())
}
