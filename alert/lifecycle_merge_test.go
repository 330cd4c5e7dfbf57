package alert_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/yujing-go/yujing/alert"
	"github.com/yujing-go/yujing/internal/testdb"
	"github.com/yujing-go/yujing/scene"
	"github.com/yujing-go/yujing/store"
)

// TestResolveMergesIntoWaitingAlert: a scheduled template holds the firing
// alert until 09:00; the country recovers at 02:40. The resolve merges
// into the waiting alert, and one message says it fired and recovered, in
// both languages.
func TestResolveMergesIntoWaitingAlert(t *testing.T) {
	for _, be := range testdb.Backends() {
		t.Run(be.Name, func(t *testing.T) {
			f := newFixture(t, be.Open)
			f.scene.countries = []string{"PH"}
			f.scene.rate = func(_ string, w scene.Window) float64 {
				if within(w, "2026-11-24 02:00", "2026-11-24 02:30") {
					return 0.5
				}
				return 0.97
			}
			f.configure("PH")
			f.editTemplate(func(tpl *store.Template) {
				tpl.SendType = new(store.SendScheduled)
				tpl.SetSchedule("0 9 * * *")
				tpl.ResolvedContent = new("{country_name} recovered after {duration}")
				tpl.ResolvedContentChinese = new("{country_name} 已恢复，持续 {duration}")
			})
			f.clock.Set(utcAt("2026-11-24 02:01"))
			for f.clock.Now().Before(utcAt("2026-11-24 09:05")) {
				f.tick()
				f.clock.Advance(10 * time.Minute)
			}
			if err := f.engine.Wait(context.Background()); err != nil {
				t.Fatal(err)
			}
			got := f.recv.Got()
			if len(got) != 1 {
				t.Fatalf("%d messages, want 1", len(got))
			}
			p := got[0].Payload
			if p.Labels["kind"] != "fired and recovered" || p.English.Title != "[Resolved] SMS success low" || p.Chinese.Title != "【已恢复】SMS success low" || !strings.HasPrefix(p.English.Text, "3 alerts in this message:") ||
				!strings.HasSuffix(p.English.Text, "\nPhilippines recovered after 30m") || !strings.HasSuffix(p.Chinese.Text, "\nPhilippines 已恢复，持续 30m") {
				t.Fatalf("message %q:\n%s\n%s", p.Labels["kind"], p.English.Text, p.Chinese.Text)
			}
			logs := f.sendLogs("monitor_send_log_hist")
			if len(logs) == 0 {
				logs = f.sendLogs("monitor_send_log")
			}
			if len(logs) != 1 || logs[0].Kind() != store.KindRecovered || logs[0].MergeCount() != 4 {
				t.Fatalf("send logs: %d, kind %v merges %d", len(logs), logs[0].Kind(), logs[0].MergeCount())
			}
		})
	}
}

// TestReplicasKeepOneState: three engines judge a backlog of waiting
// records at once, five at a time, so that windows of one country are
// judged by different engines concurrently and out of order. Every
// state write is a compare-and-set: each country fires exactly once,
// and every record ends judged, with its reason.
func TestReplicasKeepOneState(t *testing.T) {
	for _, be := range testdb.Backends() {
		t.Run(be.Name, func(t *testing.T) {
			f := newFixture(t, be.Open)
			var countries []string
			for i := range 12 {
				countries = append(countries, fmt.Sprintf("C%02d", i))
			}
			f.scene.countries = nil // the records come from another writer
			f.configure(countries...)
			ctx := context.Background()
			var recs []store.Record
			for w := range 6 {
				begin := t0.Add(time.Duration(w) * 10 * time.Minute)
				end := begin.Add(10 * time.Minute)
				for _, c := range countries {
					recs = append(recs, store.Record{InfoType: new(smsScene), CountryNo: new(c), BeginTime: new(begin), EndTime: new(end),
						Content: new(`denominator=1000;numerator=500;rate=0.5;vars.provider="acme"`), CompareVal: new("0.5")})
				}
			}
			if _, err := f.db.InsertRecords(ctx, recs); err != nil {
				t.Fatal(err)
			}
			f.clock.Set(t0.Add(2 * time.Hour))
			engines := []*alert.Engine{f.engine}
			for range 2 {
				engines = append(engines, f.newEngine(alert.WithBatchSize(5), alert.WithMaxBatches(1)))
			}
			engines[0] = f.newEngine(alert.WithBatchSize(5), alert.WithMaxBatches(1))
			for round := 0; f.count("SELECT COUNT(*) FROM monitor_record WHERE status IN (0, 1, 3)") > 0; round++ {
				if round == 100 {
					t.Fatal("records still waiting after 100 rounds")
				}
				var wg sync.WaitGroup
				for _, e := range engines {
					wg.Go(func() {
						if _, err := e.Tick(ctx); err != nil {
							t.Error(err)
						}
					})
				}
				wg.Wait()
			}
			firing := map[string]int{}
			for _, table := range []string{"monitor_send_log", "monitor_send_log_hist"} {
				for _, l := range f.sendLogs(table) {
					if l.Kind() == store.KindFiring {
						firing[str(l.CountryNo)]++
					}
				}
			}
			for _, c := range countries {
				if firing[c] != 1 {
					t.Errorf("%s: %d firing messages, want 1 (%v)", c, firing[c], firing)
				}
			}
			if n := f.count("SELECT COUNT(*) FROM monitor_record WHERE reason IS NULL OR reason = ''"); n != 0 {
				t.Errorf("%d records without a reason", n)
			}
			if n := f.count("SELECT COUNT(*) FROM yujing_alert_state WHERE state = 'firing'"); n != len(countries) {
				t.Errorf("%d firing states, want %d", n, len(countries))
			}
		})
	}
}
