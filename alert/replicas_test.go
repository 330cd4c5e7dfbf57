package alert_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/yujing-go/yujing/alert"
	"github.com/yujing-go/yujing/internal/testdb"
	"github.com/yujing-go/yujing/scene"
	"github.com/yujing-go/yujing/store"
)

// manyCountries configures n countries, every one alerting, with two
// webhook channels each.
func manyCountries(f *fixture, n int) []string {
	f.t.Helper()
	var cs []string
	for i := range n {
		cs = append(cs, fmt.Sprintf("C%03d", i))
	}
	ctx := context.Background()
	cfg := f.engine.Config(f.db)
	r, err := cfg.CreateRule(ctx, store.Rule{FunCode: new("rate < threshold"), ThresholdVal: new("0.9")})
	if err != nil {
		f.t.Fatal(err)
	}
	if _, err := cfg.CreateRuleRoute(ctx, store.RuleRoute{InfoType: new(smsScene), CountryNo: new("*"), RuleNo: r.RuleNo}); err != nil {
		f.t.Fatal(err)
	}
	tpl, err := cfg.CreateTemplate(ctx, store.Template{InfoType: new(smsScene), SendType: new(store.SendRealtime), Content: new("{country} {rate_pct}")})
	if err != nil {
		f.t.Fatal(err)
	}
	if _, err := cfg.CreateCountryTemplate(ctx, store.CountryTemplate{CountryNo: new("*"), ModNo: tpl.ModNo, InfoType: new(smsScene)}); err != nil {
		f.t.Fatal(err)
	}
	a, b := f.addWebhook("CH-A", "/a"), f.addWebhook("CH-B", "/b")
	for _, ch := range []string{a, b} {
		if _, err := cfg.CreateRouting(ctx, store.Routing{CountryNo: "*", CountryName: "all", InfoType: new(smsScene), ChannelNo: new(ch)}); err != nil {
			f.t.Fatal(err)
		}
	}
	f.scene.countries = cs
	f.scene.rate = func(string, scene.Window) float64 { return 0.5 }
	return cs
}

// TestReplicasDeliverExactlyOnce: four engines Tick at the same time over
// one backlog; every alert reaches every channel exactly once.
func TestReplicasDeliverExactlyOnce(t *testing.T) {
	for _, be := range testdb.Backends() {
		t.Run(be.Name, func(t *testing.T) {
			f := newFixture(t, be.Open, alert.WithBatchSize(20), alert.WithMaxMissedWindows(1))
			countries := manyCountries(f, 150)
			want := 2 * len(countries)
			f.clock.Set(t0.Add(11 * time.Minute))
			engines := []*alert.Engine{f.engine}
			for i := range 3 {
				engines = append(engines, f.newEngine(alert.WithBatchSize(20), alert.WithMaxMissedWindows(1), alert.WithInstanceName(fmt.Sprintf("replica-%d", i))))
			}
			var wg sync.WaitGroup
			for _, e := range engines {
				wg.Go(func() {
					for range 30 {
						if _, err := e.Tick(context.Background()); err != nil {
							t.Errorf("tick: %v", err)
							return
						}
						if len(f.recv.Got()) >= want {
							return
						}
					}
				})
			}
			wg.Wait()
			f.onceEach(want)
			if n := f.count("SELECT COUNT(*) FROM monitor_record WHERE status <> 4"); n != 0 {
				t.Errorf("%d records not recorded", n)
			}
			if n := f.count("SELECT COUNT(*) FROM monitor_send_log WHERE status <> 1"); n != 0 {
				t.Errorf("%d alerts not sent", n)
			}
			if n := f.count("SELECT COUNT(*) FROM monitor_hist_data"); n != 1 {
				t.Errorf("the window was claimed %d times", n)
			}
			if calls := f.scene.calls.Load(); calls != 1 {
				t.Errorf("Collect ran %d times for one window", calls)
			}
		})
	}
}

// TestCrashedHostsRowsAreTakenOver: rows claimed by a host that died (a
// claim that is never completed) stay untouched until the lease ends, then
// another engine finishes them: records waiting to be recorded, and alerts
// waiting to be sent.
func TestCrashedHostsRowsAreTakenOver(t *testing.T) {
	for _, be := range testdb.Backends() {
		t.Run(be.Name, func(t *testing.T) {
			f := newFixture(t, be.Open, alert.WithLease(2*time.Minute))
			f.configure("PH", "ID", "TH")
			ctx := context.Background()
			for _, c := range []string{"PH", "ID", "TH"} {
				if _, err := f.engine.Fire(ctx, alert.Alert{InfoType: smsScene, Country: c, Values: map[string]any{"provider": "x"}}); err != nil {
					t.Fatal(err)
				}
			}
			// The dead host claimed the records, and two pending alerts it
			// had recorded earlier, then died.
			now := f.clock.Now()
			recs, err := f.db.ClaimRecords(ctx, store.RecordAlert, store.ClaimRequest{Owner: "dead#1", Now: now, Lease: 2 * time.Minute, Limit: 10})
			if err != nil || len(recs) != 3 {
				t.Fatalf("dead host's record claim: %d %v", len(recs), err)
			}
			content := store.EncodeValues(map[string]string{"country_name": "X", "rate_pct": "50.00%", "numerator": "5", "denominator": "10",
				"window": "earlier", "threshold": "0.9", "vars.provider": "y"})
			if _, err := f.db.EnqueueSendLogs(ctx, now, []store.SendLog{
				{CountryNo: new("PH"), InfoType: new(smsScene), ModNo: new("MD-SMS"), ExpectSendTime: new(now.Add(-time.Hour)), Content: &content},
				{CountryNo: new("ID"), InfoType: new(smsScene), ModNo: new("MD-SMS"), ExpectSendTime: new(now.Add(-time.Hour)), Content: &content},
			}); err != nil {
				t.Fatal(err)
			}
			logs, err := f.db.ClaimSendLogs(ctx, store.ClaimRequest{Owner: "dead#2", Now: now, Lease: 2 * time.Minute, Limit: 10})
			if err != nil || len(logs) != 2 {
				t.Fatalf("dead host's send claim: %d %v", len(logs), err)
			}
			res := f.tick()
			if res.Record.Records != 0 || res.Send.Alerts != 0 || len(f.recv.Got()) != 0 {
				t.Fatalf("rows under a live lease were worked: %+v %+v", res.Record, res.Send)
			}
			f.clock.Advance(2*time.Minute + time.Second)
			res = f.tick()
			if res.Record.Enqueued != 3 || res.Send.Sent != 5 || len(f.recv.Got()) != 5 {
				t.Fatalf("after the lease: %+v %+v, %d deliveries", res.Record, res.Send, len(f.recv.Got()))
			}
		})
	}
}
