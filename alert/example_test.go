package alert_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"time"

	"github.com/yujing-go/yujing/alert"
	"github.com/yujing-go/yujing/scene"
	"github.com/yujing-go/yujing/store"
)

// checkout is a scene: the share of successful checkouts per country.
type checkout struct{}

func (checkout) InfoType() int         { return 3 }
func (checkout) Name() string          { return "checkout success" }
func (checkout) Window() time.Duration { return 10 * time.Minute }
func (checkout) Collect(_ context.Context, w scene.Window) ([]scene.Sample, error) {
	return []scene.Sample{
		{Country: "PH", Numerator: 610, Denominator: 1000},
		{Country: "ID", Numerator: 985, Denominator: 1000},
	}, nil
}

// Example runs the whole pipeline once on an embedded database: a scene,
// a rule, a template and a webhook channel configured through the engine's
// checked configuration API, then one Tick from the host's scheduler.
func Example() {
	ctx := context.Background()
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var p struct{ Text string }
		body, _ := io.ReadAll(r.Body)
		_ = json.Unmarshal(body, &p)
		fmt.Println("webhook:", p.Text)
	}))
	defer hook.Close()

	db, err := store.OpenSQLite(ctx, ":memory:")
	if err != nil {
		panic(err)
	}
	defer db.Close()
	if err := db.Migrate(ctx); err != nil {
		panic(err)
	}
	now := func() time.Time { return time.Date(2026, 11, 24, 10, 11, 30, 0, time.UTC) }
	engine, err := alert.New(alert.WithStore(db), alert.WithScenes(checkout{}), alert.WithClock(now),
		alert.WithMaxMissedWindows(1), alert.WithLogger(slog.New(slog.DiscardHandler)))
	if err != nil {
		panic(err)
	}

	cfg := engine.Config(db, store.AsUser("ops-42"))
	r, err := cfg.CreateRule(ctx, store.Rule{FunCode: new("denominator >= 100 && rate < threshold"), ThresholdVal: new("0.9")})
	if err != nil {
		panic(err)
	}
	_, err = cfg.CreateRuleRoute(ctx, store.RuleRoute{InfoType: new(3), CountryNo: new("*"), RuleNo: r.RuleNo})
	if err != nil {
		panic(err)
	}
	tpl, err := cfg.CreateTemplate(ctx, store.Template{Title: new("Checkout"), InfoType: new(3), SendType: new(store.SendRealtime),
		Content: new("{country_name}: checkout success {rate_pct} in {window}")})
	if err != nil {
		panic(err)
	}
	_, err = cfg.CreateCountryTemplate(ctx, store.CountryTemplate{CountryNo: new("*"), ModNo: tpl.ModNo, InfoType: new(3)})
	if err != nil {
		panic(err)
	}
	ch, err := cfg.CreateChannel(ctx, store.Channel{ChannelName: new("ops"), Type: new(store.ChannelWebhook)},
		[]store.ChannelDetail{{DataKey: new("url"), DataValue: new(hook.URL)}})
	if err != nil {
		panic(err)
	}
	_, err = cfg.CreateRouting(ctx, store.Routing{CountryNo: "*", CountryName: "every country", InfoType: new(3), ChannelNo: ch.ChannelNo})
	if err != nil {
		panic(err)
	}

	res, err := engine.Tick(ctx) // from the host's cron, ticker or job runner
	if err != nil {
		panic(err)
	}
	fmt.Printf("windows %d, records %d, alerts %d, sent %d\n", res.Collect.Windows, res.Collect.Records, res.Collect.Alerts, res.Send.Sent)
	// Output:
	// webhook: PH: checkout success 61.00% in 2026-11-24 10:00–10:10
	// windows 1, records 2, alerts 1, sent 1
}

// ExampleEngine_Config shows the checked configuration API refusing a rule
// that does not compile, with the error's position.
func ExampleEngine_Config() {
	ctx := context.Background()
	db, err := store.OpenSQLite(ctx, ":memory:")
	if err != nil {
		panic(err)
	}
	defer db.Close()
	if err := db.Migrate(ctx); err != nil {
		panic(err)
	}
	engine, err := alert.New(alert.WithStore(db), alert.WithScenes(checkout{}), alert.WithLogger(slog.New(slog.DiscardHandler)))
	if err != nil {
		panic(err)
	}
	_, err = engine.Config(db, store.AsUser("ops-42")).CreateRule(ctx, store.Rule{FunCode: new("rat < threshold"), ThresholdVal: new("0.9")})
	fmt.Println(err)
	// Output:
	// store: monitor_rule.fun_code: 1:1: undeclared reference to 'rat' (did you mean 'rate'?)
}
