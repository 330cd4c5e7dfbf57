package alert_test

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/yujing-go/yujing/alert"
	"github.com/yujing-go/yujing/internal/webhooktest"
	"github.com/yujing-go/yujing/store"
)

// Tests with real processes run this test binary again as a host
// (TestHostProcess) and kill it with SIGKILL.
const (
	hostSQLiteEnv = "YUJING_HOST_SQLITE" // the host's database: a SQLite file…
	hostMySQLEnv  = "YUJING_HOST_MYSQL"  // …or a MySQL DSN
	hostLeaseEnv  = "YUJING_HOST_LEASE"  // the host's lease (crashLease when unset)
	crashLease    = 4 * time.Second
	crashTimeout  = 30 * time.Second
)

// TestHostProcess is a host in a child process: an engine on the database
// the parent names, ticking every 100 ms until it is killed. It does
// nothing in a normal test run.
func TestHostProcess(t *testing.T) {
	ctx := context.Background()
	var db *store.DB
	var err error
	switch path, dsn := os.Getenv(hostSQLiteEnv), os.Getenv(hostMySQLEnv); {
	case path != "":
		db, err = store.OpenSQLite(ctx, path)
	case dsn != "":
		db, err = store.OpenMySQL(ctx, dsn)
	default:
		t.Skip("runs only as the child process of the crash and replica tests")
	}
	if err != nil {
		t.Fatal(err)
	}
	lease := crashLease
	if v := os.Getenv(hostLeaseEnv); v != "" {
		if lease, err = time.ParseDuration(v); err != nil {
			t.Fatal(err)
		}
	}
	// Small batches, one per stage and Tick: several hosts share the work.
	e, err := alert.New(alert.WithStore(db), alert.WithLease(lease), alert.WithFireTypes(smsScene),
		alert.WithBatchSize(30), alert.WithMaxBatches(1), alert.WithLogger(slog.New(slog.DiscardHandler)))
	if err != nil {
		t.Fatal(err)
	}
	for {
		_, _ = e.Tick(ctx)
		time.Sleep(100 * time.Millisecond)
	}
}

// startHost runs a host process on the database (env: hostSQLiteEnv or
// hostMySQLEnv, and its value) with the lease; the test kills it when it
// ends.
func startHost(t *testing.T, env, value string, lease time.Duration) *exec.Cmd {
	t.Helper()
	child := exec.Command(os.Args[0], "-test.run=^TestHostProcess$")
	child.Env = append(os.Environ(), env+"="+value, hostLeaseEnv+"="+lease.String())
	if err := child.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = child.Process.Kill(); _ = child.Wait() })
	return child
}

// TestCrashRepeatsOnlyTheSendInFlight: a host is killed (SIGKILL) while
// one send hangs and five others have been answered. Each delivery's
// outcome is written as soon as it is known, so after the lease another
// host repeats only the send that was in flight.
func TestCrashRepeatsOnlyTheSendInFlight(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a child process for several seconds")
	}
	ctx := context.Background()
	recv := webhooktest.New(webhookSecret)
	defer recv.Close()
	var back atomic.Bool // the hanging channel answers again
	recv.Answer(func(r webhooktest.Received, n int) webhooktest.Reply {
		if r.Path == "/hang" && !back.Load() {
			return webhooktest.Reply{Delay: time.Minute}
		}
		return webhooktest.Reply{}
	})
	path := filepath.Join(t.TempDir(), "crash.db")
	db, err := store.OpenSQLite(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	parent, err := alert.New(alert.WithStore(db), alert.WithLease(crashLease), alert.WithInstanceName("parent"),
		alert.WithFireTypes(smsScene), alert.WithLogger(slog.New(slog.DiscardHandler)))
	if err != nil {
		t.Fatal(err)
	}
	cfg := parent.Config(db)
	tpl, err := cfg.CreateTemplate(ctx, store.Template{Title: new("t"), InfoType: new(smsScene), SendType: new(store.SendRealtime),
		Content: new("alert {vars.n} in {country}")})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := cfg.CreateCountryTemplate(ctx, store.CountryTemplate{CountryNo: new("*"), ModNo: tpl.ModNo, InfoType: new(smsScene)}); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ no, path, country string }{{"CH-FAST", "/fast", "*"}, {"CH-HANG", "/hang", "PH"}} {
		if _, err := cfg.CreateChannel(ctx, store.Channel{ChannelNo: new(c.no), ChannelName: new(c.no), Type: new(store.ChannelWebhook)},
			[]store.ChannelDetail{{DataKey: new("url"), DataValue: new(recv.URL + c.path)}, {DataKey: new("secret"), DataValue: new(webhookSecret)},
				{DataKey: new("timeout"), DataValue: new(crashTimeout.String())}}); err != nil {
			t.Fatal(err)
		}
	}
	// PH goes to the hanging channel only; the others to the fast one.
	for _, r := range []struct{ country, channel string }{{"PH", "CH-HANG"}, {"ID", "CH-FAST"}, {"TH", "CH-FAST"}, {"VN", "CH-FAST"},
		{"MY", "CH-FAST"}, {"SG", "CH-FAST"}} {
		if _, err := cfg.CreateRouting(ctx, store.Routing{CountryNo: r.country, CountryName: r.country, InfoType: new(smsScene),
			ChannelNo: new(r.channel)}); err != nil {
			t.Fatal(err)
		}
		if _, err := parent.Fire(ctx, alert.Alert{InfoType: smsScene, Country: r.country, Values: map[string]any{"n": r.country}}); err != nil {
			t.Fatal(err)
		}
	}

	child := startHost(t, hostSQLiteEnv, path, crashLease)
	// Wait until the five fast alerts are marked sent while PH's send hangs.
	deadline := time.Now().Add(20 * time.Second)
	for {
		var sent int
		if err := db.SQL().Get(&sent, "SELECT COUNT(*) FROM monitor_send_log WHERE status = 1"); err != nil {
			t.Fatal(err)
		}
		if sent == 5 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("only %d of the 5 answered alerts were marked sent while one send hung", sent)
		}
		time.Sleep(50 * time.Millisecond)
	}
	if err := child.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = child.Wait()

	back.Store(true)
	time.Sleep(crashLease + time.Second)
	for range 3 {
		if _, err := parent.Tick(ctx); err != nil {
			t.Fatal(err)
		}
	}
	accepted := recv.Accepted()
	var repeats []string
	for key, n := range accepted {
		if n != 1 {
			repeats = append(repeats, fmt.Sprintf("%s ×%d", key, n))
		}
	}
	if len(accepted) != 6 || len(repeats) != 0 {
		t.Fatalf("%d alerts delivered (want 6), repeated: %s", len(accepted), strings.Join(repeats, ", "))
	}
	var rows []store.SendLog
	if err := db.Select(ctx, &rows, "WHERE `status` <> 1"); err != nil || len(rows) != 0 {
		t.Fatalf("%d alerts not marked sent: %v", len(rows), err)
	}
}
