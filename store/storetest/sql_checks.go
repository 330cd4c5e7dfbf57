package storetest

import (
	"errors"
	"strings"
	"testing"

	"github.com/yujing-go/yujing/store"
)

// wantRefusal fails unless err is a *store.ValidationError naming table and
// column whose text holds every one of want.
func wantRefusal(t *testing.T, err error, table, column string, want ...string) {
	t.Helper()
	wantValidation(t, err, table, column)
	for _, w := range want {
		if !strings.Contains(err.Error(), w) {
			t.Fatalf("error %q does not say %q", err, w)
		}
	}
}

// testCountryCodes: country_no is "*" or 2–3 upper-case letters or digits
// in routing, rule routes and country templates, on create and update; a
// lower-case code is refused with the upper-case one as a hint, a name with
// a pointer to country_name.
func testCountryCodes(t *testing.T, open OpenDB) {
	db := open(t)
	cfg := db.UncheckedConfig()
	r, ch, tpl := basicConfig(t, cfg, 1)
	for _, c := range []string{"PH", "ID", "PHL", "608", store.AllCountries} {
		if _, err := cfg.CreateRuleRoute(ctx, store.RuleRoute{InfoType: new(1), CountryNo: new(c), RuleNo: r.RuleNo}); err != nil {
			t.Fatalf("rule route for %q: %v", c, err)
		}
	}

	_, err := cfg.CreateRouting(ctx, store.Routing{CountryNo: "ph", CountryName: "Philippines", InfoType: new(1), ChannelNo: ch.ChannelNo})
	wantRefusal(t, err, "monitor_routing", "country_no", `"ph" is not a country code: did you mean "PH"?`)
	_, err = cfg.CreateRuleRoute(ctx, store.RuleRoute{InfoType: new(1), CountryNo: new("Philippines"), RuleNo: r.RuleNo})
	wantRefusal(t, err, "monitor_rule_route", "country_no", `"Philippines" is not a country code`, "country_name")
	_, err = cfg.CreateCountryTemplate(ctx, store.CountryTemplate{CountryNo: new(" id"), ModNo: tpl.ModNo, InfoType: new(1)})
	wantRefusal(t, err, "monitor_country_mod", "country_no", `did you mean "ID"?`)
	for _, bad := range []string{"P", "PH-1", "P H", "**", "PHIL"} {
		_, err = cfg.CreateRuleRoute(ctx, store.RuleRoute{InfoType: new(2), CountryNo: new(bad), RuleNo: r.RuleNo})
		wantRefusal(t, err, "monitor_rule_route", "country_no", "2–3 upper-case letters or digits")
	}

	rt, err := cfg.CreateRouting(ctx, store.Routing{CountryNo: "PH", CountryName: "Philippines", InfoType: new(1), ChannelNo: ch.ChannelNo})
	if err != nil {
		t.Fatal(err)
	}
	rt.CountryNo = "Ph"
	_, err = cfg.UpdateRouting(ctx, rt)
	wantRefusal(t, err, "monitor_routing", "country_no", `did you mean "PH"?`)
	if got, err := cfg.GetRouting(ctx, rt.RoutingNo); err != nil || got.CountryNo != "PH" {
		t.Fatalf("refused update was written: %+v %v", got, err)
	}
}

// testDuplicates: a row that repeats an enabled row in the columns that
// give it its meaning is refused, naming the row that is there, on create,
// update and enable; disabled rows do not count.
func testDuplicates(t *testing.T, open OpenDB) {
	db := open(t)
	cfg := db.UncheckedConfig()
	wantDuplicate := func(err error, table, column, existing string) {
		t.Helper()
		wantRefusal(t, err, table, column, existing, "has the same")
		if !errors.Is(err, store.ErrDuplicate) {
			t.Fatalf("%v does not match ErrDuplicate", err)
		}
	}

	// Rules: same fun_code and threshold_val.
	r1, err := cfg.CreateRule(ctx, store.Rule{FunCode: new("rate < threshold"), ThresholdVal: new("0.9")})
	if err != nil {
		t.Fatal(err)
	}
	_, err = cfg.CreateRule(ctx, store.Rule{FunCode: new("rate < threshold"), ThresholdVal: new("0.9"), FunDesc: new("again")})
	wantDuplicate(err, "monitor_rule", "threshold_val", "rule_no "+*r1.RuleNo)
	r2, err := cfg.CreateRule(ctx, store.Rule{FunCode: new("rate < threshold"), ThresholdVal: new("0.8")})
	if err != nil {
		t.Fatalf("another threshold: %v", err)
	}
	r2.ThresholdVal = new("0.9")
	_, err = cfg.UpdateRule(ctx, r2)
	wantDuplicate(err, "monitor_rule", "threshold_val", *r1.RuleNo)
	if _, err := cfg.UpdateRule(ctx, r1); err != nil {
		t.Fatalf("updating a rule is not a duplicate of itself: %v", err)
	}
	off, err := cfg.CreateRule(ctx, store.Rule{FunCode: new("rate < threshold"), ThresholdVal: new("0.9"), Status: new(store.ConfigDisabled)})
	if err != nil {
		t.Fatalf("a disabled twin: %v", err)
	}
	wantDuplicate(cfg.SetRuleStatus(ctx, *off.RuleNo, store.ConfigEnabled), "monitor_rule", "threshold_val", *r1.RuleNo)
	if err := cfg.SetRuleStatus(ctx, *r1.RuleNo, store.ConfigVoided); err != nil {
		t.Fatal(err)
	}
	if err := cfg.SetRuleStatus(ctx, *off.RuleNo, store.ConfigEnabled); err != nil {
		t.Fatalf("enabling once the twin is voided: %v", err)
	}

	// Exactly the same: MySQL's collation would call these equal, CEL not.
	if _, err := cfg.CreateRule(ctx, store.Rule{FunCode: new(`country == "PH"`)}); err != nil {
		t.Fatal(err)
	}
	if _, err := cfg.CreateRule(ctx, store.Rule{FunCode: new(`country == "ph"`)}); err != nil {
		t.Fatalf("a rule that differs in case: %v", err)
	}
	if _, err := cfg.CreateRule(ctx, store.Rule{FunCode: new(`country == "PH" `)}); err != nil {
		t.Fatalf("a rule that differs by a trailing space: %v", err)
	}

	// Rule routes: same info_type, country_no and rule_no.
	rr, err := cfg.CreateRuleRoute(ctx, store.RuleRoute{InfoType: new(1), CountryNo: new("PH"), RuleNo: r2.RuleNo})
	if err != nil {
		t.Fatal(err)
	}
	_, err = cfg.CreateRuleRoute(ctx, store.RuleRoute{InfoType: new(1), CountryNo: new("PH"), RuleNo: r2.RuleNo})
	wantDuplicate(err, "monitor_rule_route", "rule_no", "bu_no "+*rr.BuNo)
	other, err := cfg.CreateRuleRoute(ctx, store.RuleRoute{InfoType: new(1), CountryNo: new("ID"), RuleNo: r2.RuleNo})
	if err != nil {
		t.Fatal(err)
	}
	other.CountryNo = new("PH")
	_, err = cfg.UpdateRuleRoute(ctx, other)
	wantDuplicate(err, "monitor_rule_route", "rule_no", *rr.BuNo)

	// Routings: same info_type, country_no and channel_no.
	ch, err := cfg.CreateChannel(ctx, store.Channel{ChannelName: new("ops"), Type: new(store.ChannelWebhook)},
		[]store.ChannelDetail{{DataKey: new("url"), DataValue: new("https://hooks.example.com/a")}})
	if err != nil {
		t.Fatal(err)
	}
	route := store.Routing{CountryNo: "PH", CountryName: "Philippines", InfoType: new(1), ChannelNo: ch.ChannelNo}
	rt, err := cfg.CreateRouting(ctx, route)
	if err != nil {
		t.Fatal(err)
	}
	_, err = cfg.CreateRouting(ctx, route)
	wantDuplicate(err, "monitor_routing", "channel_no", "routing_no "+rt.RoutingNo)

	// Country templates: same info_type, country_no and mod_no.
	tpl, err := cfg.CreateTemplate(ctx, store.Template{InfoType: new(1), SendType: new(store.SendRealtime), Content: new("{country}")})
	if err != nil {
		t.Fatal(err)
	}
	ct, err := cfg.CreateCountryTemplate(ctx, store.CountryTemplate{CountryNo: new("PH"), ModNo: tpl.ModNo, InfoType: new(1)})
	if err != nil {
		t.Fatal(err)
	}
	_, err = cfg.CreateCountryTemplate(ctx, store.CountryTemplate{CountryNo: new("PH"), CountryName: new("菲律宾"), ModNo: tpl.ModNo, InfoType: new(1)})
	wantDuplicate(err, "monitor_country_mod", "mod_no", "bu_no "+*ct.BuNo)

	// Channels: same type and details (keys without case, values trimmed).
	same := []store.ChannelDetail{{DataKey: new("URL"), DataValue: new(" https://hooks.example.com/a ")}}
	_, err = cfg.CreateChannel(ctx, store.Channel{ChannelName: new("ops again"), Type: new(store.ChannelWebhook)}, same)
	wantDuplicate(err, "monitor_channel_detail", "data_value", "channel_no "+*ch.ChannelNo)
	if strings.Contains(err.Error(), "hooks.example.com") {
		t.Fatalf("the error shows a detail's value: %v", err)
	}
	if _, err := cfg.CreateChannel(ctx, store.Channel{ChannelName: new("slack"), Type: new(store.ChannelSlack)}, same); err != nil {
		t.Fatalf("same details, another type: %v", err)
	}
	b, err := cfg.CreateChannel(ctx, store.Channel{ChannelName: new("ops b"), Type: new(store.ChannelWebhook)},
		[]store.ChannelDetail{{DataKey: new("url"), DataValue: new("https://hooks.example.com/b")}})
	if err != nil {
		t.Fatal(err)
	}
	wantDuplicate(cfg.SetChannelDetails(ctx, *b.ChannelNo, same), "monitor_channel_detail", "data_value", *ch.ChannelNo)
	if err := cfg.SetChannelStatus(ctx, *b.ChannelNo, store.ConfigDisabled); err != nil {
		t.Fatal(err)
	}
	if err := cfg.SetChannelDetails(ctx, *b.ChannelNo, same); err != nil {
		t.Fatalf("a disabled channel may repeat an enabled one: %v", err)
	}
	wantDuplicate(cfg.SetChannelStatus(ctx, *b.ChannelNo, store.ConfigEnabled), "monitor_channel_detail", "data_value", *ch.ChannelNo)

	// One key twice in one set of details, whatever its case.
	_, err = cfg.CreateChannel(ctx, store.Channel{ChannelName: new("twice")}, []store.ChannelDetail{
		{DataKey: new("key"), DataValue: new("k1")}, {DataKey: new("KEY"), DataValue: new("k2")}})
	wantRefusal(t, err, "monitor_channel_detail", "data_key", `"key" and "KEY" are the same key`)
}

// testValidationHooks: the Validation's scene check covers the info_type
// of templates, routings, rule routes and country templates; the errors of
// every hook become *ValidationError values naming table and column; a
// refused create names no generated code.
func testValidationHooks(t *testing.T, open OpenDB) {
	db := open(t)
	r, ch, tpl7 := basicConfig(t, db.UncheckedConfig(), 7)
	errCause := errors.New("the engine says no")
	cfg := store.NewConfig(db, store.Validation{
		Scene: func(infoType int) error {
			if infoType != 1 {
				return errors.New("info_type 7 is not a scene")
			}
			return nil
		},
		Template: func(store.Template) error { return errCause },
		Channel: func(store.Channel, []store.ChannelDetail) error {
			return &store.ValidationError{Table: "monitor_channel_detail", Column: "data_value", Reason: "malformed"}
		},
	})
	_, err := cfg.CreateRuleRoute(ctx, store.RuleRoute{InfoType: new(7), CountryNo: new("PH"), RuleNo: r.RuleNo})
	wantRefusal(t, err, "monitor_rule_route", "info_type", "info_type 7 is not a scene")
	_, err = cfg.CreateRouting(ctx, store.Routing{CountryNo: "PH", CountryName: "Philippines", InfoType: new(7), ChannelNo: ch.ChannelNo})
	wantRefusal(t, err, "monitor_routing", "info_type", "not a scene")
	_, err = cfg.CreateCountryTemplate(ctx, store.CountryTemplate{CountryNo: new("PH"), ModNo: tpl7.ModNo, InfoType: new(7)})
	wantRefusal(t, err, "monitor_country_mod", "info_type", "not a scene")
	_, err = cfg.CreateTemplate(ctx, store.Template{InfoType: new(7), SendType: new(store.SendRealtime), Content: new("{country}")})
	wantRefusal(t, err, "monitor_mod", "info_type", "not a scene")

	// A hook's plain error is wrapped, naming the table and a column; the
	// text has no generated code (none was generated).
	_, err = cfg.CreateTemplate(ctx, store.Template{InfoType: new(1), SendType: new(store.SendRealtime), Content: new("{country}")})
	wantRefusal(t, err, "monitor_mod", "content")
	if !errors.Is(err, errCause) || err.Error() != "store: monitor_mod.content: the engine says no" {
		t.Fatalf("template refusal: %v", err)
	}
	// A hook's *ValidationError is kept as it is.
	_, err = cfg.CreateChannel(ctx, store.Channel{ChannelName: new("ops2")}, []store.ChannelDetail{{DataKey: new("k"), DataValue: new("v")}})
	wantRefusal(t, err, "monitor_channel_detail", "data_value", "malformed")
	if err.Error() != "store: monitor_channel_detail.data_value: malformed" {
		t.Fatalf("channel refusal: %v", err)
	}
	var n int
	if err := db.SQL().GetContext(ctx, &n, "SELECT (SELECT COUNT(*) FROM monitor_mod) + (SELECT COUNT(*) FROM monitor_channel) + "+
		"(SELECT COUNT(*) FROM monitor_rule_route) + (SELECT COUNT(*) FROM monitor_routing) + (SELECT COUNT(*) FROM monitor_country_mod)"); err != nil {
		t.Fatal(err)
	}
	if n != 2 { // the template and the channel made without checks
		t.Fatalf("%d rows, want 2: a refused row was written", n)
	}
}
