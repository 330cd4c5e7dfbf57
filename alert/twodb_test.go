package alert_test

import (
	"context"
	"log/slog"
	"testing"
	"time"

	"github.com/yujing-go/yujing/alert"
	"github.com/yujing-go/yujing/internal/testclock"
	"github.com/yujing-go/yujing/internal/testdb"
	"github.com/yujing-go/yujing/internal/webhooktest"
	"github.com/yujing-go/yujing/scene"
	"github.com/yujing-go/yujing/store"
)

// TestTwoDatabases: the business side (windows, records) in one database
// and the platform side (configuration, alerts) in another, as the seed
// splits its scripts.
func TestTwoDatabases(t *testing.T) {
	clock := testclock.New(t0.Add(11 * time.Minute))
	business := testdb.SQLite(t, store.WithClock(clock.Now))
	platform := testdb.SQLite(t, store.WithClock(clock.Now))
	recv := webhooktest.New("")
	defer recv.Close()
	e, err := alert.New(alert.WithBusinessStore(business), alert.WithPlatformStore(platform), alert.WithClock(clock.Now),
		alert.WithScenes(&smsSuccess{countries: []string{"PH"}, rate: func(string, scene.Window) float64 { return 0.5 }}),
		alert.WithMaxMissedWindows(1), alert.WithLogger(slog.New(slog.DiscardHandler)))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	cfg := e.Config(platform)
	check := func(_ any, err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	r, err := cfg.CreateRule(ctx, store.Rule{FunCode: new("rate < threshold"), ThresholdVal: new("0.9")})
	check(r, err)
	check(cfg.CreateRuleRoute(ctx, store.RuleRoute{InfoType: new(smsScene), CountryNo: new("*"), RuleNo: r.RuleNo}))
	tpl, err := cfg.CreateTemplate(ctx, store.Template{InfoType: new(smsScene), SendType: new(store.SendRealtime), Content: new("{country} {rate_pct}")})
	check(tpl, err)
	check(cfg.CreateCountryTemplate(ctx, store.CountryTemplate{CountryNo: new("*"), ModNo: tpl.ModNo, InfoType: new(smsScene)}))
	ch, err := cfg.CreateChannel(ctx, store.Channel{Type: new(store.ChannelWebhook)}, []store.ChannelDetail{{DataKey: new("url"), DataValue: new(recv.URL)}})
	check(ch, err)
	check(cfg.CreateRouting(ctx, store.Routing{CountryNo: "*", CountryName: "all", InfoType: new(smsScene), ChannelNo: ch.ChannelNo}))
	if _, err := e.Tick(ctx); err != nil {
		t.Fatal(err)
	}
	if got := recv.Got(); len(got) != 1 || got[0].Payload.Text != "PH 50.00%" {
		t.Fatalf("deliveries: %+v", got)
	}
	var n int
	for _, c := range []struct {
		db    *store.DB
		table string
		want  int
	}{{business, "monitor_record", 1}, {platform, "monitor_record", 0}, {platform, "monitor_send_log", 1}, {business, "monitor_send_log", 0}} {
		if err := c.db.SQL().Get(&n, "SELECT COUNT(*) FROM "+c.table); err != nil || n != c.want {
			t.Errorf("%s has %d rows (%v), want %d", c.table, n, err, c.want)
		}
	}
}
