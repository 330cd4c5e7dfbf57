package alert_test

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"os/exec"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/yujing-go/yujing/alert"
	"github.com/yujing-go/yujing/internal/testclock"
	"github.com/yujing-go/yujing/internal/testdb"
	"github.com/yujing-go/yujing/internal/webhooktest"
	"github.com/yujing-go/yujing/store"
)

// envGaleraCtl names shared/galera/cluster.sh, for the test that kills a
// node (.ci/run sets it with the cluster).
const envGaleraCtl = "ALERT_TEST_GALERA_CTL"

// openNodes opens the test's database on every node of the cluster.
func openNodes(t *testing.T, dsns []string, clock *testclock.Clock) []*store.DB {
	t.Helper()
	var dbs []*store.DB
	for _, dsn := range dsns {
		db, err := store.OpenMySQL(context.Background(), dsn, store.WithClock(clock.Now))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		dbs = append(dbs, db)
	}
	return dbs
}

// TestGaleraMigrateFromEveryNode: processes migrating at once through
// different nodes take turns; certification conflicts (1213) are retried.
func TestGaleraMigrateFromEveryNode(t *testing.T) {
	for round := range 5 {
		dbs := openNodes(t, testdb.GaleraDSNs(t), testclock.New(t0))
		errs := make(chan error, len(dbs))
		for _, db := range dbs {
			go func() { errs <- db.Migrate(context.Background()) }()
		}
		for range dbs {
			if err := <-errs; err != nil {
				t.Fatalf("round %d: %v", round, err)
			}
		}
		for i, db := range dbs {
			if v, err := db.MigrationVersion(context.Background()); err != nil || v != 9 {
				t.Fatalf("round %d, node %d: version %d %v", round, i+1, v, err)
			}
		}
	}
}

// galeraRig is a backlog of fired alerts to three webhook channels, and
// engines connected to every node of the cluster.
type galeraRig struct {
	clock   *testclock.Clock
	recv    *webhooktest.Receiver
	dbs     []*store.DB
	engines []*alert.Engine
	node    []int // the node (0-based) of each engine
}

// newGaleraRig makes the rig; alone makes the test the cluster's only user
// while it runs (it kills a node).
func newGaleraRig(t *testing.T, alerts, channels, perNode int, alone bool) *galeraRig {
	t.Helper()
	ctx := context.Background()
	r := &galeraRig{clock: testclock.New(t0), recv: webhooktest.New(webhookSecret)}
	t.Cleanup(r.recv.Close)
	dsns := testdb.GaleraDSNs
	if alone {
		dsns = testdb.GaleraDSNsAlone
	}
	r.dbs = openNodes(t, dsns(t), r.clock)
	// The servers do not retry an autocommit statement's certification
	// conflict themselves: the store must (restored when the test ends).
	for _, db := range r.dbs {
		if _, err := db.SQL().ExecContext(ctx, "SET GLOBAL wsrep_retry_autocommit = 0"); err != nil {
			t.Fatal(err)
		}
		db.SQL().SetMaxIdleConns(0) // new connections, which read the global
		db.SQL().SetMaxIdleConns(2)
		t.Cleanup(func() { _, _ = db.SQL().ExecContext(context.Background(), "SET GLOBAL wsrep_retry_autocommit = 1") })
	}
	if err := r.dbs[0].Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	for n, db := range r.dbs {
		for i := range perNode {
			e, err := alert.New(alert.WithStore(db), alert.WithClock(r.clock.Now), alert.WithFireTypes(smsScene),
				alert.WithBatchSize(25), alert.WithMaxBatches(2), alert.WithInstanceName(fmt.Sprintf("node%d-%d", n+1, i)),
				alert.WithLogger(slog.New(slog.DiscardHandler)))
			if err != nil {
				t.Fatal(err)
			}
			r.engines, r.node = append(r.engines, e), append(r.node, n)
		}
	}
	cfg := r.engines[0].Config(r.dbs[0])
	tpl, err := cfg.CreateTemplate(ctx, store.Template{Title: new("t"), InfoType: new(smsScene), SendType: new(store.SendRealtime),
		Content: new("alert {vars.n} in {country}")})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := cfg.CreateCountryTemplate(ctx, store.CountryTemplate{CountryNo: new("*"), ModNo: tpl.ModNo, InfoType: new(smsScene)}); err != nil {
		t.Fatal(err)
	}
	for c := range channels {
		no := fmt.Sprintf("CH-%d", c)
		details := []store.ChannelDetail{{DataKey: new("url"), DataValue: new(fmt.Sprintf("%s/%d", r.recv.URL, c))},
			{DataKey: new("secret"), DataValue: new(webhookSecret)}}
		if c == 0 { // a rate: its budget is shared through the cluster
			details = append(details, store.ChannelDetail{DataKey: new("rate_limit"), DataValue: new("6000")})
		}
		if _, err := cfg.CreateChannel(ctx, store.Channel{ChannelNo: new(no), ChannelName: new(no), Type: new(store.ChannelWebhook)},
			details); err != nil {
			t.Fatal(err)
		}
		if _, err := cfg.CreateRouting(ctx, store.Routing{CountryNo: "*", CountryName: "all", InfoType: new(smsScene), ChannelNo: new(no)}); err != nil {
			t.Fatal(err)
		}
	}
	for i := range alerts {
		for k := range 2 { // two alerts per country and slot: the second merges into the first
			if _, err := r.engines[k%len(r.engines)].Fire(ctx, alert.Alert{InfoType: smsScene, Country: fmt.Sprintf("G%03d", i),
				Values: map[string]any{"n": i}}); err != nil {
				t.Fatal(err)
			}
		}
	}
	return r
}

// round ticks the engines (those whose node is up) at once.
func (r *galeraRig) round(down int) {
	var wg sync.WaitGroup
	for i, e := range r.engines {
		if r.node[i] == down {
			continue
		}
		wg.Go(func() { _, _ = e.Tick(context.Background()) })
	}
	wg.Wait()
}

// conflicts sums the cluster's certification failures and brute-force
// aborts (what the store retries as 1213).
func (r *galeraRig) conflicts(t *testing.T, skip int) int {
	total := 0
	for i, db := range r.dbs {
		if i == skip {
			continue
		}
		for _, name := range []string{"wsrep_local_cert_failures", "wsrep_local_bf_aborts"} {
			var k string
			var v int
			if err := db.SQL().QueryRow("SHOW GLOBAL STATUS LIKE '"+name+"'").Scan(&k, &v); err == nil {
				total += v
			}
		}
	}
	return total
}

// TestGaleraEnginesOnEveryNode: six engines, two per node, work off a
// backlog of 300 alerts to three channels: every alert reaches every
// channel exactly once.
func TestGaleraEnginesOnEveryNode(t *testing.T) {
	const alerts, channels = 300, 3
	r := newGaleraRig(t, alerts, channels, 2, false)
	c0 := r.conflicts(t, -1)
	for range 60 {
		r.round(-1)
		if len(r.recv.Accepted()) >= alerts*channels {
			break
		}
		r.clock.Advance(time.Second)
	}
	accepted := r.recv.Accepted()
	repeats := 0
	for _, n := range accepted {
		repeats += n - 1
	}
	t.Logf("galera, %d engines on 3 nodes: %d deliveries of %d, %d repeats, %d certification conflicts", len(r.engines),
		len(accepted), alerts*channels, repeats, r.conflicts(t, -1)-c0)
	if len(accepted) != alerts*channels || repeats != 0 || len(r.recv.Problems()) != 0 {
		t.Fatalf("%d deliveries of %d, %d repeats, problems %v", len(accepted), alerts*channels, repeats, r.recv.Problems())
	}
	// Both alerts of every slot were recorded: merged into its message, or
	// (when the first was sent already) suppressed by it, with the reason.
	var recorded, merged int
	if err := r.dbs[2].SQL().Get(&recorded, "SELECT COUNT(*) FROM monitor_record WHERE status = 4 AND param6 IN (SELECT sl_no FROM monitor_send_log WHERE status = 1)"); err != nil {
		t.Fatal(err)
	}
	for _, m := range r.recv.Got() {
		if strings.HasPrefix(m.Payload.Text, "2 alerts in this message") {
			merged++
		}
	}
	t.Logf("%d of %d alerts recorded into a sent message; %d messages hold two", recorded, 2*alerts, merged)
	if recorded != 2*alerts {
		t.Fatalf("%d of %d fired alerts are recorded into a sent message", recorded, 2*alerts)
	}
	var left int
	if err := r.dbs[1].SQL().Get(&left, "SELECT COUNT(*) FROM monitor_send_log WHERE status <> 1"); err != nil || left != 0 {
		t.Fatalf("%d alerts not marked sent (%v)", left, err)
	}
}

// TestGaleraNodeDies: node 2 is killed while engines on every node work
// off a backlog, and rejoins: nothing is lost, and what is repeated is at
// most what that node's engines had claimed.
func TestGaleraNodeDies(t *testing.T) {
	ctl := os.Getenv(envGaleraCtl)
	if ctl == "" {
		t.Skip(envGaleraCtl + " is not set: skipping the node failure test (set it to shared/galera/cluster.sh, as .ci/run does)")
	}
	const alerts, channels = 300, 1
	r := newGaleraRig(t, alerts, channels, 2, true)
	// Node 2's engines start first, and their sends are slow: the node
	// dies while they are in flight, with claims held.
	var slow atomic.Bool
	var arrived atomic.Int32
	slow.Store(true)
	r.recv.Answer(func(webhooktest.Received, int) webhooktest.Reply {
		arrived.Add(1)
		if slow.Load() {
			return webhooktest.Reply{Delay: time.Second}
		}
		return webhooktest.Reply{}
	})
	var wg sync.WaitGroup
	for i, e := range r.engines {
		if r.node[i] == 1 {
			wg.Go(func() { _, _ = e.Tick(context.Background()) })
		}
	}
	for deadline := time.Now().Add(10 * time.Second); arrived.Load() == 0 && time.Now().Before(deadline); {
		time.Sleep(10 * time.Millisecond)
	}
	inFlight := arrived.Load()
	if out, err := exec.Command("bash", ctl, "kill", "2").CombinedOutput(); err != nil {
		t.Fatalf("kill node 2: %v: %s", err, out)
	}
	defer func() { _ = exec.Command("bash", ctl, "join", "2").Run() }()
	wg.Wait()
	slow.Store(false)
	unsent := func() int {
		var n int
		if err := r.dbs[0].SQL().Get(&n, "SELECT COUNT(*) FROM monitor_send_log WHERE status <> 1"); err != nil {
			t.Fatal(err)
		}
		return n
	}
	// Node 2 stays down past the lease: the others take its engines'
	// claims when they end, and send what they held again.
	for range 60 {
		r.round(1)
		if len(r.recv.Accepted()) >= alerts*channels && unsent() == 0 {
			break
		}
		r.clock.Advance(30 * time.Second)
	}
	if out, err := exec.Command("bash", ctl, "join", "2").CombinedOutput(); err != nil {
		t.Fatalf("rejoin node 2: %v: %s", err, out)
	}
	for range 5 {
		r.round(-1)
		r.clock.Advance(30 * time.Second)
	}
	accepted := r.recv.Accepted()
	repeats := 0
	for _, n := range accepted {
		repeats += n - 1
	}
	t.Logf("galera, node 2 killed while its engines sent (%d had arrived), kept down past the lease, rejoined: %d deliveries of %d, "+
		"%d repeats (what node 2's engines held)", inFlight, len(accepted), alerts*channels, repeats)
	if inFlight == 0 {
		t.Fatal("node 2's engines had no send in flight when it was killed: the test proves nothing")
	}
	if len(accepted) != alerts*channels {
		t.Fatalf("%d of %d alerts delivered: some were lost", len(accepted), alerts*channels)
	}
	if perNode := 2 * 2 * 25; repeats > perNode { // node 2's two engines, two batches of 25 each
		t.Fatalf("%d repeats, more than node 2's engines could hold (%d)", repeats, perNode)
	}
}
