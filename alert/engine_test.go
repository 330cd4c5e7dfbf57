package alert_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/yujing-go/yujing/internal/testdb"
	"github.com/yujing-go/yujing/scene"
	"github.com/yujing-go/yujing/store"
)

// TestPipeline runs the whole pipeline on each backend: three countries,
// one degrading; only its windows alert, at most once per slot, in both
// languages, and every row ends in the seed's states.
func TestPipeline(t *testing.T) {
	for _, be := range testdb.Backends() {
		t.Run(be.Name, func(t *testing.T) {
			f := newFixture(t, be.Open)
			f.configure("PH", "ID", "TH")
			degradeFrom := t0.Add(time.Hour)
			f.scene.rate = func(c string, w scene.Window) float64 {
				if c == "PH" && !w.Begin.Before(degradeFrom) {
					return 0.62
				}
				return 0.97
			}
			// Two hours of 10-minute windows, a tick a minute... every 5 minutes.
			for f.clock.Now().Before(t0.Add(2*time.Hour + 15*time.Minute)) {
				f.tick()
				f.clock.Advance(5 * time.Minute)
			}
			recs := f.records()
			for key, r := range recs {
				wantAlert := strings.HasPrefix(key, "PH@") && !r.BeginTime.Before(degradeFrom)
				switch {
				case wantAlert && *r.Status != store.RecordRecorded:
					t.Errorf("%s: status %d (%s), want 4", key, *r.Status, str(r.Reason))
				case !wantAlert && *r.Status != store.RecordNoAlert:
					t.Errorf("%s: status %d (%s), want 2", key, *r.Status, str(r.Reason))
				}
				if wantAlert && (str(r.Param5) != "R-SMS-LOW" || str(r.Param6) == "") {
					t.Errorf("%s: fired rule %q, sl_no %q", key, str(r.Param5), str(r.Param6))
				}
			}
			got := f.recv.Got()
			if len(got) == 0 {
				t.Fatal("no alert delivered")
			}
			for key, n := range f.recv.Accepted() {
				if n != 1 {
					t.Errorf("delivery %s accepted %d times", key, n)
				}
			}
			for _, r := range got {
				p := r.Payload
				if p.Labels["country"] != "PH" {
					t.Errorf("alert for %s", p.Labels["country"])
				}
				if !strings.Contains(p.English.Text, "Philippines: SMS success 62.00% (620/1000)") || !strings.Contains(p.English.Text, "Provider acme") {
					t.Errorf("English text: %q", p.English.Text)
				}
				if !strings.Contains(p.Chinese.Text, "Philippines：短信验证成功率 62.00%") || p.English.Title != "SMS success low" {
					t.Errorf("Chinese text: %q title %q", p.Chinese.Text, p.English.Title)
				}
			}
			if problems := f.recv.Problems(); len(problems) > 0 {
				t.Errorf("malformed deliveries: %v", problems)
			}
			// Alerts raised in one 10-minute slot are one message.
			slots := map[string]bool{}
			for _, r := range got {
				slots[r.Payload.Labels["slot"]] = true
			}
			if len(slots) != len(got) {
				t.Errorf("%d deliveries for %d slots", len(got), len(slots))
			}
			// Later (PH healthy again), everything is archived as sent.
			f.scene.rate = func(string, scene.Window) float64 { return 0.97 }
			f.clock.Advance(2 * time.Hour)
			f.tick()
			if n := f.count("SELECT COUNT(*) FROM monitor_send_log"); n != 0 {
				t.Errorf("%d rows not archived", n)
			}
			hist := f.sendLogs("monitor_send_log_hist")
			if len(hist) != len(got) {
				t.Errorf("%d archived alerts, %d deliveries", len(hist), len(got))
			}
			for _, h := range hist {
				if *h.Status != store.SendSent || h.RealitySendTime == nil || !strings.Contains(str(h.ChannelState), `"CH-HOOK":{"status":"sent"`) {
					t.Errorf("archived alert %s: status %d state %s", str(h.SlNo), *h.Status, str(h.ChannelState))
				}
			}
			windows := f.count("SELECT COUNT(*) FROM monitor_hist_data WHERE collected_time IS NOT NULL")
			if windows < 12 {
				t.Errorf("%d windows collected", windows)
			}
			if strings.Contains(f.logs.String(), webhookSecret) || strings.Contains(f.logs.String(), webhookToken) {
				t.Error("a secret reached the log")
			}
			// The log lines carry what an operator filters on.
			want := map[string][]string{
				"delivered":      {"sl_no", "country", "info_type", "scene", "channel", "channel_type"},
				"alert recorded": {"bu_no", "country", "info_type", "window", "sl_no", "slot"},
			}
			for _, line := range strings.Split(strings.TrimSpace(f.logs.String()), "\n") {
				var rec map[string]any
				if err := json.Unmarshal([]byte(line), &rec); err != nil {
					t.Fatalf("log line is not JSON: %q", line)
				}
				keys, ok := want[fmt.Sprint(rec["msg"])]
				if !ok {
					continue
				}
				for _, k := range keys {
					if v, ok := rec[k]; !ok || v == "" {
						t.Errorf("log %q lacks %s: %s", rec["msg"], k, line)
					}
				}
				delete(want, fmt.Sprint(rec["msg"]))
			}
			if len(want) > 0 {
				t.Errorf("no log line for %v", want)
			}
		})
	}
}

func str(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}
