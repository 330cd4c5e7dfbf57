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
