package ops_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/yujing-go/yujing/alert"
	"github.com/yujing-go/yujing/internal/testdb"
	"github.com/yujing-go/yujing/ops"
	"github.com/yujing-go/yujing/store"
)

// TestCheckCleanConfiguration: the quickstart-like configuration, written
// through the engine's checks, has no finding.
func TestCheckCleanConfiguration(t *testing.T) {
	for _, be := range testdb.Backends() {
		t.Run(be.Name, func(t *testing.T) {
			db := be.Open(t)
			e, k := checkKit(t, db)
			configureClean(t, e, db)
			rep, err := k.Check(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if len(rep.Findings) != 0 || !rep.OK() || rep.Errors != 0 || rep.Warnings != 0 {
				t.Fatalf("findings on the clean configuration: %+v", rep)
			}
		})
	}
}

// seeded is the codes of the rows seedProblems wrote.
type seeded struct {
	badTemplate, badChannel, badRule                       string
	unknownSceneRouting, vnRuleRoute                       string
	shadowedMapping, shadowedRouting, shadowedRuleRoute    string
	duplicateRuleRoute, disabledTargetMapping, starMapping string
	disabledTemplate, typoChannel, beatenMapping           string
}

// seedProblems adds to the clean configuration one row for each kind of
// problem, with the checks off (UncheckedConfig) or with SQL where even
// the store refuses the row: what a careless script or an old tool writes.
func seedProblems(t *testing.T, db *store.DB, c clean) seeded {
	t.Helper()
	ctx := context.Background()
	cfg := db.UncheckedConfig(store.AsUser("ops-test"))
	var s seeded
	// A template with an unknown placeholder in English and a stray brace in Chinese.
	s.badTemplate = *must(cfg.CreateTemplate(ctx, store.Template{Title: new("Bad"), InfoType: new(thirdScene), SendType: new(store.SendRealtime),
		Content: new("{country_name}: {rat} and {nope}"), ContentChinese: new("{country_name：坏")}))(t).ModNo
	// A WeCom robot with a malformed timeout: it does not build.
	s.badChannel = *must(cfg.CreateChannel(ctx, store.Channel{ChannelName: new("broken robot"), Type: new(store.ChannelWeCom)},
		[]store.ChannelDetail{{DataKey: new("key"), DataValue: new(cfgWecomKey)}, {DataKey: new("timeout"), DataValue: new("soon")}}))(t).ChannelNo
	// A webhook with a typo in a key: it builds, and ignores the key.
	s.typoChannel = *must(cfg.CreateChannel(ctx, store.Channel{ChannelName: new("typo hook"), Type: new(store.ChannelWebhook)},
		[]store.ChannelDetail{{DataKey: new("url"), DataValue: new("https://hooks.example.com/typo")}, {DataKey: new("timout"), DataValue: new("5s")}}))(t).ChannelNo
	// A rule whose CEL does not compile.
	s.badRule = *must(cfg.CreateRule(ctx, store.Rule{FunCode: new("rate <"), ThresholdVal: new("0.9")}))(t).RuleNo
	// A route for a scene the engine does not know.
	s.unknownSceneRouting = must(cfg.CreateRouting(ctx, store.Routing{CountryNo: "PH", CountryName: "Philippines", InfoType: new(99), ChannelNo: &c.channel}))(t).RoutingNo
	// Rules for VN, which has no template, no channel and no time zone.
	vnRule := must(cfg.CreateRule(ctx, store.Rule{FunCode: new("numerator < 10"), ThresholdVal: new("0")}))(t).RuleNo
	s.vnRuleRoute = *must(cfg.CreateRuleRoute(ctx, store.RuleRoute{InfoType: new(smsScene), CountryNo: new("VN"), RuleNo: vnRule}))(t).BuNo
	// PH's collections mapping and routing repeat those for every country.
	s.shadowedMapping = *must(cfg.CreateCountryTemplate(ctx, store.CountryTemplate{CountryNo: new("PH"), ModNo: &c.collections, InfoType: new(collectionsScene)}))(t).BuNo
	s.shadowedRouting = must(cfg.CreateRouting(ctx, store.Routing{CountryNo: "PH", CountryName: "Philippines", InfoType: new(collectionsScene), ChannelNo: &c.channel}))(t).RoutingNo
	// PH's SMS rule route repeats the route for every country, twice.
	s.shadowedRuleRoute = *must(cfg.CreateRuleRoute(ctx, store.RuleRoute{InfoType: new(smsScene), CountryNo: new("PH"), RuleNo: &c.rule}))(t).BuNo
	s.duplicateRuleRoute = *must(cfg.CreateRuleRoute(ctx, store.RuleRoute{InfoType: new(smsScene), CountryNo: new("TH"), RuleNo: &c.rule, Status: new(store.ConfigDisabled)}))(t).BuNo
	// The third scene: rules and a template in ID only, and a mapping for
	// every country that no alerting country uses.
	third := *must(cfg.CreateTemplate(ctx, store.Template{Title: new("Third"), InfoType: new(thirdScene), SendType: new(store.SendRealtime),
		Content: new("{country_name}: {rate_pct}")}))(t).ModNo
	must(cfg.CreateRuleRoute(ctx, store.RuleRoute{InfoType: new(thirdScene), CountryNo: new("ID"), RuleNo: &c.rule}))(t)
	must(cfg.CreateCountryTemplate(ctx, store.CountryTemplate{CountryNo: new("ID"), ModNo: &third, InfoType: new(thirdScene)}))(t)
	must(cfg.CreateRouting(ctx, store.Routing{CountryNo: "ID", CountryName: "Indonesia", InfoType: new(thirdScene), ChannelNo: &c.channel}))(t)
	generic := must(cfg.CreateTemplate(ctx, store.Template{Title: new("Generic"), InfoType: new(thirdScene), SendType: new(store.SendRealtime),
		Content: new("{scene} in {country}: {rate_pct}")}))(t).ModNo
	s.starMapping = *must(cfg.CreateCountryTemplate(ctx, store.CountryTemplate{CountryNo: new(store.AllCountries), ModNo: generic, InfoType: new(thirdScene)}))(t).BuNo
	// A TH mapping of the third scene to a template that is disabled.
	s.disabledTemplate = *must(cfg.CreateTemplate(ctx, store.Template{Title: new("Off"), InfoType: new(thirdScene), SendType: new(store.SendRealtime),
		Content: new("{country_name}"), Status: new(store.ConfigDisabled)}))(t).ModNo
	s.disabledTargetMapping = *must(cfg.CreateCountryTemplate(ctx, store.CountryTemplate{CountryNo: new("TH"), ModNo: &s.disabledTemplate, InfoType: new(thirdScene)}))(t).BuNo
	// A second SMS mapping for PH, to another template: the first one (smaller id) wins.
	alt := must(cfg.CreateTemplate(ctx, store.Template{Title: new("SMS alt"), InfoType: new(smsScene), SendType: new(store.SendRealtime),
		Content: new("{country_name}: {rate_pct}")}))(t).ModNo
	s.beatenMapping = *must(cfg.CreateCountryTemplate(ctx, store.CountryTemplate{CountryNo: new("PH"), ModNo: alt, InfoType: new(smsScene)}))(t).BuNo
	// The store refuses an enabled duplicate; an old tool's SQL does not.
	dup := must(cfg.GetRuleRoute(ctx, s.duplicateRuleRoute))(t)
	if _, err := db.SQL().Exec(db.SQL().Rebind("UPDATE monitor_rule_route SET country_no = ?, status = 0 WHERE id = ?"), "PH", dup.ID); err != nil {
		t.Fatal(err)
	}
	return s
}

// key identifies a finding in tests.
func key(f ops.Finding) string {
	scene := "-"
	if f.Scene != nil {
		scene = fmt.Sprint(*f.Scene)
	}
	dash := func(s string) string {
		if s == "" {
			return "-"
		}
		return s
	}
	return strings.Join([]string{string(f.Severity), f.Check, f.Table, dash(f.Code), f.Column, scene, dash(f.Country)}, " ")
}

// TestCheckFindsEachProblemOnce: a configuration seeded with each kind of
// problem gives each finding once, naming table, code and column, and no
// other; the channel's secret is in no finding.
func TestCheckFindsEachProblemOnce(t *testing.T) {
	for _, be := range testdb.Backends() {
		t.Run(be.Name, func(t *testing.T) {
			db := be.Open(t)
			e, k := checkKit(t, db)
			c := configureClean(t, e, db)
			s := seedProblems(t, db, c)
			rep, err := k.Check(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			want := []string{
				"error template monitor_mod " + s.badTemplate + " content 3 -",
				"error template monitor_mod " + s.badTemplate + " content_chinese 3 -",
				"error channel monitor_channel_detail " + s.badChannel + " data_value - -",
				"error rule monitor_rule " + s.badRule + " fun_code - -",
				"warning channel_key monitor_channel_detail " + s.typoChannel + " data_key - -",
				"error unknown_scene monitor_routing " + s.unknownSceneRouting + " info_type 99 -",
				"error no_template monitor_country_mod - mod_no 1 VN",
				"error no_channel monitor_routing - channel_no 1 VN",
				"warning shadowed monitor_country_mod " + s.shadowedMapping + " mod_no 2 PH",
				"warning shadowed monitor_routing " + s.shadowedRouting + " country_no 2 PH",
				"warning shadowed monitor_rule_route " + s.shadowedRuleRoute + " country_no 1 PH",
				"warning duplicate monitor_rule_route " + s.duplicateRuleRoute + " rule_no 1 PH",
				"warning shadowed monitor_country_mod " + s.starMapping + " country_no 3 *",
				"warning shadowed monitor_country_mod " + s.beatenMapping + " mod_no 1 PH",
				"warning disabled_target monitor_country_mod " + s.disabledTargetMapping + " mod_no 3 TH",
				"warning no_time_zone monitor_rule_route - country_no - VN",
			}
			got := map[string]int{}
			for _, f := range rep.Findings {
				got[key(f)]++
				if f.Message == "" {
					t.Errorf("finding without a message: %+v", f)
				}
			}
			for _, w := range want {
				if got[w] != 1 {
					t.Errorf("finding %q: %d times, want once", w, got[w])
				}
				delete(got, w)
			}
			for g := range got {
				t.Errorf("unexpected finding %q", g)
			}
			if rep.Errors != 7 || rep.Warnings != 9 || rep.OK() {
				t.Errorf("errors %d, warnings %d, ok %v: want 7, 9, false", rep.Errors, rep.Warnings, rep.OK())
			}
			out, _ := json.Marshal(rep)
			for _, secret := range []string{cfgWebhookSecret, cfgWecomKey} {
				if strings.Contains(string(out), secret) {
					t.Errorf("a finding shows a channel secret: %s", out)
				}
			}
			if t.Failed() {
				for _, f := range rep.Findings {
					t.Logf("%s: %s", key(f), f.Message)
				}
			}
		})
	}
}

// TestCheckIsDeterministic: two checks of the same configuration give the
// same findings in the same order, errors first.
func TestCheckIsDeterministic(t *testing.T) {
	db := testdb.SQLite(t)
	e, k := checkKit(t, db)
	seedProblems(t, db, configureClean(t, e, db))
	a := must(k.Check(context.Background()))(t)
	b := must(k.Check(context.Background()))(t)
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	if string(ja) != string(jb) {
		t.Fatalf("two checks differ:\n%s\n%s", ja, jb)
	}
	for i, f := range a.Findings {
		if f.Severity == ops.SeverityError && i > 0 && a.Findings[i-1].Severity == ops.SeverityWarning {
			t.Fatalf("error after a warning at %d: %s", i, ja)
		}
	}
}

// TestCheckWithoutScenes: an engine that knows no scene (the plain
// binary) says so once instead of finding every row's scene unknown.
func TestCheckWithoutScenes(t *testing.T) {
	db := testdb.SQLite(t)
	e, _ := checkKit(t, db)
	configureClean(t, e, db)
	bare, err := alert.New(alert.WithStore(db), alert.WithTimeZones(map[string]*time.Location{"PH": time.UTC, "ID": time.UTC, "TH": time.UTC}))
	if err != nil {
		t.Fatal(err)
	}
	rep := must(ops.New(bare, db).Check(context.Background()))(t)
	if len(rep.Findings) != 1 || rep.Findings[0].Check != ops.CheckNoScenes || rep.Findings[0].Severity != ops.SeverityWarning || !rep.OK() {
		t.Fatalf("findings: %+v", rep.Findings)
	}
}
