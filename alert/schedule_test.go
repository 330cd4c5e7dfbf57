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

// TestScheduledDigest: a scheduled template collects the day's alerts of a
// country into one message due at 09:00 in the country's time zone.
func TestScheduledDigest(t *testing.T) {
	manila, err := time.LoadLocation("Asia/Manila")
	if err != nil {
		t.Skipf("no time zone data: %v", err)
	}
	f := newFixture(t, testdb.SQLite, alert.WithTimeZones(map[string]*time.Location{"PH": manila}))
	f.configure("PH")
	f.editTemplate(func(tpl *store.Template) {
		tpl.SendType = new(store.SendScheduled)
		tpl.SetSchedule("0 9 * * *")
		tpl.Content = new("{count} alert(s) for {country_name}; latest {rate_pct} in {window} ({tz}); sent {sent_at}")
	})
	f.scene.rate = func(c string, w scene.Window) float64 {
		if c == "PH" {
			return 0.5
		}
		return 0.99
	}
	// 00:00 UTC is 08:00 in Manila: alerts until 01:00 UTC (09:00 local) wait.
	for f.clock.Now().Before(t0.Add(55 * time.Minute)) {
		f.tick()
		f.clock.Advance(10 * time.Minute)
	}
	if got := f.recv.Got(); len(got) != 0 {
		t.Fatalf("%d messages before 09:00 Manila", len(got))
	}
	rows := f.sendLogs("monitor_send_log")
	if len(rows) != 1 || !rows[0].ExpectSendTime.Equal(t0.Add(time.Hour)) || *rows[0].Param3 < 3 {
		t.Fatalf("pending digest: %d rows, slot %v, merged %v", len(rows), rows[0].ExpectSendTime, *rows[0].Param3)
	}
	f.clock.Set(t0.Add(time.Hour))
	f.tick()
	got := f.recv.Got()
	if len(got) != 1 {
		t.Fatalf("%d messages at 09:00, want 1", len(got))
	}
	text := got[0].Payload.English.Text
	if !strings.Contains(text, "alert(s) for Philippines") || !strings.Contains(text, "(Asia/Manila)") || !strings.Contains(text, "sent 2026-11-24 09:00") {
		t.Fatalf("digest text %q", text)
	}
	// Alerts after 09:00 go to the next day's slot.
	f.clock.Advance(20 * time.Minute)
	f.tick()
	rows = f.sendLogs("monitor_send_log")
	var next int
	for _, r := range rows {
		if r.ExpectSendTime.Equal(t0.Add(25 * time.Hour)) {
			next++
		}
	}
	if next != 1 {
		t.Fatalf("no alert waiting for the next 09:00")
	}
}

// TestCollectFailureIsRetried: a Collect that fails is retried on the next
// Tick; the Tick reports the error; nothing is lost.
func TestCollectFailureIsRetried(t *testing.T) {
	f := newFixture(t, testdb.SQLite)
	f.configure("PH", "ID", "TH")
	f.clock.Set(t0.Add(11 * time.Minute)) // the 00:00–00:10 window is due
	f.scene.fail.Store(3)                 // every due window
	res, err := f.engine.Tick(context.Background())
	if err == nil || !strings.Contains(err.Error(), "metrics backend unavailable") || res.Collect.Failed != 3 {
		t.Fatalf("tick with a failing Collect: %v %+v", err, res.Collect)
	}
	if n := f.count("SELECT COUNT(*) FROM monitor_record"); n != 0 {
		t.Fatalf("%d records from a failed Collect", n)
	}
	res = f.tick()
	if res.Collect.Windows != 3 || res.Collect.Records != 9 { // the three windows that failed
		t.Fatalf("retry: %+v", res.Collect)
	}
	res = f.tick()
	if res.Collect.Windows != 0 {
		t.Fatalf("a collected window was collected again: %+v", res.Collect)
	}
}
