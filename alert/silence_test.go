package alert_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/yujing-go/yujing/alert"
	"github.com/yujing-go/yujing/internal/testdb"
	"github.com/yujing-go/yujing/scene"
	"github.com/yujing-go/yujing/store"
)

// TestSilenceMutesAndTellsWhenItEnds: a silence on PH, created through one
// replica, mutes PH on the other at its next Tick: PH fires during it and
// nobody is told (the records say "muted by silence …"); ID, not silenced,
// alerts as usual. When the silence ends while PH still fires, one message
// says it fired during the silence. A second silence mutes PH's resolve
// (by default). Every decision has its reason in a row, and the audit
// holds who created the silences.
func TestSilenceMutesAndTellsWhenItEnds(t *testing.T) {
	for _, be := range testdb.Backends() {
		t.Run(be.Name, func(t *testing.T) {
			f := newFixture(t, be.Open)
			f.scene.countries = []string{"PH", "ID"}
			f.scene.rate = func(c string, w scene.Window) float64 {
				if within(w, "2026-11-24 01:00", "2026-11-24 04:00") {
					return 0.5
				}
				return 0.97
			}
			f.configure("PH", "ID")
			f.editTemplate(func(tpl *store.Template) {
				tpl.SetRepeatSeconds(3600)
				tpl.ResolvedContent = new("{country} recovered after {duration}")
			})
			replica := f.newEngine()
			ctx := context.Background()
			f.clock.Set(utcAt("2026-11-24 00:31"))
			f.tick()
			// Created through the first engine's API, applied by the replica.
			sil, err := f.engine.Config(f.db, store.AsUser("ops-lead")).CreateSilence(ctx, store.Silence{CountryNo: "PH",
				StartsAt: new(utcAt("2026-11-24 00:40")), EndsAt: new(utcAt("2026-11-24 02:00")), Comment: new("carrier maintenance")})
			if err != nil {
				t.Fatal(err)
			}
			for f.clock.Now().Before(utcAt("2026-11-24 03:45")) {
				f.clock.Advance(10 * time.Minute)
				if _, err := replica.Tick(ctx); err != nil {
					t.Fatal(err)
				}
				if f.clock.Now().Equal(utcAt("2026-11-24 03:41")) {
					if _, err := f.engine.Config(f.db, store.AsUser("ops-lead")).CreateSilence(ctx, store.Silence{CountryNo: "PH",
						StartsAt: new(utcAt("2026-11-24 03:50")), EndsAt: new(utcAt("2026-11-24 05:00"))}); err != nil {
						t.Fatal(err)
					}
				}
			}
			for f.clock.Now().Before(utcAt("2026-11-24 04:30")) {
				f.clock.Advance(10 * time.Minute)
				if _, err := replica.Tick(ctx); err != nil {
					t.Fatal(err)
				}
			}
			if err := replica.Wait(ctx); err != nil {
				t.Fatal(err)
			}
			var ph, id []string
			for _, r := range f.recv.Got() {
				k := r.Payload.Labels["kind"]
				switch r.Payload.Labels["country"] {
				case "PH":
					ph = append(ph, k)
					if k == "fired during a silence" && !strings.HasPrefix(r.Payload.English.Text, "[Fired during a silence, still firing] for 50m") {
						t.Errorf("PH's message after the silence: %q", r.Payload.English.Text)
					}
				case "ID":
					id = append(id, k)
				}
			}
			if strings.Join(ph, ",") != "fired during a silence,repeat" {
				t.Errorf("PH got %v, want one message when the silence ended, its hourly repeat, then nothing (the second silence)", ph)
			}
			if strings.Join(id, ",") != "firing,repeat,repeat,resolved" {
				t.Errorf("ID got %v", id)
			}
			muted := f.count("SELECT COUNT(*) FROM monitor_record WHERE country_no = 'PH' AND status = 2 AND reason LIKE ?", "muted by silence "+sil.SilenceNo+"%")
			if muted == 0 {
				t.Error("no PH record says it was muted by the silence")
			}
			if n := f.count("SELECT COUNT(*) FROM monitor_record WHERE country_no = 'PH' AND reason LIKE 'muted by silence %resolved%'"); n != 1 {
				t.Errorf("%d PH records say the resolve was muted, want 1", n)
			}
			events, err := f.db.AlertEvents(ctx, nil, "", 10)
			if err != nil || len(events) < 2 || events[1].Kind != store.EventSilenceCreated || str(events[1].Actor) != "ops-lead" ||
				!strings.Contains(str(events[1].Detail), "carrier maintenance") {
				t.Errorf("audit: %+v %v", events, err)
			}
		})
	}
}

// TestSilenceOnOneChannel: a silence on one of two channels mutes that
// channel only (its channel_state says which silence); a silence on both
// leaves the alert muted (status 3) with the reason.
func TestSilenceOnOneChannel(t *testing.T) {
	for _, be := range testdb.Backends() {
		t.Run(be.Name, func(t *testing.T) {
			f := newFixture(t, be.Open)
			f.scene.countries = []string{"PH"}
			f.scene.rate = func(string, scene.Window) float64 { return 0.5 }
			_, hook := f.configure("PH")
			second := f.addWebhook("CH-TWO", "/two")
			f.route("PH", second)
			ctx := context.Background()
			cfg := f.engine.Config(f.db, store.AsUser("ops"))
			if _, err := cfg.CreateSilence(ctx, store.Silence{ChannelNo: hook, StartsAt: new(t0), EndsAt: new(t0.Add(24 * time.Hour))}); err != nil {
				t.Fatal(err)
			}
			f.clock.Set(t0.Add(11 * time.Minute))
			f.tick()
			if err := f.engine.Wait(ctx); err != nil {
				t.Fatal(err)
			}
			var paths []string
			for _, r := range f.recv.Got() {
				paths = append(paths, r.Path)
			}
			if strings.Join(paths, ",") != "/two" {
				t.Fatalf("delivered to %v, want /two only", paths)
			}
			logs := append(f.sendLogs("monitor_send_log"), f.sendLogs("monitor_send_log_hist")...)
			st, err := alert.ParseChannelState(str(logs[0].ChannelState))
			if err != nil || st[hook] == nil || st[hook].Status != alert.OutcomeMuted || !strings.HasPrefix(st[hook].Error, "muted by silence SI") ||
				*logs[0].Status != store.SendSent {
				t.Fatalf("channel state %s status %v: %v", str(logs[0].ChannelState), *logs[0].Status, err)
			}
			// Both channels silenced: the next slot's alert is muted as a whole.
			if _, err := cfg.CreateSilence(ctx, store.Silence{ChannelNo: second, StartsAt: new(t0), EndsAt: new(t0.Add(24 * time.Hour))}); err != nil {
				t.Fatal(err)
			}
			f.clock.Advance(10 * time.Minute)
			f.tick()
			if n := f.count("SELECT COUNT(*) FROM monitor_record WHERE status = 2 AND reason LIKE 'muted by silence %'"); n != 1 {
				t.Errorf("%d records muted at their decision, want 1", n)
			}
			if len(f.recv.Got()) != 1 {
				t.Errorf("%d deliveries, want still 1", len(f.recv.Got()))
			}
		})
	}
}

// TestMaintenanceWindowAcrossDST: "Sundays 02:00–04:00" in New York's time
// is a recurring silence. On 2027-03-14 clocks jump from 02:00 to 03:00,
// so the window lasts from 03:00 to 04:00 EDT (07:00–08:00 UTC): alerts
// there are muted, those before and after it are not.
func TestMaintenanceWindowAcrossDST(t *testing.T) {
	for _, be := range testdb.Backends() {
		t.Run(be.Name, func(t *testing.T) {
			newYork, err := time.LoadLocation("America/New_York")
			if err != nil {
				t.Skipf("no time zone database: %v", err)
			}
			f := newFixture(t, be.Open, alert.WithTimeZones(map[string]*time.Location{"US": newYork}))
			f.scene.countries = []string{"US"}
			f.scene.rate = func(string, scene.Window) float64 { return 0.5 }
			f.configure("US")
			ctx := context.Background()
			if _, err := f.engine.Config(f.db).CreateSilence(ctx, store.Silence{CountryNo: "US", Schedule: new("SUN 02:00-04:00"),
				Comment: new("weekly database maintenance")}); err != nil {
				t.Fatal(err)
			}
			muted := map[string]bool{}
			for at := utcAt("2027-03-14 06:01"); at.Before(utcAt("2027-03-14 08:40")); at = at.Add(10 * time.Minute) {
				f.clock.Set(at)
				f.tick()
			}
			var recs []store.Record
			if err := f.db.Select(ctx, &recs, "ORDER BY `end_time`"); err != nil {
				t.Fatal(err)
			}
			for _, r := range recs {
				muted[r.EndTime.UTC().Format("15:04")] = strings.HasPrefix(str(r.Reason), "muted by silence")
			}
			for end, want := range map[string]bool{"06:50": false, "07:00": true, "07:10": true, "07:50": true, "08:00": false, "08:10": false} {
				if muted[end] != want {
					t.Errorf("window ending %s UTC (decided a minute later) muted %v, want %v", end, muted[end], want)
				}
			}
		})
	}
}
