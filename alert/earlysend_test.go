package alert_test

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/yujing-go/yujing/alert"
	"github.com/yujing-go/yujing/internal/testdb"
	"github.com/yujing-go/yujing/internal/webhooktest"
	"github.com/yujing-go/yujing/store"
)

// countingPlatform is the real store; it counts the send-log rows the send
// stage claims, and can fail one enqueue of alerts as a deadlock would.
type countingPlatform struct {
	store.Platform
	claimed  atomic.Int64
	enqueues atomic.Int64
	failAt   int64 // the enqueue that fails (1-based), 0 for none
}

func (p *countingPlatform) ClaimSendLogs(ctx context.Context, c store.ClaimRequest) ([]store.SendLog, error) {
	logs, err := p.Platform.ClaimSendLogs(ctx, c)
	p.claimed.Add(int64(len(logs)))
	return logs, err
}

func (p *countingPlatform) EnqueueSendLogs(ctx context.Context, now time.Time, rows []store.SendLog) ([]store.EnqueueResult, error) {
	if p.enqueues.Add(1) == p.failAt {
		return nil, errors.New("Error 1213 (40001): Deadlock found when trying to get lock; try restarting transaction")
	}
	return p.Platform.EnqueueSendLogs(ctx, now, rows)
}

// backlogFixture is a fixture whose engine (batches of 10, so it holds 80
// alerts a Tick) faces n records waiting for the rules (written by another
// system, or left by a host that stopped), each a country whose rate
// alerts, routed to two webhooks.
func backlogFixture(t *testing.T, open testdb.Opener, n int, p *countingPlatform, opts ...alert.Option) *fixture {
	t.Helper()
	f := newFixture(t, open)
	p.Platform = f.db
	f.engine = f.newEngine(append([]alert.Option{alert.WithPlatformStore(p), alert.WithBatchSize(10), alert.WithMaxBatches(100),
		alert.WithMaxMissedWindows(1)}, opts...)...)
	countries := manyCountries(f, n)
	f.scene.countries = nil // the records are the backlog; Collect finds nothing
	begin, end := t0, t0.Add(10*time.Minute)
	recs := make([]store.Record, 0, n)
	for _, c := range countries {
		recs = append(recs, store.Record{InfoType: new(smsScene), CountryNo: new(c), BeginTime: &begin, EndTime: &end,
			Content: new("denominator=1000;numerator=500;rate=0.5"), CompareVal: new("0.5")})
	}
	if _, err := f.db.InsertRecords(context.Background(), recs); err != nil {
		t.Fatal(err)
	}
	f.clock.Set(t0.Add(11 * time.Minute))
	return f
}

// claimedRows counts the rows of table still claimed by somebody.
func (f *fixture) claimedRows(table string) int {
	f.t.Helper()
	return f.count(fmt.Sprintf("SELECT COUNT(*) FROM %s WHERE claim_owner IS NOT NULL", table))
}

// TestBacklogIsSentWhileItIsJudged: a Tick that records more alerts than
// it holds delivers them while it judges the rest, each alert inserted
// claimed and sent once: the send stage claims no row again, and every
// alert reaches both channels exactly once in that one Tick.
func TestBacklogIsSentWhileItIsJudged(t *testing.T) {
	for _, be := range testdb.Backends() {
		t.Run(be.Name, func(t *testing.T) {
			const n = 300
			p := &countingPlatform{}
			f := backlogFixture(t, be.Open, n, p)
			res, err := f.engine.Tick(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if res.Rules.Records != n || res.Send.Sent != n || res.Send.Deliveries != 2*n {
				t.Fatalf("judged %d, sent %d alerts in %d deliveries; want %d, %d, %d", res.Rules.Records, res.Send.Sent,
					res.Send.Deliveries, n, n, 2*n)
			}
			f.onceEach(2 * n)
			if got := p.claimed.Load(); got != 0 {
				t.Errorf("the send stage claimed %d alerts again; every one was recorded claimed", got)
			}
			if got := f.count("SELECT COUNT(*) FROM monitor_send_log WHERE status = 1"); got != n {
				t.Errorf("%d alerts marked sent, want %d", got, n)
			}
			if got := f.count("SELECT COUNT(*) FROM monitor_record WHERE status = 4"); got != n {
				t.Errorf("%d records recorded, want %d", got, n)
			}
			if c, s := f.claimedRows("monitor_record"), f.claimedRows("monitor_send_log"); c+s != 0 {
				t.Errorf("%d records and %d alerts still claimed after the Tick", c, s)
			}
		})
	}
}

// TestBacklogBatchFailsMidPipeline: the rules stage claims its next batch
// while it works on one; when the work fails (the alerts cannot be
// enqueued), both batches are given back at once, not at the end of their
// lease, and the next Tick, at the same moment, finishes the backlog:
// every alert once to each channel.
func TestBacklogBatchFailsMidPipeline(t *testing.T) {
	for _, be := range testdb.Backends() {
		t.Run(be.Name, func(t *testing.T) {
			const n = 100
			p := &countingPlatform{failAt: 2}
			f := backlogFixture(t, be.Open, n, p)
			res, err := f.engine.Tick(context.Background())
			if err == nil {
				t.Fatal("a Tick whose enqueue failed reported no error")
			}
			if res.Rules.Records != 10 {
				t.Errorf("judged %d records before the failure, want the first batch of 10", res.Rules.Records)
			}
			if c, s := f.claimedRows("monitor_record"), f.claimedRows("monitor_send_log"); c+s != 0 {
				t.Fatalf("%d records and %d alerts left claimed by the failed Tick", c, s)
			}
			f.tick() // the same moment: nothing waits for a lease
			f.onceEach(2 * n)
			if got := f.count("SELECT COUNT(*) FROM monitor_record WHERE status = 4"); got != n {
				t.Errorf("%d records recorded, want %d", got, n)
			}
		})
	}
}

// TestBacklogCancelledWhileSending: the host's context ends while the
// rules stage is still judging a backlog whose first alerts are on their
// way. Tick returns; nothing is left claimed, no retry is spent, and the
// next Ticks deliver the rest: every alert to each channel, at most the
// one send in flight repeated.
func TestBacklogCancelledWhileSending(t *testing.T) {
	const n = 200
	p := &countingPlatform{}
	f := backlogFixture(t, testdb.SQLite, n, p, alert.WithSendConcurrency(1))
	ctx, cancel := context.WithCancel(context.Background())
	var answered atomic.Int32
	f.recv.Answer(func(webhooktest.Received, int) webhooktest.Reply {
		if answered.Add(1) == 30 {
			cancel()
		}
		return webhooktest.Reply{}
	})
	res, err := f.engine.Tick(ctx)
	if err == nil {
		t.Fatal("a cancelled Tick reported no error")
	}
	if res.Rules.Records >= n {
		t.Fatalf("the rules stage judged the whole backlog (%d) before the cancellation reached it", res.Rules.Records)
	}
	if c, s := f.claimedRows("monitor_record"), f.claimedRows("monitor_send_log"); c+s != 0 {
		t.Fatalf("%d records and %d alerts left claimed by the cancelled Tick", c, s)
	}
	for i := 0; i < 10 && len(f.recv.Accepted()) < 2*n; i++ {
		f.tick()
	}
	f.afterCancellation(2 * n)
}

// stageKey is the context key under which stageTracer puts the stage.
type stageKey struct{}

// stageTracer records, for each delivery, the stage whose context it ran
// in.
type stageTracer struct {
	alert.ObserverFuncs
	mu      sync.Mutex
	byStage map[string]int
}

func (s *stageTracer) StartTick(ctx context.Context) (context.Context, func(alert.TickResult)) {
	return ctx, func(alert.TickResult) {}
}

func (s *stageTracer) StartStage(ctx context.Context, stage string) (context.Context, func(error)) {
	return context.WithValue(ctx, stageKey{}, stage), func(error) {}
}

func (s *stageTracer) StartDelivery(ctx context.Context, _ alert.Delivery) (context.Context, func(alert.Delivery)) {
	stage, _ := ctx.Value(stageKey{}).(string)
	s.mu.Lock()
	s.byStage[stage]++
	s.mu.Unlock()
	return ctx, func(alert.Delivery) {}
}

// TestBacklogDeliveriesTraceTheirStage: a delivery is traced under the
// stage that started it: the send stage for the alerts a Tick holds; for a
// backlog's, sent while it is recorded, the stage that recorded them (the
// rules stage for waiting records, the record stage for records an
// earlier system marked for an alert), not the stage that started the
// first of them.
func TestBacklogDeliveriesTraceTheirStage(t *testing.T) {
	for _, c := range []struct {
		waiting, marked int
		want            map[string]int
	}{
		{30, 0, map[string]int{"send": 60}}, // the engine holds 80 alerts a Tick
		{200, 0, map[string]int{"rules": 400}},
		{200, 20, map[string]int{"rules": 400, "record": 40}},
	} {
		t.Run(fmt.Sprint(c.waiting, "+", c.marked), func(t *testing.T) {
			tr := &stageTracer{byStage: map[string]int{}}
			f := backlogFixture(t, testdb.SQLite, c.waiting, &countingPlatform{}, alert.WithObserver(tr))
			begin, end := t0, t0.Add(10*time.Minute)
			var marked []store.Record
			for i := range c.marked {
				marked = append(marked, store.Record{InfoType: new(smsScene), CountryNo: new(fmt.Sprintf("M%03d", i)), BeginTime: &begin,
					EndTime: &end, Content: new("denominator=1000;numerator=500;rate=0.5"), CompareVal: new("0.5"),
					Status: new(store.RecordAlert)})
			}
			if _, err := f.db.InsertRecords(context.Background(), marked); err != nil {
				t.Fatal(err)
			}
			want := 2 * (c.waiting + c.marked)
			res, err := f.engine.Tick(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			f.onceEach(want)
			tr.mu.Lock()
			defer tr.mu.Unlock()
			if !maps.Equal(tr.byStage, c.want) {
				t.Errorf("deliveries by stage %v, want %v", tr.byStage, c.want)
			}
			if res.Send.Deliveries != want {
				t.Errorf("the Tick counted %d deliveries, want %d", res.Send.Deliveries, want)
			}
		})
	}
}
