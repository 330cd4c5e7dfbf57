package alert_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/yujing-go/yujing/alert"
	"github.com/yujing-go/yujing/internal/testdb"
	"github.com/yujing-go/yujing/internal/webhooktest"
	"github.com/yujing-go/yujing/store"
)

// TestSlowChannelHoldsNoOtherBatch: a channel that hangs holds one of the
// send stage's slots, not the batches after it: every other alert of the
// Tick is delivered while the hanging send is still waiting for its answer.
func TestSlowChannelHoldsNoOtherBatch(t *testing.T) {
	const others, hang = 40, 2 * time.Second
	f := newFixture(t, testdb.SQLite, alert.WithBatchSize(10), alert.WithSendConcurrency(4))
	f.configure()
	ctx := context.Background()
	cfg := f.engine.Config(f.db)
	if _, err := cfg.CreateCountryTemplate(ctx, store.CountryTemplate{CountryNo: new("*"), ModNo: new("MD-SMS"), InfoType: new(smsScene)}); err != nil {
		t.Fatal(err)
	}
	slow := f.addWebhook("CH-SLOW", "/slow")
	f.route("PH", slow)
	f.route("*", "CH-HOOK")
	var mu sync.Mutex
	var hangEnds time.Time
	arrived := map[string]time.Time{}
	f.recv.Answer(func(r webhooktest.Received, n int) webhooktest.Reply {
		mu.Lock()
		defer mu.Unlock()
		if r.Path == "/slow" {
			hangEnds = time.Now().Add(hang)
			return webhooktest.Reply{Delay: hang}
		}
		arrived[r.IdempotencyKey] = time.Now()
		return webhooktest.Reply{}
	})
	fire := func(country string) {
		if _, err := f.engine.Fire(ctx, alert.Alert{InfoType: smsScene, Country: country, Values: map[string]any{"provider": "p"}}); err != nil {
			t.Fatal(err)
		}
	}
	fire("PH") // first in line
	for i := range others {
		fire(fmt.Sprintf("X%02d", i))
	}
	start := time.Now()
	if _, err := f.engine.Tick(ctx); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	var worst time.Duration
	for key, at := range arrived {
		if !at.Before(hangEnds) {
			t.Errorf("%s arrived %s after the hanging send ended: it waited for it", key, at.Sub(hangEnds))
		}
		worst = max(worst, at.Sub(start))
	}
	if len(arrived) != others+1 { // PH's alert goes to the fast channel too (route "*")
		t.Fatalf("%d of %d fast deliveries made in the Tick", len(arrived), others+1)
	}
	t.Logf("worst delay of the %d other alerts while one send hung for %s: %s", others, hang, worst.Round(time.Millisecond))
}

// TestSlowSendOutlivesItsTick: a Tick waits for its slowest send at most
// WithSendWait (1 s by default), so a channel hanging until its timeout
// delays neither that Tick nor the next one's alerts; the hanging send
// writes its outcome when it ends, and the next Tick counts it.
func TestSlowSendOutlivesItsTick(t *testing.T) {
	f := newFixture(t, testdb.SQLite)
	f.configure()
	ctx := context.Background()
	if _, err := f.engine.Config(f.db).CreateCountryTemplate(ctx, store.CountryTemplate{CountryNo: new("*"), ModNo: new("MD-SMS"),
		InfoType: new(smsScene)}); err != nil {
		t.Fatal(err)
	}
	slow := f.addWebhook("CH-SLOW", "/slow")
	if err := f.engine.Config(f.db).SetChannelDetails(ctx, slow, []store.ChannelDetail{{DataKey: new("url"), DataValue: new(f.recv.URL + "/slow")},
		{DataKey: new("secret"), DataValue: new(webhookSecret)}, {DataKey: new("timeout"), DataValue: new("3s")}}); err != nil {
		t.Fatal(err)
	}
	f.route("PH", slow)
	f.route("ID", "CH-HOOK")
	var mu sync.Mutex
	var slowEnds, fastAt time.Time
	f.recv.Answer(func(r webhooktest.Received, n int) webhooktest.Reply {
		mu.Lock()
		defer mu.Unlock()
		if r.Path == "/slow" {
			slowEnds = time.Now().Add(3 * time.Second) // its timeout
			return webhooktest.Reply{Delay: time.Minute}
		}
		fastAt = time.Now()
		return webhooktest.Reply{}
	})
	fire := func(country string) {
		if _, err := f.engine.Fire(ctx, alert.Alert{InfoType: smsScene, Country: country, Values: map[string]any{"provider": "p"}}); err != nil {
			t.Fatal(err)
		}
	}
	fire("PH")
	first := f.tick()
	tickEnded := time.Now()
	fire("ID")
	second := f.tick()
	mu.Lock()
	if !tickEnded.Before(slowEnds) || !fastAt.Before(slowEnds) {
		t.Fatalf("the Tick or the next alert waited for the hanging send: tick ended %s, next alert %s, hanging send ends %s",
			tickEnded.Format(time.StampMilli), fastAt.Format(time.StampMilli), slowEnds.Format(time.StampMilli))
	}
	mu.Unlock()
	if first.Send.Alerts != 1 || first.Send.DeliveryErrors != 0 || second.Send.Sent != 1 {
		t.Fatalf("first tick %+v, second %+v", first.Send, second.Send)
	}
	if err := f.engine.Wait(ctx); err != nil {
		t.Fatal(err)
	}
	third := f.tick()
	if third.Send.DeliveryErrors != 1 || third.Send.Retrying != 1 {
		t.Fatalf("the late send is not counted in the next Tick: %+v", third.Send)
	}
	var rows []store.SendLog
	if err := f.db.Select(ctx, &rows, "WHERE `country_no` = 'PH'"); err != nil || len(rows) != 1 {
		t.Fatalf("PH's alert: %d rows %v", len(rows), err)
	}
	if st := stateOf(t, rows[0]); st["CH-SLOW"].Status != "retry" || *rows[0].RetryTimes != 1 {
		t.Fatalf("the late send's outcome: %s, retries %d", str(rows[0].ChannelState), *rows[0].RetryTimes)
	}
}
