package promobserver_test

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus/testutil"

	"github.com/yujing-go/yujing/alert"
	"github.com/yujing-go/yujing/scene"
	"github.com/yujing-go/yujing/store"
)

// checkout is a scene: the share of successful checkouts per country; PH
// is below the rule's threshold.
type checkout struct{}

func (checkout) InfoType() int         { return 3 }
func (checkout) Name() string          { return "checkout success" }
func (checkout) Window() time.Duration { return 10 * time.Minute }
func (checkout) Collect(context.Context, scene.Window) ([]scene.Sample, error) {
	return []scene.Sample{
		{Country: "PH", Numerator: 610, Denominator: 1000},
		{Country: "ID", Numerator: 985, Denominator: 1000},
	}, nil
}

// newEngine sets up an engine on an in-memory SQLite store, at a fixed
// clock, with a rule, a template and a webhook channel pointing at url.
func newEngine(t *testing.T, obs alert.Observer, url string) *alert.Engine {
	t.Helper()
	return newEngineOn(t, openDB(t), obs, url)
}

// openDB opens a migrated in-memory SQLite store.
func openDB(t *testing.T) *store.DB {
	t.Helper()
	ctx := context.Background()
	db, err := store.OpenSQLite(ctx, ":memory:")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	return db
}

// newEngineOn is newEngine on the given store.
func newEngineOn(t *testing.T, db *store.DB, obs alert.Observer, url string) *alert.Engine {
	t.Helper()
	ctx := context.Background()
	now := func() time.Time { return time.Date(2026, 11, 24, 10, 11, 30, 0, time.UTC) }
	engine, err := alert.New(alert.WithStore(db), alert.WithScenes(checkout{}), alert.WithClock(now),
		alert.WithMaxMissedWindows(1), alert.WithLogger(slog.New(slog.DiscardHandler)), alert.WithObserver(obs))
	if err != nil {
		t.Fatal(err)
	}
	cfg := engine.Config(db, store.AsUser("test"))
	must := func(_ any, err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	r, err := cfg.CreateRule(ctx, store.Rule{FunCode: new("denominator >= 100 && rate < threshold"), ThresholdVal: new("0.9")})
	must(r, err)
	must(cfg.CreateRuleRoute(ctx, store.RuleRoute{InfoType: new(3), CountryNo: new("*"), RuleNo: r.RuleNo}))
	tpl, err := cfg.CreateTemplate(ctx, store.Template{Title: new("Checkout"), InfoType: new(3), SendType: new(store.SendRealtime),
		Content: new("{country_name}: checkout success {rate_pct} in {window}")})
	must(tpl, err)
	must(cfg.CreateCountryTemplate(ctx, store.CountryTemplate{CountryNo: new("*"), ModNo: tpl.ModNo, InfoType: new(3)}))
	ch, err := cfg.CreateChannel(ctx, store.Channel{ChannelName: new("ops"), Type: new(store.ChannelWebhook)},
		[]store.ChannelDetail{{DataKey: new("url"), DataValue: new(url)}})
	must(ch, err)
	must(cfg.CreateRouting(ctx, store.Routing{CountryNo: "*", CountryName: "every country", InfoType: new(3), ChannelNo: ch.ChannelNo}))
	return engine
}

// One Tick of the real engine, one alert delivered to a local webhook:
// the observer counts the Tick, the alert and the delivery.
func TestEngineTick(t *testing.T) {
	var hits atomic.Int32
	hook := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { hits.Add(1) }))
	defer hook.Close()
	obs, reg := newObserver(t)
	engine := newEngine(t, obs, hook.URL)

	res, err := engine.Tick(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if hits.Load() != 1 || res.Send.Sent != 1 {
		t.Fatalf("webhook called %d times, %d sent; want 1", hits.Load(), res.Send.Sent)
	}
	const want = `
# HELP yujing_ticks_total Ticks run.
# TYPE yujing_ticks_total counter
yujing_ticks_total 1
# HELP yujing_tick_errors_total Ticks that returned errors (the database, a scene's Collect, the context).
# TYPE yujing_tick_errors_total counter
yujing_tick_errors_total 0
# HELP yujing_windows_collected_total Windows collected.
# TYPE yujing_windows_collected_total counter
yujing_windows_collected_total 1
# HELP yujing_records_stored_total Records stored by the collect stage.
# TYPE yujing_records_stored_total counter
yujing_records_stored_total 2
# HELP yujing_rules_fired_total Records a rule fired on, in the collect and rules stages.
# TYPE yujing_rules_fired_total counter
yujing_rules_fired_total 1
# HELP yujing_alert_sends_total Alerts the send stage worked, by result: sent (every channel delivered), retrying, failed, muted (every channel muted by a silence).
# TYPE yujing_alert_sends_total counter
yujing_alert_sends_total{result="failed"} 0
yujing_alert_sends_total{result="muted"} 0
yujing_alert_sends_total{result="retrying"} 0
yujing_alert_sends_total{result="sent"} 1
# HELP yujing_channel_outcomes_total Channel outcomes the send stage wrote into its alerts, by result: sent or error (a channel that did not build counts as an error here, with no delivery attempt).
# TYPE yujing_channel_outcomes_total counter
yujing_channel_outcomes_total{result="error"} 0
yujing_channel_outcomes_total{result="sent"} 1
# HELP yujing_deliveries_total Attempts to send an alert through a channel, by channel type and result (sent or error).
# TYPE yujing_deliveries_total counter
yujing_deliveries_total{channel_type="webhook",result="sent"} 1
`
	if err := testutil.GatherAndCompare(reg, strings.NewReader(want), "yujing_ticks_total", "yujing_tick_errors_total",
		"yujing_windows_collected_total", "yujing_records_stored_total", "yujing_rules_fired_total",
		"yujing_alert_sends_total", "yujing_channel_outcomes_total", "yujing_deliveries_total"); err != nil {
		t.Fatal(err)
	}
	// Every stage ran, so each has one duration; the delivery has one.
	mfs, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	histograms := 0
	for _, mf := range mfs {
		for _, m := range mf.GetMetric() {
			if h := m.GetHistogram(); h != nil {
				histograms++
				if c := h.GetSampleCount(); c != 1 {
					t.Errorf("%s %v: %d observations, want 1", mf.GetName(), m.GetLabel(), c)
				}
			}
		}
	}
	if histograms != 1+7+1 { // the tick, the stages, the webhook's deliveries
		t.Errorf("%d histogram series, want 9", histograms)
	}
}
