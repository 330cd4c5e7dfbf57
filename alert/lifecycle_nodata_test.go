package alert_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/yujing-go/yujing/internal/testdb"
	"github.com/yujing-go/yujing/scene"
	"github.com/yujing-go/yujing/store"
)

// TestSceneStopsReporting: the whole scene reports nothing for three
// windows. With no-data detection on (K = 3) and no no-data text, every
// country that reported before gets one no-data message, in the scene's
// template marked as such (its extra values blank); the countries resolve
// silently when data returns (the template has no resolved text), and
// every window without a message says why.
func TestSceneStopsReporting(t *testing.T) {
	for _, be := range testdb.Backends() {
		t.Run(be.Name, func(t *testing.T) {
			f := newFixture(t, be.Open)
			f.scene.countries = []string{"PH", "ID"}
			f.scene.rate = func(_ string, w scene.Window) float64 { return 0.97 }
			f.configure("PH", "ID")
			ctx := context.Background()
			cfg := f.engine.Config(f.db)
			routes, err := cfg.ListRuleRoutes(ctx, store.Filter{})
			if err != nil || len(routes) != 1 {
				t.Fatalf("rule routes %d: %v", len(routes), err)
			}
			routes[0].SetNoDataWindows(3)
			if _, err := cfg.UpdateRuleRoute(ctx, routes[0]); err != nil {
				t.Fatal(err)
			}
			f.clock.Set(utcAt("2026-11-24 00:01"))
			step := func(n int) {
				for range n {
					f.tick()
					f.clock.Advance(10 * time.Minute)
				}
			}
			step(3) // reporting: the countries are known
			f.scene.countries = nil
			step(4) // silent: no data after the third empty window
			f.scene.countries = []string{"PH", "ID"}
			step(3)
			if err := f.engine.Wait(ctx); err != nil {
				t.Fatal(err)
			}
			got := f.recv.Got()
			if len(got) != 2 {
				t.Fatalf("%d messages, want 2", len(got))
			}
			for _, r := range got {
				p := r.Payload
				if p.Labels["kind"] != "no data" || !strings.HasPrefix(p.English.Text, "[No data] ") ||
					!strings.Contains(p.English.Text, "(0/0)") || !strings.HasPrefix(p.Chinese.Text, "【无数据】") {
					t.Errorf("%s: %q %q / %q", p.Labels["country"], p.Labels["kind"], p.English.Text, p.Chinese.Text)
				}
			}
			for _, c := range []string{"PH", "ID"} {
				states, err := f.db.AlertStates(ctx, store.StateFilter{CountryNo: c})
				if err != nil || len(states) != 1 || states[0].State != store.StateOK || !strings.Contains(str(states[0].Reason), "data returned") {
					t.Errorf("%s state: %+v %v", c, states, err)
				}
			}
			for _, want := range []string{"no samples 1/3", "no samples 2/3", "no data since"} {
				if n := f.count("SELECT COUNT(*) FROM monitor_record WHERE reason LIKE ?", "%"+want+"%"); n != 2 {
					t.Errorf("%d records say %q, want 2", n, want)
				}
			}
		})
	}
}
