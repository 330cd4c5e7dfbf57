package storetest

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/yujing-go/yujing/store"
)

// testConfig: create, update, get and list every configuration table
// through the configuration API, with generated codes, authors and times,
// and refusals that name table and column.
func testConfig(t *testing.T, open OpenDB) {
	clock := t0
	db := open(t, store.WithClock(func() time.Time { return clock }))
	cfg := db.UncheckedConfig(store.AsUser("alice"))

	// Rules: generated code, stamps, lengths counted in characters.
	r, err := cfg.CreateRule(ctx, store.Rule{FunCode: new("denominator >= 100 && rate < threshold"), ThresholdVal: new("0.85"),
		FunDesc: new(strings.Repeat("短", 64)), Sort: new(decimal.RequireFromString("99.99"))})
	if err != nil {
		t.Fatal(err)
	}
	if r.RuleNo == nil || len(*r.RuleNo) == 0 || len(*r.RuleNo) > 32 || !r.CreateTime.Equal(t0) || *r.Status != store.ConfigEnabled {
		t.Fatalf("created rule: %+v", r)
	}
	_, err = cfg.CreateRule(ctx, store.Rule{FunCode: new(strings.Repeat("x", 65))})
	wantValidation(t, err, "monitor_rule", "fun_code")
	_, err = cfg.CreateRule(ctx, store.Rule{FunCode: new("rate < 1"), FunDesc: new(strings.Repeat("长", 65))})
	wantValidation(t, err, "monitor_rule", "fun_desc")
	_, err = cfg.CreateRule(ctx, store.Rule{FunCode: new("rate < 1"), Sort: new(decimal.RequireFromString("1.234"))})
	wantValidation(t, err, "monitor_rule", "sort")
	_, err = cfg.CreateRule(ctx, store.Rule{FunCode: new("rate < 1"), Sort: new(decimal.RequireFromString("100"))})
	wantValidation(t, err, "monitor_rule", "sort")
	_, err = cfg.CreateRule(ctx, store.Rule{RuleNo: new(strings.Repeat("R", 33)), FunCode: new("rate < 1")})
	wantValidation(t, err, "monitor_rule", "rule_no")
	_, err = cfg.CreateRule(ctx, store.Rule{})
	wantValidation(t, err, "monitor_rule", "fun_code")
	if _, err := cfg.CreateRule(ctx, store.Rule{RuleNo: r.RuleNo, FunCode: new("rate < 1")}); !errors.Is(err, store.ErrDuplicate) {
		t.Fatalf("duplicate rule_no: %v", err)
	}

	// The engine's validation runs before anything is written.
	checked := store.NewConfig(db, store.Validation{Rule: func(r store.Rule) error {
		if strings.Contains(*r.FunCode, "rat ") {
			return errors.New("rule: 1:1: undeclared reference to 'rat'")
		}
		return nil
	}})
	if _, err := checked.CreateRule(ctx, store.Rule{RuleNo: new("BAD"), FunCode: new("rat < 1")}); err == nil || !strings.Contains(err.Error(), "undeclared") {
		t.Fatalf("validation not applied: %v", err)
	}
	if _, err := cfg.GetRule(ctx, "BAD"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("refused rule was written: %v", err)
	}

	// Update keeps creation, stamps the change.
	clock = t0.Add(time.Hour)
	r.FunCode = new("rate < threshold")
	up, err := db.UncheckedConfig(store.AsUser("bob")).UpdateRule(ctx, r)
	if err != nil {
		t.Fatal(err)
	}
	got, err := cfg.GetRule(ctx, *r.RuleNo)
	if err != nil || *got.FunCode != "rate < threshold" || !got.CreateTime.Equal(t0) || !got.UpdateTime.Equal(clock) || got.ID != up.ID {
		t.Fatalf("updated rule: %+v %v", got, err)
	}

	// Rule routes: the rule must exist; "*" matches every country.
	if _, err := cfg.CreateRuleRoute(ctx, store.RuleRoute{InfoType: new(1), CountryNo: new("PH"), RuleNo: new("NOPE")}); err == nil {
		t.Fatal("route to a missing rule accepted")
	}
	for _, c := range []string{"PH", store.AllCountries, "ID"} {
		if _, err := cfg.CreateRuleRoute(ctx, store.RuleRoute{InfoType: new(1), CountryNo: new(c), RuleNo: r.RuleNo}); err != nil {
			t.Fatal(err)
		}
	}
	routes, err := cfg.ListRuleRoutes(ctx, store.Filter{InfoType: new(1), CountryNo: new("PH")})
	if err != nil || len(routes) != 2 {
		t.Fatalf("rule routes for PH: %d %v", len(routes), err)
	}

	// Channels with details; routing needs the channel and copies its name.
	ch, err := cfg.CreateChannel(ctx, store.Channel{ChannelName: new("运维群"), Type: new(store.ChannelWeCom)},
		[]store.ChannelDetail{{DataKey: new("key"), DataValue: new("k1")}, {DataKey: new("lang"), DataValue: new("zh")}})
	if err != nil {
		t.Fatal(err)
	}
	if *ch.CreateUID != "alice" || len(*ch.ChannelNo) > 32 {
		t.Fatalf("channel: %+v", ch)
	}
	if err := cfg.SetChannelDetails(ctx, *ch.ChannelNo, []store.ChannelDetail{{DataKey: new("key"), DataValue: new("k2")},
		{DataKey: new("format"), DataValue: new("markdown")}}); err != nil {
		t.Fatal(err)
	}
	ds, err := cfg.ChannelDetails(ctx, *ch.ChannelNo)
	if err != nil || len(ds) != 2 {
		t.Fatalf("details: %d %v", len(ds), err)
	}
	vals := map[string]string{}
	for _, d := range ds {
		vals[*d.DataKey] = *d.DataValue
	}
	if vals["key"] != "k2" || vals["format"] != "markdown" {
		t.Fatalf("details after replace: %v", vals)
	}
	if _, err := cfg.CreateRouting(ctx, store.Routing{CountryNo: "PH", CountryName: "Philippines", InfoType: new(1), ChannelNo: new("NOPE")}); err == nil {
		t.Fatal("routing to a missing channel accepted")
	}
	_, err = cfg.CreateRouting(ctx, store.Routing{CountryNo: "PH", InfoType: new(1), ChannelNo: ch.ChannelNo})
	wantValidation(t, err, "monitor_routing", "country_name")
	rt, err := cfg.CreateRouting(ctx, store.Routing{CountryNo: "PH", CountryName: "Philippines", InfoType: new(1), ChannelNo: ch.ChannelNo})
	if err != nil || *rt.ChannelName != "运维群" || rt.RoutingNo == "" {
		t.Fatalf("routing: %+v %v", rt, err)
	}

	// Templates and the country mapping.
	_, err = cfg.CreateTemplate(ctx, store.Template{InfoType: new(1), SendType: new(store.SendType(3)), Content: new("x")})
	wantValidation(t, err, "monitor_mod", "send_type")
	_, err = cfg.CreateTemplate(ctx, store.Template{InfoType: new(1), SendType: new(store.SendRealtime)})
	wantValidation(t, err, "monitor_mod", "content")
	_, err = cfg.CreateTemplate(ctx, store.Template{InfoType: new(1), SendType: new(store.SendRealtime), Content: new(strings.Repeat("模", 513))})
	wantValidation(t, err, "monitor_mod", "content")
	tpl, err := cfg.CreateTemplate(ctx, store.Template{Title: new("短信成功率"), InfoType: new(1), SendType: new(store.SendRealtime),
		Content: new("SMS rate {rate} in {country}"), ContentChinese: new("{country} 短信成功率 {rate}")})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := cfg.CreateCountryTemplate(ctx, store.CountryTemplate{CountryNo: new("PH"), ModNo: tpl.ModNo, InfoType: new(2)}); err == nil {
		t.Fatal("mapping to a template of another scene accepted")
	}
	if _, err := cfg.CreateCountryTemplate(ctx, store.CountryTemplate{CountryNo: new("PH"), CountryName: new("菲律宾"), ModNo: tpl.ModNo, InfoType: new(1)}); err != nil {
		t.Fatal(err)
	}
	cts, err := cfg.ListCountryTemplates(ctx, store.Filter{InfoType: new(1), CountryNo: new("PH")})
	if err != nil || len(cts) != 1 || *cts[0].CountryName != "菲律宾" {
		t.Fatalf("country templates: %+v %v", cts, err)
	}

	// The snapshot holds exactly the enabled rows.
	snap, err := db.LoadSnapshot(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(snap.Rules) != 1 || len(snap.RuleRoutes) != 3 || len(snap.Channels) != 1 || len(snap.ChannelDetails) != 2 ||
		len(snap.Routings) != 1 || len(snap.Templates) != 1 || len(snap.CountryTemplates) != 1 {
		t.Fatalf("snapshot: %d rules %d routes %d channels %d details %d routings %d templates %d mappings", len(snap.Rules),
			len(snap.RuleRoutes), len(snap.Channels), len(snap.ChannelDetails), len(snap.Routings), len(snap.Templates), len(snap.CountryTemplates))
	}
}

// testConfigStatus: enable, disable, void; the seed's unique keys that
// include status allow one voided twin.
func testConfigStatus(t *testing.T, open OpenDB) {
	db := open(t)
	cfg := db.UncheckedConfig()
	ch, err := cfg.CreateChannel(ctx, store.Channel{ChannelName: new("ops")}, nil)
	if err != nil {
		t.Fatal(err)
	}
	route := store.Routing{CountryNo: "PH", CountryName: "Philippines", InfoType: new(1), ChannelNo: ch.ChannelNo}
	r1, err := cfg.CreateRouting(ctx, route)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := cfg.CreateRouting(ctx, route); !errors.Is(err, store.ErrDuplicate) {
		t.Fatalf("second enabled routing for the same key: %v", err)
	}
	if err := cfg.SetRoutingStatus(ctx, r1.RoutingNo, store.ConfigVoided); err != nil {
		t.Fatal(err)
	}
	r2, err := cfg.CreateRouting(ctx, route)
	if err != nil {
		t.Fatalf("routing after voiding its twin: %v", err)
	}
	if err := cfg.SetRoutingStatus(ctx, r2.RoutingNo, store.ConfigVoided); err != nil {
		t.Fatalf("voiding next to a voided twin: %v", err)
	}
	if _, err := cfg.GetRouting(ctx, r1.RoutingNo); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("the older voided twin should be gone: %v", err)
	}
	got, err := cfg.GetRouting(ctx, r2.RoutingNo)
	if err != nil || *got.Status != store.ConfigVoided {
		t.Fatalf("voided routing: %+v %v", got, err)
	}
	if err := cfg.SetChannelStatus(ctx, *ch.ChannelNo, store.ConfigDisabled); err != nil {
		t.Fatal(err)
	}
	if err := cfg.SetChannelStatus(ctx, *ch.ChannelNo, store.ConfigStatus(9)); err == nil {
		t.Fatal("status 9 accepted")
	}
	disabled := store.ConfigDisabled
	list, err := cfg.ListChannels(ctx, store.Filter{Status: &disabled})
	if err != nil || len(list) != 1 {
		t.Fatalf("disabled channels: %d %v", len(list), err)
	}
	if err := cfg.SetRuleStatus(ctx, "NOPE", store.ConfigDisabled); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("status of a missing rule: %v", err)
	}
}

// testMigrate: Migrate is idempotent and safe when run concurrently.
func testMigrate(t *testing.T, open OpenDB) {
	db := open(t)
	errs := make(chan error, 4)
	for range 4 {
		go func() { errs <- db.Migrate(ctx) }()
	}
	for range 4 {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	v, err := db.MigrationVersion(ctx)
	if err != nil || v != 9 {
		t.Fatalf("version %d %v", v, err)
	}
	var n int
	if err := db.SQL().GetContext(ctx, &n, "SELECT COUNT(*) FROM yujing_schema_version"); err != nil || n != 9 {
		t.Fatalf("%d version rows %v", n, err)
	}
}
