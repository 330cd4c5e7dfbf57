package alert_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/yujing-go/yujing/internal/testdb"
	"github.com/yujing-go/yujing/scene"
	"github.com/yujing-go/yujing/store"
)

// TestMissingConfigurationIsVisible: a record with no rule route, no
// template or no channel route ends in a state whose reason says which is
// missing, after its retries; nothing is dropped silently.
func TestMissingConfigurationIsVisible(t *testing.T) {
	f := newFixture(t, testdb.SQLite)
	f.scene.rate = func(string, scene.Window) float64 { return 0.5 }
	ctx := context.Background()
	cfg := f.engine.Config(f.db)
	// A rule routed to PH and ID only; a template for PH only; a channel route for PH only.
	r, err := cfg.CreateRule(ctx, store.Rule{FunCode: new("rate < threshold"), ThresholdVal: new("0.9")})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []string{"PH", "ID", "VN"} {
		if _, err := cfg.CreateRuleRoute(ctx, store.RuleRoute{InfoType: new(smsScene), CountryNo: new(c), RuleNo: r.RuleNo}); err != nil {
			t.Fatal(err)
		}
	}
	tpl, err := cfg.CreateTemplate(ctx, store.Template{InfoType: new(smsScene), SendType: new(store.SendRealtime), Content: new("{country} {rate_pct}")})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []string{"PH", "ID"} {
		if _, err := cfg.CreateCountryTemplate(ctx, store.CountryTemplate{CountryNo: new(c), ModNo: tpl.ModNo, InfoType: new(smsScene)}); err != nil {
			t.Fatal(err)
		}
	}
	f.route("PH", f.addWebhook("CH-1", "/a"))
	f.route("VN", "CH-1")
	f.scene.countries = []string{"PH", "ID", "TH", "VN"}
	// Tick long enough for every retry (backoff up to 5 minutes).
	for range 12 {
		f.tick()
		f.clock.Advance(5 * time.Minute)
	}
	for key, rec := range f.records() {
		switch country := key[:2]; country {
		case "PH":
			if *rec.Status != store.RecordRecorded {
				t.Errorf("%s: status %d (%s)", key, *rec.Status, str(rec.Reason))
			}
		case "TH": // no rule route
			if *rec.Status != store.RecordRuleFailed || !strings.Contains(str(rec.Reason), "no rule route") {
				t.Errorf("%s: status %d reason %q", key, *rec.Status, str(rec.Reason))
			}
		case "ID": // rule fires, but no channel route
			if *rec.Status != store.RecordRecordFailed || !strings.Contains(str(rec.Reason), "no channel route") {
				t.Errorf("%s: status %d reason %q", key, *rec.Status, str(rec.Reason))
			}
		case "VN": // rule fires, channel routed, but no template
			if *rec.Status != store.RecordRecordFailed || !strings.Contains(str(rec.Reason), "no template") {
				t.Errorf("%s: status %d reason %q", key, *rec.Status, str(rec.Reason))
			}
		}
	}
	// The earliest records used up their retries: 0 left, final.
	var exhausted int
	for _, rec := range f.records() {
		if (*rec.Status == store.RecordRuleFailed && *rec.RuleRetryTime == 0) || (*rec.Status == store.RecordRecordFailed && *rec.SendRetryTime == 0) {
			exhausted++
		}
	}
	if exhausted == 0 {
		t.Error("no failed record used up its retries")
	}
	for _, missing := range []string{"no channel route", "no rule route", "no template"} {
		if !strings.Contains(f.logs.String(), missing) {
			t.Errorf("the log does not say %q", missing)
		}
	}
	if got := f.recv.Got(); len(got) == 0 {
		t.Error("PH's alerts were not delivered")
	}
}

// TestValidationKeepsBadConfigurationOut: the engine's validation refuses
// an invalid rule (with its position), a template with an unknown
// placeholder or a bad schedule, and a channel missing a key.
func TestValidationKeepsBadConfigurationOut(t *testing.T) {
	f := newFixture(t, testdb.SQLite)
	ctx := context.Background()
	cfg := f.engine.Config(f.db)
	_, err := cfg.CreateRule(ctx, store.Rule{RuleNo: new("R001"), FunCode: new("rat < 0.9")})
	if err == nil || !strings.Contains(err.Error(), "rule R001: 1:1: undeclared reference to 'rat'") {
		t.Errorf("bad rule: %v", err)
	}
	_, err = cfg.CreateRule(ctx, store.Rule{FunCode: new("rate + 1")})
	if err == nil {
		t.Error("a non-bool rule was accepted")
	}
	_, err = cfg.CreateTemplate(ctx, store.Template{InfoType: new(1), SendType: new(store.SendRealtime), Content: new("rate {rat}")})
	if err == nil || !strings.Contains(err.Error(), "unknown placeholder {rat}") {
		t.Errorf("bad placeholder: %v", err)
	}
	bad := store.Template{InfoType: new(1), SendType: new(store.SendScheduled), Content: new("digest {count}")}
	bad.Param4 = new("9 o'clock")
	if _, err = cfg.CreateTemplate(ctx, bad); err == nil || !strings.Contains(err.Error(), "param4") {
		t.Errorf("bad schedule: %v", err)
	}
	_, err = cfg.CreateChannel(ctx, store.Channel{ChannelNo: new("CH-BAD"), Type: new(store.ChannelDingTalk)},
		[]store.ChannelDetail{{DataKey: new("secret"), DataValue: new("SECabc")}})
	if err == nil || !strings.Contains(err.Error(), "access_token") || strings.Contains(err.Error(), "SECabc") {
		t.Errorf("channel without its token: %v", err)
	}
	var n int
	_ = f.db.SQL().Get(&n, "SELECT (SELECT COUNT(*) FROM monitor_rule) + (SELECT COUNT(*) FROM monitor_mod) + (SELECT COUNT(*) FROM monitor_channel)")
	if n != 0 {
		t.Errorf("%d invalid rows were written", n)
	}
}
