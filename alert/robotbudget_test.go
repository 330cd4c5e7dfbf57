package alert_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/yujing-go/yujing/alert"
	"github.com/yujing-go/yujing/channel/builtin"
	"github.com/yujing-go/yujing/internal/testdb"
	"github.com/yujing-go/yujing/store"
)

// strictRobot is a DingTalk robot that enforces its limit as DingTalk
// does: more than limit requests in any sliding window, and it answers
// errcode 130101 and refuses everything for throttleFor.
type strictRobot struct {
	*httptest.Server
	window, throttleFor time.Duration
	limit               int
	throttleFirst       bool // answer the first request with a throttle

	mu             sync.Mutex
	sent           []time.Time
	throttledUntil time.Time
	ok, throttled  int
}

func newStrictRobot(t *testing.T, limit int, window, throttleFor time.Duration) *strictRobot {
	r := &strictRobot{window: window, limit: limit, throttleFor: throttleFor}
	r.Server = httptest.NewServer(http.HandlerFunc(r.serve))
	t.Cleanup(r.Close)
	return r
}

func (r *strictRobot) serve(w http.ResponseWriter, _ *http.Request) {
	r.mu.Lock()
	defer r.mu.Unlock()
	now := time.Now()
	for len(r.sent) > 0 && now.Sub(r.sent[0]) > r.window {
		r.sent = r.sent[1:]
	}
	if r.throttleFirst && r.ok+r.throttled == 0 || now.Before(r.throttledUntil) || len(r.sent) >= r.limit {
		if !now.Before(r.throttledUntil) {
			r.throttledUntil = now.Add(r.throttleFor)
		}
		r.throttled++
		fmt.Fprint(w, `{"errcode":130101,"errmsg":"send too fast, exceed 20 times per minute"}`)
		return
	}
	r.sent = append(r.sent, now)
	r.ok++
	fmt.Fprint(w, `{"errcode":0,"errmsg":"ok"}`)
}

func (r *strictRobot) counts() (ok, throttled int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.ok, r.throttled
}

// robotSetup routes every country's alerts of the SMS scene to one
// DingTalk robot taking perMinute messages a minute.
func robotSetup(t *testing.T, f *fixture, robotURL string, perMinute int) {
	t.Helper()
	ctx := context.Background()
	cfg := f.engine.Config(f.db)
	tpl, err := cfg.CreateTemplate(ctx, store.Template{Title: new("alert"), InfoType: new(smsScene), SendType: new(store.SendRealtime),
		Content: new("alert {vars.n} for {country}")})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := cfg.CreateCountryTemplate(ctx, store.CountryTemplate{CountryNo: new("*"), ModNo: tpl.ModNo, InfoType: new(smsScene)}); err != nil {
		t.Fatal(err)
	}
	ch, err := cfg.CreateChannel(ctx, store.Channel{ChannelNo: new("CH-DING"), ChannelName: new("ding"), Type: new(store.ChannelDingTalk)},
		[]store.ChannelDetail{{DataKey: new("access_token"), DataValue: new("tok-do-not-log-ding")},
			{DataKey: new("secret"), DataValue: new("SEC-do-not-log-ding")}, {DataKey: new("base_url"), DataValue: new(robotURL)},
			{DataKey: new("rate_limit"), DataValue: new(fmt.Sprint(perMinute))}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := cfg.CreateRouting(ctx, store.Routing{CountryNo: "*", CountryName: "every country", InfoType: new(smsScene), ChannelNo: ch.ChannelNo}); err != nil {
		t.Fatal(err)
	}
}

// burst fires n alerts (one country each) through each engine.
func burst(t *testing.T, engines []*alert.Engine, n int) {
	t.Helper()
	for k, e := range engines {
		for i := range n {
			if _, err := e.Fire(context.Background(), alert.Alert{InfoType: smsScene, Country: fmt.Sprintf("%c%02d", 'A'+k, i),
				Values: map[string]any{"n": i}}); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// tickAll ticks the engines at once, rounds times, moving the test clock
// between rounds, until want alerts are sent.
func tickAll(t *testing.T, f *fixture, engines []*alert.Engine, rounds, want int) {
	t.Helper()
	for range rounds {
		var wg sync.WaitGroup
		for _, e := range engines {
			wg.Go(func() { _, _ = e.Tick(context.Background()) })
		}
		wg.Wait()
		f.clock.Advance(15 * time.Second)
		if f.count("SELECT COUNT(*) FROM monitor_send_log WHERE status = 1")+f.count("SELECT COUNT(*) FROM monitor_send_log_hist WHERE status = 1") >= want {
			return
		}
	}
}

// TestRobotBudgetIsShared: four engines (each with a registry of its own,
// as four processes would have) send bursts of 30 to one robot that
// throttles past its limit in any sliding window. Sharing the robot's
// budget through the database, none is throttled and every alert arrives
// once; with process-local limiters the robot throttles.
func TestRobotBudgetIsShared(t *testing.T) {
	// 600 a minute: the robot's window is 6 s with 60 sends, the same rate
	// as a real robot's 20 a minute, ten times faster, so the test runs in
	// seconds.
	const perMinute, engines, each = 600, 4, 30
	for _, be := range testdb.Backends() {
		t.Run(be.Name, func(t *testing.T) {
			robot := newStrictRobot(t, 60, 6*time.Second, time.Minute)
			// The engines share the work; each Tick waits for its sends,
			// since the test moves its clock faster than the sends' real
			// waits for the robot's slots (see WithSendWait).
			share := []alert.Option{alert.WithBatchSize(each), alert.WithMaxBatches(1), alert.WithSendWait(-1)}
			f := newFixture(t, be.Open, share...)
			robotSetup(t, f, robot.URL, perMinute)
			es := []*alert.Engine{f.engine}
			for i := 1; i < engines; i++ {
				es = append(es, f.newEngine(append(share, alert.WithInstanceName(fmt.Sprintf("replica-%d", i)))...))
			}
			f.scene.countries = nil
			burst(t, es, each)
			start := time.Now()
			tickAll(t, f, es, 40, engines*each)
			ok, throttled := robot.counts()
			t.Logf("%s: %d delivered, %d throttling answers, in %s", be.Name, ok, throttled, time.Since(start).Round(time.Millisecond))
			if throttled != 0 || ok != engines*each {
				t.Fatalf("%d delivered, %d throttling answers; want %d and 0", ok, throttled, engines*each)
			}
			if n := f.count("SELECT COUNT(*) FROM monitor_send_log WHERE status <> 1"); n != 0 {
				t.Fatalf("%d alerts not sent", n)
			}
		})
	}
	t.Run("process-local limiters are not enough", func(t *testing.T) {
		robot := newStrictRobot(t, 60, 6*time.Second, time.Minute)
		local := func() []alert.Option {
			return []alert.Option{alert.WithBatchSize(each), alert.WithMaxBatches(1), alert.WithSendWait(-1),
				alert.WithChannelRegistry(builtin.NewRegistry())}
		}
		f := newFixture(t, testdb.SQLite, local()...)
		robotSetup(t, f, robot.URL, perMinute)
		es := []*alert.Engine{f.engine}
		for i := 1; i < engines; i++ {
			es = append(es, f.newEngine(local()...))
		}
		f.scene.countries = nil
		burst(t, es, each)
		tickAll(t, f, es, 3, engines*each)
		if _, throttled := robot.counts(); throttled == 0 {
			t.Fatal("four process-local limiters kept the robot under its limit: the test above proves nothing")
		}
	})
}

// TestThrottledRobotIsPaused: a throttling answer pauses the robot for
// every alert: the queued ones are not sent into the throttle (no retry
// spent), and their reason says the robot is paused.
func TestThrottledRobotIsPaused(t *testing.T) {
	robot := newStrictRobot(t, 1000, time.Minute, 10*time.Minute)
	robot.throttleFirst = true
	f := newFixture(t, testdb.SQLite)
	robotSetup(t, f, robot.URL, 600)
	f.scene.countries = nil
	burst(t, []*alert.Engine{f.engine}, 10)
	for range 3 {
		f.tick()
		f.clock.Advance(time.Minute)
	}
	ok, throttled := robot.counts()
	if ok != 0 || throttled != 1 {
		t.Fatalf("%d sent, %d throttled: the robot was sent to while paused", ok, throttled)
	}
	var paused int
	for _, l := range f.sendLogs("monitor_send_log") {
		if *l.Status != store.SendWaiting {
			t.Fatalf("alert %s in status %d", str(l.SlNo), *l.Status)
		}
		if strings.Contains(str(l.Reason), "paused") {
			paused++
		}
		if l.RetryTimes != nil && *l.RetryTimes < store.DefaultRetries-1 {
			t.Fatalf("alert %s spent retries on a paused robot: %d left", str(l.SlNo), *l.RetryTimes)
		}
	}
	if paused < 9 {
		t.Fatalf("%d of 10 alerts say the robot is paused", paused)
	}
	if !strings.Contains(f.logs.String(), "robot paused after a throttling answer") {
		t.Fatal("the pause was not logged")
	}
	if strings.Contains(f.logs.String(), "do-not-log-ding") {
		t.Fatal("a DingTalk secret reached the log")
	}
}

// TestRobotBudgetAcrossProcesses: four host processes share one robot's
// budget through the database: bursts of 30 alerts each reach the strict
// robot without one throttling answer, each alert once.
func TestRobotBudgetAcrossProcesses(t *testing.T) {
	if testing.Short() {
		t.Skip("runs four host processes for about 15 s")
	}
	// The robot takes 60 messages in any 6 s (600 a minute); the hosts'
	// budget is 480 a minute, which they spend at 90% (7.2 a second, 43 in
	// 6 s): room for a loaded machine that delays a paced send until it
	// goes out beside the next one. Four hosts that did not share the
	// budget would send four times that (about 170 in 6 s) and be
	// throttled at once.
	const perMinute, processes, each = 480, 4, 30
	for _, backend := range []string{"sqlite", "mysql"} {
		t.Run(backend, func(t *testing.T) {
			ctx := context.Background()
			var env, value string
			open := func(t testing.TB, opts ...store.Option) *store.DB {
				var db *store.DB
				var err error
				if backend == "sqlite" {
					env, value = hostSQLiteEnv, filepath.Join(t.TempDir(), "replicas.db")
					db, err = store.OpenSQLite(ctx, value, opts...)
				} else {
					env, value = hostMySQLEnv, testdb.MySQLDSN(t)
					db, err = store.OpenMySQL(ctx, value, opts...)
				}
				if err != nil {
					t.Fatal(err)
				}
				t.Cleanup(func() { db.Close() })
				if err := db.Migrate(ctx); err != nil {
					t.Fatal(err)
				}
				return db
			}
			robot := newStrictRobot(t, 60, 6*time.Second, time.Minute)
			f := newFixture(t, open)
			robotSetup(t, f, robot.URL, perMinute)
			f.scene.countries = nil
			burst(t, []*alert.Engine{f.engine, f.engine, f.engine, f.engine}, each) // countries A00…D29
			if n := f.count("SELECT COUNT(*) FROM monitor_record"); n != processes*each {
				t.Fatalf("%d alerts fired", n)
			}
			start := time.Now()
			for range processes {
				// A lease with room for the outcome write after a send
				// that waited for its slot, on a loaded machine: with too
				// short a lease, a claim ends before its outcome is
				// written and another host sends again (at least once).
				startHost(t, env, value, time.Minute)
			}
			want := processes * each
			for time.Since(start) < 60*time.Second {
				if ok, _ := robot.counts(); ok >= want {
					break
				}
				time.Sleep(200 * time.Millisecond)
			}
			ok, throttled := robot.counts()
			t.Logf("%s, %d processes: %d delivered, %d throttling answers, in %s", backend, processes, ok, throttled,
				time.Since(start).Round(time.Millisecond))
			if throttled != 0 || ok != want {
				t.Fatalf("%d delivered, %d throttling answers; want %d and 0", ok, throttled, want)
			}
		})
	}
}
