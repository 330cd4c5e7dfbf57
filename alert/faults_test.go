package alert_test

import (
	"context"
	"net/http"
	"sync/atomic"
	"testing"
	"time"

	"github.com/go-sql-driver/mysql"

	"github.com/yujing-go/yujing/alert"
	"github.com/yujing-go/yujing/internal/tcpproxy"
	"github.com/yujing-go/yujing/internal/testdb"
	"github.com/yujing-go/yujing/internal/webhooktest"
	"github.com/yujing-go/yujing/store"
)

// TestDatabaseGoesAwayMidTick: the connection to MariaDB is cut while a
// batch of alerts is being delivered. Tick returns an error; once the
// database is back, the next ticks finish everything: every alert reaches
// every channel exactly once (the outcomes of the sends made while the
// database was away are written first, before their claims end).
func TestDatabaseGoesAwayMidTick(t *testing.T) {
	dsn := testdb.MySQLDSN(t)
	cfg, err := mysql.ParseDSN(dsn)
	if err != nil {
		t.Fatal(err)
	}
	proxy, err := tcpproxy.Start(cfg.Addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { proxy.Close() })
	cfg.Addr = proxy.Addr()
	cfg.Timeout, cfg.ReadTimeout, cfg.WriteTimeout = 2*time.Second, 5*time.Second, 5*time.Second
	open := func(t testing.TB, opts ...store.Option) *store.DB {
		db, err := store.OpenMySQL(context.Background(), cfg.FormatDSN(), opts...)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		if err := db.Migrate(context.Background()); err != nil {
			t.Fatal(err)
		}
		return db
	}
	f := newFixture(t, open, alert.WithBatchSize(10), alert.WithMaxMissedWindows(1))
	countries := manyCountries(f, 30)
	want := 2 * len(countries)
	var delivered atomic.Int32
	f.recv.Answer(func(webhooktest.Received, int) webhooktest.Reply {
		if delivered.Add(1) == 15 {
			proxy.Cut() // the database goes away in the middle of the send stage
		}
		return webhooktest.Reply{Status: http.StatusOK}
	})
	f.clock.Set(t0.Add(11 * time.Minute))
	if _, err := f.engine.Tick(context.Background()); err == nil {
		t.Fatal("a tick that lost its database reported no error")
	} else {
		t.Logf("tick while the database went away: %v", err)
	}
	if _, err := f.engine.Tick(context.Background()); err == nil {
		t.Fatal("a tick without a database reported no error")
	}
	proxy.Restore()
	for i := 0; i < 20 && len(f.recv.Accepted()) < want; i++ {
		if _, err := f.engine.Tick(context.Background()); err != nil {
			t.Logf("tick %d: %v", i, err)
		}
		f.clock.Advance(30 * time.Second)
	}
	f.onceEach(want)
	f.tick()
	if n := f.count("SELECT COUNT(*) FROM monitor_send_log WHERE status <> 1"); n != 0 {
		t.Errorf("%d alerts not marked sent", n)
	}
	if n := f.count("SELECT COUNT(*) FROM monitor_record WHERE status <> 4"); n != 0 {
		t.Errorf("%d records not recorded", n)
	}
}

// TestContextCancelledMidTick: the host's context ends in the middle of
// the send stage. Tick returns; every row is left resumable, and later
// ticks deliver every alert (a send in flight at the cancellation may be
// repeated once: at-least-once).
func TestContextCancelledMidTick(t *testing.T) {
	f := newFixture(t, testdb.SQLite, alert.WithBatchSize(10), alert.WithMaxMissedWindows(1), alert.WithSendConcurrency(1))
	countries := manyCountries(f, 30)
	want := 2 * len(countries)
	ctx, cancel := context.WithCancel(context.Background())
	var n atomic.Int32
	f.recv.Answer(func(webhooktest.Received, int) webhooktest.Reply {
		if n.Add(1) == 7 {
			cancel()
		}
		return webhooktest.Reply{}
	})
	f.clock.Set(t0.Add(11 * time.Minute))
	if _, err := f.engine.Tick(ctx); err == nil {
		t.Fatal("a cancelled tick reported no error")
	}
	if got := len(f.recv.Accepted()); got >= want {
		t.Fatalf("the cancelled tick delivered everything (%d)", got)
	}
	for i := 0; i < 10 && len(f.recv.Accepted()) < want; i++ {
		f.tick()
	}
	f.afterCancellation(want)
}

// afterCancellation fails the test unless want distinct alerts reached
// the receiver, at most one of them twice (the send in flight when the
// host's context ended), and every alert is marked sent with no retry
// spent on the cancellation.
func (f *fixture) afterCancellation(want int) {
	f.t.Helper()
	accepted := f.recv.Accepted()
	if len(accepted) != want {
		f.t.Fatalf("%d distinct deliveries, want %d", len(accepted), want)
	}
	repeats := 0
	for _, c := range accepted {
		repeats += c - 1
	}
	if repeats > 1 {
		f.t.Fatalf("%d repeated deliveries; at most the one in flight may repeat", repeats)
	}
	if n := f.count("SELECT COUNT(*) FROM monitor_send_log WHERE status <> 1 OR retry_times <> 2"); n != 0 {
		f.t.Errorf("%d alerts not sent, or charged a retry for the cancellation", n)
	}
}
