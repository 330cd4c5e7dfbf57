package otelobserver_test

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/sdk/metric/metricdata"
	"go.opentelemetry.io/otel/sdk/metric/metricdata/metricdatatest"

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

// openStore opens a migrated in-memory SQLite store.
func openStore(ctx context.Context) (*store.DB, error) {
	db, err := store.OpenSQLite(ctx, ":memory:")
	if err != nil {
		return nil, err
	}
	if err := db.Migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// fixedClock is the engine's clock in these tests: the window
// 10:00–10:10 is due.
func fixedClock() time.Time { return time.Date(2026, 11, 24, 10, 11, 30, 0, time.UTC) }

// newEngine makes an engine on a fresh store, at the fixed clock, with a
// rule, a template and a webhook channel pointing at url.
func newEngine(t *testing.T, obs alert.Observer, url string) *alert.Engine {
	t.Helper()
	ctx := context.Background()
	db, err := openStore(ctx)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	engine, err := alert.New(alert.WithStore(db), alert.WithScenes(checkout{}), alert.WithClock(fixedClock),
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
// the observer records the Tick, the alert and the delivery.
func TestEngineTick(t *testing.T) {
	ctx := context.Background()
	var hits atomic.Int32
	hook := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { hits.Add(1) }))
	defer hook.Close()
	obs, reader := newObserver(t)
	engine := newEngine(t, obs, hook.URL)

	if _, err := engine.Tick(ctx); err != nil {
		t.Fatal(err)
	}
	if hits.Load() != 1 {
		t.Fatalf("webhook called %d times, want 1", hits.Load())
	}
	got := collect(t, reader)
	for name, want := range map[string]map[string]int64{
		"yujing.ticks":             {"": 1},
		"yujing.tick.errors":       {"": 0},
		"yujing.windows.collected": {"": 1},
		"yujing.records.stored":    {"": 2},
		"yujing.rules.fired":       {"": 1},
		"yujing.alert.sends":       {"sent": 1, "retrying": 0, "failed": 0, "muted": 0},
		"yujing.channel.outcomes":  {"sent": 1, "error": 0},
	} {
		t.Run(name, func(t *testing.T) {
			metricdatatest.AssertAggregationsEqual(t, sum(want), got[name].Data, metricdatatest.IgnoreTimestamp())
		})
	}
	metricdatatest.AssertAggregationsEqual(t, metricdata.Sum[int64]{Temporality: metricdata.CumulativeTemporality, IsMonotonic: true,
		DataPoints: []metricdata.DataPoint[int64]{{Value: 1,
			Attributes: attribute.NewSet(attribute.String("channel.type", "webhook"), attribute.String("result", "sent"))}}},
		got["yujing.deliveries"].Data, metricdatatest.IgnoreTimestamp())
	if n := len(got["yujing.stage.duration"].Data.(metricdata.Histogram[float64]).DataPoints); n != 7 {
		t.Errorf("yujing.stage.duration: %d stages, want 7", n)
	}
}
