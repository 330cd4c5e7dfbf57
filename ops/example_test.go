package ops_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/yujing-go/yujing/alert"
	"github.com/yujing-go/yujing/ops"
	"github.com/yujing-go/yujing/store"
)

// exampleSetup opens a migrated SQLite database in dir and makes an
// engine for scene 1 (raised with Fire) with the Philippines' time zone,
// and a template for it mapped and routed in the Philippines.
func exampleSetup(ctx context.Context, dir string) (*alert.Engine, *store.DB, string, error) {
	db, err := store.OpenSQLite(ctx, filepath.Join(dir, "alerts.db"))
	if err != nil {
		return nil, nil, "", err
	}
	if err := db.Migrate(ctx); err != nil {
		return nil, nil, "", err
	}
	e, err := alert.New(alert.WithStore(db), alert.WithFireTypes(1),
		alert.WithTimeZones(map[string]*time.Location{"PH": time.FixedZone("UTC+8", 8*3600)}))
	if err != nil {
		return nil, nil, "", err
	}
	cfg := e.Config(db)
	tpl := store.Template{Title: new("SMS success low"), InfoType: new(1), SendType: new(store.SendRealtime),
		Content:        new("{country_name}: SMS success {rate_pct} in {window}"),
		ContentChinese: new("{country_name}：短信验证成功率 {rate_pct}，时段 {window}")}
	tpl.SetTitleChinese("短信验证成功率低")
	saved, err := cfg.CreateTemplate(ctx, tpl)
	if err != nil {
		return nil, nil, "", err
	}
	ch, err := cfg.CreateChannel(ctx, store.Channel{ChannelName: new("ops"), Type: new(store.ChannelWebhook)},
		[]store.ChannelDetail{{DataKey: new("url"), DataValue: new("https://hooks.example.com/alerts")}})
	if err == nil {
		_, err = cfg.CreateCountryTemplate(ctx, store.CountryTemplate{CountryNo: new("PH"), CountryName: new("Philippines"), ModNo: saved.ModNo, InfoType: new(1)})
	}
	if err == nil {
		_, err = cfg.CreateRouting(ctx, store.Routing{CountryNo: "PH", CountryName: "Philippines", InfoType: new(1), ChannelNo: ch.ChannelNo})
	}
	return e, db, *saved.ModNo, err
}

// Check finds that rules apply to Indonesia, where no template, channel
// or time zone is configured.
func ExampleToolkit_Check() {
	ctx := context.Background()
	dir, _ := os.MkdirTemp("", "yujing-example-")
	defer os.RemoveAll(dir)
	e, db, _, err := exampleSetup(ctx, dir)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer db.Close()
	cfg := e.Config(db)
	r, _ := cfg.CreateRule(ctx, store.Rule{FunCode: new("rate < threshold"), ThresholdVal: new("0.9")})
	for _, country := range []string{"PH", "ID"} {
		_, _ = cfg.CreateRuleRoute(ctx, store.RuleRoute{InfoType: new(1), CountryNo: new(country), RuleNo: r.RuleNo})
	}

	report, err := ops.New(e, db).Check(ctx)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, f := range report.Findings {
		fmt.Println(f.Severity, f.Check, f.Table+"."+f.Column, f.Country)
	}
	fmt.Println("ok:", report.OK())
	// Output:
	// error no_template monitor_country_mod.mod_no ID
	// error no_channel monitor_routing.channel_no ID
	// warning no_time_zone monitor_rule_route.country_no ID
	// ok: false
}

// Preview renders a saved template in both languages as the engine would
// send it, here with a given rate over the sample's values.
func ExampleToolkit_Preview() {
	ctx := context.Background()
	dir, _ := os.MkdirTemp("", "yujing-example-")
	defer os.RemoveAll(dir)
	e, db, modNo, err := exampleSetup(ctx, dir)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer db.Close()

	p, err := ops.New(e, db).Preview(ctx, ops.PreviewRequest{ModNo: modNo, Values: map[string]string{"rate_pct": "42.00%"}})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, l := range p.Languages {
		fmt.Printf("%s: %s | %s\n", l.Lang, l.Title, l.Text)
	}
	fmt.Println("problems:", len(p.Problems), "over a limit:", len(p.OverLimit))
	// Output:
	// en: SMS success low | Philippines: SMS success 42.00% in 2026-11-24 10:00–10:10
	// zh: 短信验证成功率低 | Philippines：短信验证成功率 42.00%，时段 2026-11-24 10:00–10:10
	// problems: 0 over a limit: 0
}
