package cli

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/yujing-go/yujing/alert"
	"github.com/yujing-go/yujing/store"
)

const (
	checkScene   = 1
	checkSecret  = "whsec-cli-do-not-print-77aa"
	checkRobotPw = "smtp-pw-do-not-print-19bd"
)

// hostOptions are a host's engine options: its scene (declared for
// Fire) and its countries' time zones.
func hostOptions() []alert.Option {
	return []alert.Option{alert.WithFireTypes(checkScene), alert.WithTimeZones(map[string]*time.Location{
		"PH": time.FixedZone("UTC+8", 8*3600), "ID": time.FixedZone("UTC+7", 7*3600)})}
}

// yujingHost runs the command line as a host that mounts it with its
// engine options.
func yujingHost(t *testing.T, args ...string) result {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), args, &out, &errb, WithEngineOptions(hostOptions()...))
	return result{code, out.String(), errb.String()}
}

// configured writes a clean configuration (a rule for every country, a
// template mapped and a webhook routed in PH and ID) through the engine's
// checks and returns the template's and the rule's codes.
func configured(t *testing.T, db *store.DB) (mod, rule string) {
	t.Helper()
	ctx := context.Background()
	e, err := alert.New(append(hostOptions(), alert.WithStore(db))...)
	if err != nil {
		t.Fatal(err)
	}
	cfg := e.Config(db)
	r := mustDo(cfg.CreateRule(ctx, store.Rule{FunCode: new("rate < threshold"), ThresholdVal: new("0.9")}))(t)
	mustDo(cfg.CreateRuleRoute(ctx, store.RuleRoute{InfoType: new(checkScene), CountryNo: new(store.AllCountries), RuleNo: r.RuleNo}))(t)
	tpl := store.Template{Title: new("SMS success low"), InfoType: new(checkScene), SendType: new(store.SendRealtime),
		Content: new("{country_name}: SMS success {rate_pct} in {window}"), ContentChinese: new("{country_name}：短信验证成功率 {rate_pct}")}
	tpl.SetTitleChinese("短信验证成功率低")
	saved := mustDo(cfg.CreateTemplate(ctx, tpl))(t)
	ch := mustDo(cfg.CreateChannel(ctx, store.Channel{ChannelName: new("ops"), Type: new(store.ChannelWebhook)},
		[]store.ChannelDetail{{DataKey: new("url"), DataValue: new("https://hooks.example.com/x")}, {DataKey: new("secret"), DataValue: new(checkSecret)}}))(t)
	for _, c := range []struct{ no, name string }{{"PH", "Philippines"}, {"ID", "Indonesia"}} {
		mustDo(cfg.CreateCountryTemplate(ctx, store.CountryTemplate{CountryNo: new(c.no), CountryName: new(c.name), ModNo: saved.ModNo, InfoType: new(checkScene)}))(t)
		mustDo(cfg.CreateRouting(ctx, store.Routing{CountryNo: c.no, CountryName: c.name, InfoType: new(checkScene), ChannelNo: ch.ChannelNo}))(t)
	}
	return *saved.ModNo, *r.RuleNo
}

func mustDo[T any](v T, err error) func(*testing.T) T {
	return func(t *testing.T) T {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
}

// TestCheck: a clean configuration checks OK (exit 0); with a broken
// template, a channel that does not build and a country with rules but
// without a template or channel it exits 3, listing each, in a table and in JSON,
// without a channel's secret; the plain binary, which knows no scene and
// no time zone, warns (exit 0 on the clean configuration).
func TestCheck(t *testing.T) {
	forEachBackend(t, func(t *testing.T, b *backend) {
		b.migrated(t)
		db := b.open(t)
		_, rule := configured(t, db)
		if r := yujingHost(t, b.args("check")...); r.code != exitOK || r.stdout != "configuration OK: no finding\n" {
			t.Fatalf("clean: exit %d\n%s%s", r.code, r.stdout, r.stderr)
		}
		var rep struct {
			Findings []map[string]any `json:"findings"`
			Errors   int              `json:"errors"`
			Warnings int              `json:"warnings"`
		}
		decode(t, yujingHost(t, b.args("check", "-o", "json")...), &rep)
		if rep.Findings == nil || len(rep.Findings) != 0 || rep.Errors != 0 {
			t.Fatalf("clean -o json: %+v", rep)
		}
		plainClean := yujing(t, b.args("check")...)
		plainClean.want(t, exitOK)
		if !strings.Contains(plainClean.stdout, "no_scenes") || !strings.Contains(plainClean.stdout, "0 errors, 3 warnings") {
			t.Errorf("plain binary on the clean configuration:\n%s", plainClean.stdout)
		}

		ctx := context.Background()
		cfg := db.UncheckedConfig()
		bad := mustDo(cfg.CreateTemplate(ctx, store.Template{Title: new("Bad"), InfoType: new(checkScene), SendType: new(store.SendRealtime),
			Content: new("{country_name}: {rat}")}))(t)
		mail := mustDo(cfg.CreateChannel(ctx, store.Channel{ChannelName: new("mail"), Type: new(store.ChannelEmail)},
			[]store.ChannelDetail{{DataKey: new("host"), DataValue: new("smtp.example.com")}, {DataKey: new("password"), DataValue: new(checkRobotPw)}}))(t)
		mustDo(cfg.CreateRuleRoute(ctx, store.RuleRoute{InfoType: new(checkScene), CountryNo: new("VN"), RuleNo: &rule}))(t)

		r := yujingHost(t, b.args("check")...)
		r.want(t, exitRefused, "check: 4 errors")
		for _, s := range []string{"template", *bad.ModNo, "content", "unknown placeholder {rat}", "channel", *mail.ChannelNo,
			"no_template", "no_channel", "VN", "shadowed", "no_time_zone"} {
			if !strings.Contains(r.stdout, s) {
				t.Errorf("check does not say %q:\n%s", s, r.stdout)
			}
		}
		if !strings.HasPrefix(lines(r.stdout)[1], "error") || !strings.Contains(r.stdout, "4 errors, 2 warnings") {
			t.Errorf("table:\n%s", r.stdout)
		}
		j := yujingHost(t, b.args("check", "-o", "json")...)
		j.want(t, exitRefused)
		decode(t, j, &rep)
		if rep.Errors != 4 || rep.Warnings != 2 || len(rep.Findings) != 6 || rep.Findings[0]["severity"] != "error" {
			t.Errorf("-o json: %+v", rep)
		}
		for _, out := range []string{r.stdout + r.stderr, j.stdout + j.stderr} {
			if strings.Contains(out, checkSecret) || strings.Contains(out, checkRobotPw) {
				t.Errorf("check shows a channel secret:\n%s", out)
			}
		}

		plain := yujing(t, b.args("check", "-o", "json")...)
		plain.want(t, exitRefused)
		decode(t, plain, &rep)
		if !strings.Contains(plain.stdout, `"no_time_zone"`) || !strings.Contains(plain.stdout, `"no_scenes"`) || rep.Errors != 4 {
			t.Errorf("plain binary: %s", plain.stdout)
		}
	})
}
