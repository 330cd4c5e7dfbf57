package alert_test

import (
	"context"
	"errors"
	"log/slog"
	"strings"
	"testing"

	"github.com/yujing-go/yujing/alert"
	"github.com/yujing-go/yujing/internal/testdb"
	"github.com/yujing-go/yujing/rule"
	"github.com/yujing-go/yujing/store"
)

// refusal returns err as a *store.ValidationError naming table and column,
// failing the test otherwise.
func refusal(t *testing.T, err error, table, column string) *store.ValidationError {
	t.Helper()
	var ve *store.ValidationError
	if !errors.As(err, &ve) || ve.Table != table || ve.Column != column {
		t.Fatalf("want a *store.ValidationError naming %s.%s, got %v", table, column, err)
	}
	return ve
}

// countConfig counts the rows of the configuration tables.
func (f *fixture) countConfig() int {
	return f.count("SELECT (SELECT COUNT(*) FROM monitor_rule) + (SELECT COUNT(*) FROM monitor_rule_route) + " +
		"(SELECT COUNT(*) FROM monitor_mod) + (SELECT COUNT(*) FROM monitor_country_mod) + " +
		"(SELECT COUNT(*) FROM monitor_channel) + (SELECT COUNT(*) FROM monitor_channel_detail) + (SELECT COUNT(*) FROM monitor_routing)")
}

// TestConfigRefusesUnknownScenes: templates, rule routes, country
// templates and routings for an info_type that is none of the engine's
// scenes are refused, naming the scenes it knows; WithFireTypes declares
// an info type raised only with Fire.
func TestConfigRefusesUnknownScenes(t *testing.T) {
	for _, be := range testdb.Backends() {
		t.Run(be.Name, func(t *testing.T) {
			f := newFixture(t, be.Open)
			ctx := context.Background()
			ruleNo, channelNo := f.configure("PH")
			cfg := f.engine.Config(f.db)
			before := f.countConfig()
			const unknown = 9
			want := "info_type 9 is not a scene of this engine (it knows 1 (SMS verification success))"

			_, err := cfg.CreateTemplate(ctx, store.Template{InfoType: new(unknown), SendType: new(store.SendRealtime), Content: new("{country}")})
			if ve := refusal(t, err, "monitor_mod", "info_type"); ve.Reason != want {
				t.Errorf("template: %q, want %q", ve.Reason, want)
			}
			_, err = cfg.CreateRuleRoute(ctx, store.RuleRoute{InfoType: new(unknown), CountryNo: new("PH"), RuleNo: &ruleNo})
			refusal(t, err, "monitor_rule_route", "info_type")
			_, err = cfg.CreateCountryTemplate(ctx, store.CountryTemplate{CountryNo: new("PH"), ModNo: new("MD-SMS"), InfoType: new(unknown)})
			refusal(t, err, "monitor_country_mod", "info_type")
			_, err = cfg.CreateRouting(ctx, store.Routing{CountryNo: "PH", CountryName: "Philippines", InfoType: new(unknown), ChannelNo: &channelNo})
			if ve := refusal(t, err, "monitor_routing", "info_type"); !strings.Contains(err.Error(), want) {
				t.Errorf("routing: %v", ve)
			}
			// An update to an unknown scene too.
			routes, err := cfg.ListRoutings(ctx, store.Filter{})
			if err != nil || len(routes) != 1 {
				t.Fatalf("routings: %d %v", len(routes), err)
			}
			routes[0].InfoType = new(unknown)
			_, err = cfg.UpdateRouting(ctx, routes[0])
			refusal(t, err, "monitor_routing", "info_type")
			if n := f.countConfig(); n != before {
				t.Fatalf("%d configuration rows, want %d: a refused row was written", n, before)
			}

			// Declared for Fire: accepted.
			e := f.newEngine(alert.WithFireTypes(unknown))
			fire := e.Config(f.db)
			tpl, err := fire.CreateTemplate(ctx, store.Template{InfoType: new(unknown), SendType: new(store.SendRealtime), Content: new("{country} {vars.order}")})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := fire.CreateCountryTemplate(ctx, store.CountryTemplate{CountryNo: new("*"), ModNo: tpl.ModNo, InfoType: new(unknown)}); err != nil {
				t.Fatal(err)
			}
			if _, err := fire.CreateRouting(ctx, store.Routing{CountryNo: "*", CountryName: "all", InfoType: new(unknown), ChannelNo: &channelNo}); err != nil {
				t.Fatal(err)
			}
			_, err = fire.CreateRuleRoute(ctx, store.RuleRoute{InfoType: new(8), CountryNo: new("PH"), RuleNo: &ruleNo})
			if ve := refusal(t, err, "monitor_rule_route", "info_type"); !strings.Contains(ve.Reason, "9 (raised with Fire)") {
				t.Errorf("known scenes not listed: %v", err)
			}

			// An engine without scenes says how to give it some.
			bare, err := alert.New(alert.WithStore(f.db), alert.WithLogger(slog.New(slog.DiscardHandler)))
			if err != nil {
				t.Fatal(err)
			}
			_, err = bare.Config(f.db).CreateTemplate(ctx, store.Template{InfoType: new(1), SendType: new(store.SendRealtime), Content: new("{country}")})
			if ve := refusal(t, err, "monitor_mod", "info_type"); !strings.Contains(ve.Reason, "knows none") || !strings.Contains(ve.Reason, "WithScenes") {
				t.Errorf("no scenes: %v", err)
			}
		})
	}
}

// TestConfigRefusesUnknownChannelKeys: a detail key the channel's type
// does not read (a typo) is refused, naming the key and the key it likely
// meant, never the value, on create and on SetChannelDetails.
func TestConfigRefusesUnknownChannelKeys(t *testing.T) {
	for _, be := range testdb.Backends() {
		t.Run(be.Name, func(t *testing.T) {
			f := newFixture(t, be.Open)
			ctx := context.Background()
			cfg := f.engine.Config(f.db)
			details := []store.ChannelDetail{
				{DataKey: new("url"), DataValue: new(f.recv.URL + "/a?token=" + webhookToken)},
				{DataKey: new("timout"), DataValue: new("2s-secret-ish")},
				{DataKey: new("colour"), DataValue: new("red")},
			}
			_, err := cfg.CreateChannel(ctx, store.Channel{ChannelName: new("hook"), Type: new(store.ChannelWebhook)}, details)
			ve := refusal(t, err, "monitor_channel_detail", "data_key")
			for _, want := range []string{
				`channel hook (webhook): detail "colour": unknown key: a webhook channel does not read it`,
				`channel hook (webhook): detail "timout": unknown key: a webhook channel does not read it (did you mean "timeout"?)`,
			} {
				if !strings.Contains(ve.Reason, want) {
					t.Errorf("%q does not say %q", ve.Reason, want)
				}
			}
			for _, secret := range []string{webhookToken, "2s-secret-ish", "red"} {
				if strings.Contains(err.Error(), secret) {
					t.Errorf("the error shows a value: %v", err)
				}
			}
			if n := f.countConfig(); n != 0 {
				t.Fatalf("%d rows written", n)
			}
			no := f.addWebhook("CH-OK", "/ok")
			err = cfg.SetChannelDetails(ctx, no, []store.ChannelDetail{{DataKey: new("url"), DataValue: new(f.recv.URL)}, {DataKey: new("secert"), DataValue: new("x")}})
			if ve := refusal(t, err, "monitor_channel_detail", "data_key"); !strings.Contains(ve.Reason, `detail "secert": unknown key: a webhook channel does not read it (did you mean "secret"?)`) {
				t.Errorf("SetChannelDetails: %v", err)
			}
		})
	}
}

// TestConfigErrorsNameTableAndColumn: every refusal of the engine's checks
// is a *store.ValidationError naming the column at fault, and a refused
// create names no code (the code is generated only once the row passes).
func TestConfigErrorsNameTableAndColumn(t *testing.T) {
	for _, be := range testdb.Backends() {
		t.Run(be.Name, func(t *testing.T) {
			f := newFixture(t, be.Open)
			ctx := context.Background()
			cfg := f.engine.Config(f.db)

			// Rules.
			_, err := cfg.CreateRule(ctx, store.Rule{FunCode: new("rat < 0.9")})
			refusal(t, err, "monitor_rule", "fun_code")
			if want := "store: monitor_rule.fun_code: 1:1: undeclared reference to 'rat' (did you mean 'rate'?)"; err.Error() != want {
				t.Errorf("rule: %q, want %q", err, want)
			}
			if !errors.Is(err, rule.ErrInvalidRule) {
				t.Errorf("rule: %v does not match rule.ErrInvalidRule", err)
			}
			_, err = cfg.CreateRule(ctx, store.Rule{FunCode: new("rate < threshold"), ThresholdVal: new("0.9x")})
			refusal(t, err, "monitor_rule", "threshold_val")
			_, err = cfg.CreateRule(ctx, store.Rule{RuleNo: new("R-MINE"), FunCode: new("rat < 0.9")})
			if refusal(t, err, "monitor_rule", "fun_code"); !strings.Contains(err.Error(), "rule R-MINE: 1:1:") {
				t.Errorf("a code the caller gave is named: %v", err)
			}

			// Templates: the column at fault, the text without its prefix.
			tpl := func(mod func(*store.Template)) store.Template {
				m := store.Template{Title: new("t"), InfoType: new(smsScene), SendType: new(store.SendRealtime),
					Content: new("{country}"), ContentChinese: new("{country}")}
				mod(&m)
				return m
			}
			for _, c := range []struct {
				column, reason string
				tpl            store.Template
			}{
				{"content", "unknown placeholder {rat}", tpl(func(m *store.Template) { m.Content = new("{rat}") })},
				{"content_chinese", "character 3: '{' without a closing '}'", tpl(func(m *store.Template) { m.ContentChinese = new("成功{rate") })},
				{"title", "unknown placeholder {contry}", tpl(func(m *store.Template) { m.Title = new("{contry}") })},
				{"param4", "", tpl(func(m *store.Template) { m.SendType = new(store.SendScheduled); m.Param4 = new("9 o'clock") })},
				{"param3", "the realtime slot must be a positive number of seconds, got 0", tpl(func(m *store.Template) { m.Param3 = new(0) })},
			} {
				_, err := cfg.CreateTemplate(ctx, c.tpl)
				ve := refusal(t, err, "monitor_mod", c.column)
				if !strings.HasPrefix(ve.Reason, c.reason) || strings.HasPrefix(ve.Reason, c.column+":") {
					t.Errorf("%s: reason %q, want %q", c.column, ve.Reason, c.reason)
				}
				if strings.Contains(err.Error(), "MD") {
					t.Errorf("%s: the error names a code: %v", c.column, err)
				}
			}

			// Channels: a missing key, a malformed value, an unknown type.
			_, err = cfg.CreateChannel(ctx, store.Channel{Type: new(store.ChannelDingTalk)}, []store.ChannelDetail{{DataKey: new("secret"), DataValue: new("SECabc")}})
			refusal(t, err, "monitor_channel_detail", "data_key")
			if want := `store: monitor_channel_detail.data_key: channel (unnamed) (dingtalk): detail "access_token": missing`; err.Error() != want {
				t.Errorf("channel: %q, want %q", err, want)
			}
			_, err = cfg.CreateChannel(ctx, store.Channel{Type: new(store.ChannelWebhook)}, []store.ChannelDetail{
				{DataKey: new("url"), DataValue: new(f.recv.URL)}, {DataKey: new("timeout"), DataValue: new("soon")}})
			refusal(t, err, "monitor_channel_detail", "data_value")
			_, err = cfg.CreateChannel(ctx, store.Channel{ChannelName: new("x"), Type: new(store.ChannelType(42))}, nil)
			refusal(t, err, "monitor_channel", "type")
			if n := f.countConfig(); n != 0 {
				t.Fatalf("%d rows written", n)
			}
		})
	}
}
