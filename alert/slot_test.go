package alert_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/yujing-go/yujing/alert"
	"github.com/yujing-go/yujing/internal/testdb"
	"github.com/yujing-go/yujing/internal/webhooktest"
	"github.com/yujing-go/yujing/store"
)

// TestFailedSlotDoesNotSwallowLaterAlerts: an alert whose delivery failed
// for good leaves its slot's row failed; a later alert in the same slot,
// after the channel is fixed, is delivered, and every record's reason says
// what happened to it.
func TestFailedSlotDoesNotSwallowLaterAlerts(t *testing.T) {
	for _, be := range testdb.Backends() {
		t.Run(be.Name, func(t *testing.T) {
			f := newFixture(t, be.Open)
			f.configure("PH")
			ctx := context.Background()
			f.recv.Answer(func(webhooktest.Received, int) webhooktest.Reply {
				return webhooktest.Reply{Status: http.StatusUnauthorized}
			})
			fire := func(provider string) string {
				t.Helper()
				no, err := f.engine.Fire(ctx, alert.Alert{InfoType: smsScene, Country: "PH", Numerator: 1, Denominator: 10,
					Values: map[string]any{"provider": provider}})
				if err != nil {
					t.Fatal(err)
				}
				return no
			}
			first := fire("first")
			if res := f.tick(); res.Send.Failed != 1 {
				t.Fatalf("the first alert did not fail for good: %+v", res.Send)
			}
			failed := f.sendLogs("monitor_send_log")
			if len(failed) != 1 || *failed[0].Status != store.SendFailed {
				t.Fatalf("after a permanent failure: %+v", failed)
			}
			// The channel is fixed; another alert in the same slot.
			f.recv.Answer(func(webhooktest.Received, int) webhooktest.Reply { return webhooktest.Reply{} })
			f.clock.Advance(time.Minute)
			second := fire("second")
			res := f.tick()
			if res.Record.Enqueued != 1 || res.Record.Suppressed != 0 || res.Send.Sent != 1 {
				t.Fatalf("second alert: record %+v send %+v", res.Record, res.Send)
			}
			var delivered []webhooktest.Received
			for _, m := range f.recv.Got() {
				if strings.Contains(m.Payload.Text, "Provider second.") {
					delivered = append(delivered, m)
				}
			}
			if len(delivered) != 1 {
				t.Fatalf("the second alert was delivered %d times", len(delivered))
			}
			r1, err := f.db.GetRecord(ctx, first)
			if err != nil {
				t.Fatal(err)
			}
			r2, err := f.db.GetRecord(ctx, second)
			if err != nil {
				t.Fatal(err)
			}
			if str(r1.Param6) != str(failed[0].SlNo) || str(r2.Param6) == str(r1.Param6) {
				t.Fatalf("records point at %s and %s", str(r1.Param6), str(r2.Param6))
			}
			if !strings.Contains(str(r2.Reason), str(failed[0].SlNo)) || !strings.Contains(str(r2.Reason), "failed") {
				t.Fatalf("the second record's reason does not say it moved past the failed alert: %q", str(r2.Reason))
			}
			// A third alert of the slot merges into the delivered one's
			// row? No: that row was sent, so it is suppressed, and says so.
			f.clock.Advance(time.Minute)
			third := fire("third")
			f.tick()
			r3, err := f.db.GetRecord(ctx, third)
			if err != nil || !strings.Contains(str(r3.Reason), "was sent at") {
				t.Fatalf("third alert: %q %v", str(r3.Reason), err)
			}
		})
	}
}
