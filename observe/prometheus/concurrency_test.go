package promobserver_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus/testutil"

	"github.com/yujing-go/yujing/alert"
)

// Ticks and deliveries from many goroutines, gathered meanwhile, lose no
// count (run with -race).
func TestConcurrentObservations(t *testing.T) {
	obs, reg := newObserver(t)
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
	wg.Go(func() { // a scrape meanwhile
		for range 20 {
			if _, err := reg.Gather(); err != nil {
				t.Error(err)
			}
		}
	})
	wg.Wait()

	const want = `
# HELP yujing_ticks_total Ticks run.
# TYPE yujing_ticks_total counter
yujing_ticks_total 1600
# HELP yujing_alert_sends_total Alerts the send stage worked, by result: sent (every channel delivered), retrying, failed, muted (every channel muted by a silence).
# TYPE yujing_alert_sends_total counter
yujing_alert_sends_total{result="failed"} 0
yujing_alert_sends_total{result="muted"} 0
yujing_alert_sends_total{result="retrying"} 0
yujing_alert_sends_total{result="sent"} 1600
# HELP yujing_deliveries_total Attempts to send an alert through a channel, by channel type and result (sent or error).
# TYPE yujing_deliveries_total counter
yujing_deliveries_total{channel_type="webhook",result="error"} 800
yujing_deliveries_total{channel_type="webhook",result="sent"} 800
`
	if err := testutil.GatherAndCompare(reg, strings.NewReader(want), "yujing_ticks_total", "yujing_alert_sends_total", "yujing_deliveries_total"); err != nil {
		t.Fatal(err)
	}
}
