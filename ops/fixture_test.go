package ops_test

import (
	"context"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/yujing-go/yujing/alert"
	"github.com/yujing-go/yujing/internal/testclock"
	"github.com/yujing-go/yujing/ops"
	"github.com/yujing-go/yujing/store"
)

// The scenes of the tests' configuration: an SMS success rate (rules per
// country), a collections report (no rules, routed for every country) and
// a third scene used to seed problems.
const (
	smsScene         = 1
	collectionsScene = 2
	thirdScene       = 3
)

// Secrets the tests' channels hold: no output may show them.
const (
	cfgWebhookSecret = "whsec-do-not-print-0a1b2c"
	cfgWecomKey      = "wecom-key-do-not-print-3c9d"
)

var t0 = time.Date(2026, 11, 24, 2, 10, 30, 0, time.UTC)

// engineOptions are the options of the tests' engine on db: three fire
// types as its scenes, three countries' time zones, a test clock.
func engineOptions(db *store.DB, clock *testclock.Clock) []alert.Option {
	return []alert.Option{alert.WithStore(db), alert.WithFireTypes(smsScene, collectionsScene, thirdScene),
		alert.WithClock(clock.Now), alert.WithLogger(slog.New(slog.NewTextHandler(io.Discard, nil))),
		alert.WithTimeZones(map[string]*time.Location{"PH": time.FixedZone("UTC+8", 8*3600),
			"ID": time.FixedZone("UTC+7", 7*3600), "TH": time.FixedZone("UTC+7", 7*3600)})}
}

// checkKit makes an engine and its toolkit on db.
func checkKit(t *testing.T, db *store.DB, opts ...alert.Option) (*alert.Engine, *ops.Toolkit) {
	t.Helper()
	clock := testclock.New(t0)
	e, err := alert.New(append(engineOptions(db, clock), opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return e, ops.New(e, db, ops.WithClock(clock.Now))
}

// clean is the codes of the quickstart-like configuration.
type clean struct {
	rule, sms, collections, channel string
}

// configureClean writes a quickstart-like configuration through the
// engine's checked configuration API: a rule for every country of the SMS
// scene, an English and Chinese template mapped and routed in PH, ID and
// TH, a collections template and route for every country.
func configureClean(t testing.TB, e *alert.Engine, db *store.DB) clean {
	t.Helper()
	return configureCleanAt(t, e, db, "https://hooks.example.com/alerts")
}

// configureCleanAt is configureClean with the webhook at url.
func configureCleanAt(t testing.TB, e *alert.Engine, db *store.DB, url string) clean {
	t.Helper()
	ctx := context.Background()
	cfg := e.Config(db, store.AsUser("ops-test"))
	r := must(cfg.CreateRule(ctx, store.Rule{FunCode: new("rate < threshold"), ThresholdVal: new("0.9"), FunDesc: new("SMS success below 90%")}))(t)
	must(cfg.CreateRuleRoute(ctx, store.RuleRoute{InfoType: new(smsScene), CountryNo: new(store.AllCountries), RuleNo: r.RuleNo}))(t)
	sms := store.Template{Title: new("SMS success low"), InfoType: new(smsScene), SendType: new(store.SendRealtime),
		Content:         new("{country_name}: SMS success {rate_pct} in {window}, below {threshold}. Provider: {vars.provider}."),
		ContentChinese:  new("{country_name}：短信验证成功率 {rate_pct}，时段 {window}，低于阈值 {threshold}。"),
		ResolvedContent: new("{country_name}: SMS success is back after {duration}.")}
	sms.SetTitleChinese("短信验证成功率低")
	tpl := must(cfg.CreateTemplate(ctx, sms))(t)
	ch := must(cfg.CreateChannel(ctx, store.Channel{ChannelName: new("ops webhook"), Type: new(store.ChannelWebhook)},
		[]store.ChannelDetail{{DataKey: new("url"), DataValue: new(url)},
			{DataKey: new("secret"), DataValue: new(cfgWebhookSecret)}}))(t)
	coll := store.Template{Title: new("Collections report"), InfoType: new(collectionsScene), SendType: new(store.SendRealtime),
		Content: new("{country_name} collections {window}: {link}")}
	report := must(cfg.CreateTemplate(ctx, coll))(t)
	must(cfg.CreateCountryTemplate(ctx, store.CountryTemplate{CountryNo: new(store.AllCountries), ModNo: report.ModNo, InfoType: new(collectionsScene)}))(t)
	must(cfg.CreateRouting(ctx, store.Routing{CountryNo: store.AllCountries, CountryName: "every country", InfoType: new(collectionsScene), ChannelNo: ch.ChannelNo}))(t)
	for _, c := range []struct{ no, name string }{{"PH", "Philippines"}, {"ID", "Indonesia"}, {"TH", "Thailand"}} {
		must(cfg.CreateCountryTemplate(ctx, store.CountryTemplate{CountryNo: new(c.no), CountryName: new(c.name), ModNo: tpl.ModNo, InfoType: new(smsScene)}))(t)
		must(cfg.CreateRouting(ctx, store.Routing{CountryNo: c.no, CountryName: c.name, InfoType: new(smsScene), ChannelNo: ch.ChannelNo}))(t)
	}
	return clean{rule: *r.RuleNo, sms: *tpl.ModNo, collections: *report.ModNo, channel: *ch.ChannelNo}
}

// must fails the test on an error, else returns the value.
func must[T any](v T, err error) func(testing.TB) T {
	return func(t testing.TB) T {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
}
