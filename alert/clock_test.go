package alert_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/yujing-go/yujing/alert"
	"github.com/yujing-go/yujing/internal/testdb"
	"github.com/yujing-go/yujing/scene"
	"github.com/yujing-go/yujing/store"
)

// TestOneClock: with alert.WithClock, every timestamp the engine writes
// comes from that clock, create_time as well as update_time, even when
// the store itself runs on the wall clock.
func TestOneClock(t *testing.T) {
	for _, be := range testdb.Backends() {
		t.Run(be.Name, func(t *testing.T) {
			wallClockStore := func(t testing.TB, _ ...store.Option) *store.DB { return be.Open(t) }
			f := newFixture(t, wallClockStore)
			f.configure("PH", "ID")
			f.scene.rate = func(c string, _ scene.Window) float64 {
				if c == "PH" {
					return 0.5
				}
				return 0.97
			}
			ctx := context.Background()
			if _, err := f.engine.Fire(ctx, alert.Alert{InfoType: smsScene, Country: "ID", Values: map[string]any{"provider": "x"}}); err != nil {
				t.Fatal(err)
			}
			for range 30 {
				f.tick()
				f.clock.Advance(5 * time.Minute)
			}
			end := f.clock.Now()
			if time.Now().Before(end) {
				t.Skip("the wall clock is before the test clock; nothing to tell apart")
			}
			for _, table := range []string{"monitor_record", "monitor_hist_data", "monitor_send_log", "monitor_send_log_hist",
				"monitor_rule", "monitor_rule_route", "monitor_mod", "monitor_country_mod", "monitor_channel", "monitor_channel_detail",
				"monitor_routing"} {
				var n, bad int
				q := fmt.Sprintf("SELECT COUNT(*) FROM %s", table)
				if err := f.db.SQL().GetContext(ctx, &n, q); err != nil {
					t.Fatal(err)
				}
				q = fmt.Sprintf("SELECT COUNT(*) FROM %s WHERE create_time IS NULL OR create_time < ? OR create_time > ? "+
					"OR (update_time IS NOT NULL AND (update_time < ? OR update_time > ?))", table)
				if err := f.db.SQL().GetContext(ctx, &bad, f.db.SQL().Rebind(q), t0, end, t0, end); err != nil {
					t.Fatal(err)
				}
				if n == 0 {
					t.Fatalf("%s: no rows written", table)
				}
				if bad != 0 {
					t.Errorf("%s: %d of %d rows stamped outside the engine's clock (%s … %s)", table, bad, n, t0, end)
				}
			}
		})
	}
}

// TestWindowMustBeWholeSeconds: a scene window the store cannot hold
// (under a second, or not a whole number of seconds) is refused by New,
// naming the scene.
func TestWindowMustBeWholeSeconds(t *testing.T) {
	db := testdb.SQLite(t)
	for _, w := range []time.Duration{0, -time.Minute, 500 * time.Millisecond, 1500 * time.Millisecond, time.Minute + time.Nanosecond} {
		_, err := alert.New(alert.WithStore(db), alert.WithScenes(windowScene{w}))
		if err == nil || !containsAll(err.Error(), "odd window", "whole number of seconds") {
			t.Errorf("window %s: %v", w, err)
		}
	}
	if _, err := alert.New(alert.WithStore(db), alert.WithScenes(windowScene{time.Second})); err != nil {
		t.Errorf("a one-second window was refused: %v", err)
	}
}

type windowScene struct{ w time.Duration }

func (windowScene) InfoType() int           { return 42 }
func (windowScene) Name() string            { return "odd window" }
func (s windowScene) Window() time.Duration { return s.w }
func (windowScene) Collect(context.Context, scene.Window) ([]scene.Sample, error) {
	return nil, nil
}

func containsAll(s string, parts ...string) bool {
	for _, p := range parts {
		if !strings.Contains(s, p) {
			return false
		}
	}
	return true
}
