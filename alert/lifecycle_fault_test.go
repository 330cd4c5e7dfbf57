package alert_test

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
	"time"

	"github.com/yujing-go/yujing/alert"
	"github.com/yujing-go/yujing/internal/testdb"
	"github.com/yujing-go/yujing/scene"
	"github.com/yujing-go/yujing/store"
)

// failingEnqueue is a real store whose EnqueueSendLogs fails while fail
// counts down: the database going away after the lifecycle wrote its
// states and before the messages were recorded.
type failingEnqueue struct {
	store.Store
	fail atomic.Int32
}

func (s *failingEnqueue) EnqueueSendLogs(ctx context.Context, now time.Time, rows []store.SendLog) ([]store.EnqueueResult, error) {
	if s.fail.Add(-1) >= 0 {
		return nil, errors.New("connection lost")
	}
	return s.Store.EnqueueSendLogs(ctx, now, rows)
}

// TestStateWrittenMessageLost: PH fires; the states are written, then the
// database fails before the firing message is recorded. The Tick reports
// the error and leaves the records to the rules stage; the next Tick sends
// the firing message once (the state knows it decided it for that
// window), not a repeat and not twice.
func TestStateWrittenMessageLost(t *testing.T) {
	for _, be := range testdb.Backends() {
		t.Run(be.Name, func(t *testing.T) {
			f := newFixture(t, be.Open)
			f.scene.countries = []string{"PH"}
			f.scene.rate = func(string, scene.Window) float64 { return 0.5 }
			f.configure("PH")
			faulty := &failingEnqueue{Store: f.db}
			faulty.fail.Store(1)
			f.engine = f.newEngine(alert.WithStore(faulty), alert.WithMaxMissedWindows(1), alert.WithLease(time.Minute))
			f.clock.Set(t0.Add(11 * time.Minute))
			ctx := context.Background()
			if _, err := f.engine.Tick(ctx); err == nil {
				t.Fatal("the tick whose recording failed reported no error")
			}
			if n := f.count("SELECT COUNT(*) FROM yujing_alert_state WHERE state = 'firing'"); n != 1 {
				t.Fatalf("%d firing states after the failed tick, want 1", n)
			}
			f.clock.Advance(30 * time.Second)
			f.tick()
			if err := f.engine.Wait(ctx); err != nil {
				t.Fatal(err)
			}
			got := f.recv.Got()
			if len(got) != 1 || got[0].Payload.Labels["kind"] != "firing" {
				var kinds []string
				for _, r := range got {
					kinds = append(kinds, r.Payload.Labels["kind"])
				}
				t.Fatalf("messages %v, want one firing message", kinds)
			}
			if n := f.count("SELECT COUNT(*) FROM monitor_record WHERE status <> 4"); n != 0 {
				t.Errorf("%d records not recorded", n)
			}
		})
	}
}
