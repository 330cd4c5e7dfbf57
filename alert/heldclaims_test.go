package alert_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/yujing-go/yujing/alert"
	"github.com/yujing-go/yujing/internal/testdb"
	"github.com/yujing-go/yujing/internal/webhooktest"
	"github.com/yujing-go/yujing/scene"
	"github.com/yujing-go/yujing/store"
)

// flakyFinish is the real store, whose first send-outcome write fails as
// a deadlock would (after the sends were made).
type flakyFinish struct {
	store.Platform
	failed atomic.Bool
}

func (p *flakyFinish) FinishSendLogs(ctx context.Context, owner string, now time.Time, u []store.SendLogUpdate) (int64, error) {
	if p.failed.CompareAndSwap(false, true) {
		return 0, errors.New("Error 1213 (40001): Deadlock found when trying to get lock; try restarting transaction")
	}
	return p.Platform.FinishSendLogs(ctx, owner, now, u)
}

// TestFailedOutcomeWriteDoesNotResend: when the write that marks sent
// alerts fails, the alerts keep their claim for the pending write, which
// the next Tick makes; nothing is posted twice.
func TestFailedOutcomeWriteDoesNotResend(t *testing.T) {
	for _, be := range testdb.Backends() {
		t.Run(be.Name, func(t *testing.T) {
			var flaky *flakyFinish
			f := newFixture(t, be.Open)
			flaky = &flakyFinish{Platform: f.db}
			f.engine = f.newEngine(alert.WithPlatformStore(flaky))
			f.configure("PH", "ID")
			f.scene.rate = func(string, scene.Window) float64 { return 0.5 }
			f.clock.Set(t0.Add(11 * time.Minute))
			if _, err := f.engine.Tick(context.Background()); err == nil {
				t.Fatal("the failed outcome write was not reported")
			}
			f.clock.Advance(30 * time.Second)
			f.tick()
			f.clock.Advance(5 * time.Minute) // past the lease
			f.tick()
			f.onceEach(2)
			if n := f.count("SELECT COUNT(*) FROM monitor_send_log WHERE status <> 1"); n != 0 {
				t.Fatalf("%d alerts not marked sent", n)
			}
		})
	}
}

// TestWaitsCountFromTheAnswer: a 429 with Retry-After: 12 that took 4 s
// to come is retried 12 s after the answer, not after the send began.
func TestWaitsCountFromTheAnswer(t *testing.T) {
	f := newFixture(t, testdb.SQLite, alert.WithRetryBackoff(time.Second, time.Second))
	f.configure("PH")
	f.recv.Answer(func(webhooktest.Received, int) webhooktest.Reply {
		f.clock.Advance(4 * time.Second) // the answer takes 4 s
		return webhooktest.Reply{Status: http.StatusTooManyRequests, RetryAfter: "12"}
	})
	if _, err := f.engine.Fire(context.Background(), alert.Alert{InfoType: smsScene, Country: "PH", Values: map[string]any{"provider": "p"}}); err != nil {
		t.Fatal(err)
	}
	start := f.clock.Now()
	f.tick()
	rows := f.sendLogs("monitor_send_log")
	if len(rows) != 1 || *rows[0].Status != store.SendWaiting {
		t.Fatalf("after a 429: %+v", rows)
	}
	if want := start.Add(4*time.Second + 12*time.Second); !rows[0].ClaimUntil.Equal(want) {
		t.Fatalf("retry at %s, want %s (12 s after the answer at %s)", rows[0].ClaimUntil.UTC(), want, start.Add(4*time.Second))
	}
}

// TestShortLeaseStillSends: a lease no longer than the channel's timeout
// (10 s, the default) bounds the send to fit instead of skipping it
// silently; a lease too short for any send skips it and the log says why.
func TestShortLeaseStillSends(t *testing.T) {
	for _, tc := range []struct {
		lease     time.Duration
		delivered int
	}{{10 * time.Second, 1}, {time.Second, 0}} {
		t.Run(tc.lease.String(), func(t *testing.T) {
			f := newFixture(t, testdb.SQLite, alert.WithLease(tc.lease))
			f.configure()
			ctx := context.Background()
			ch, err := f.engine.Config(f.db).CreateChannel(ctx, store.Channel{ChannelNo: new("CH-DEFAULT"), ChannelName: new("default timeout"),
				Type: new(store.ChannelWebhook)}, []store.ChannelDetail{{DataKey: new("url"), DataValue: new(f.recv.URL + "/alerts")},
				{DataKey: new("secret"), DataValue: new(webhookSecret)}})
			if err != nil {
				t.Fatal(err)
			}
			f.route("PH", *ch.ChannelNo)
			if _, err := f.engine.Config(f.db).CreateCountryTemplate(ctx, store.CountryTemplate{CountryNo: new("PH"), CountryName: new("Philippines"),
				ModNo: new("MD-SMS"), InfoType: new(smsScene)}); err != nil {
				t.Fatal(err)
			}
			if _, err := f.engine.Fire(ctx, alert.Alert{InfoType: smsScene, Country: "PH", Values: map[string]any{"provider": "p"}}); err != nil {
				t.Fatal(err)
			}
			f.tick()
			if got := len(f.recv.Got()); got != tc.delivered {
				t.Fatalf("%d deliveries with a %s lease, want %d", got, tc.lease, tc.delivered)
			}
			if tc.delivered == 0 && !strings.Contains(f.logs.String(), "the claim ends too soon to send") {
				t.Fatal("a skipped send was not logged with its reason")
			}
		})
	}
}
