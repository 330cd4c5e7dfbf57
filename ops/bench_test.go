package ops_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/yujing-go/yujing/alert"
	"github.com/yujing-go/yujing/internal/testdb"
	"github.com/yujing-go/yujing/ops"
	"github.com/yujing-go/yujing/store"
)

// BenchmarkCheck checks a configuration of 10 scenes in 30 countries: a
// rule route for every country per scene, and per scene and country a
// template mapping and a routing (about 650 rows). rows/s counts the
// configuration rows checked.
func BenchmarkCheck(b *testing.B) {
	for _, be := range testdb.Backends() {
		b.Run(be.Name, func(b *testing.B) {
			ctx := context.Background()
			db := be.Open(b)
			scenes := make([]int, 10)
			for i := range scenes {
				scenes[i] = i + 1
			}
			zones := map[string]*time.Location{}
			for c := range 30 {
				zones[fmt.Sprintf("C%02d", c)] = time.UTC
			}
			e, err := alert.New(alert.WithStore(db), alert.WithFireTypes(scenes...), alert.WithTimeZones(zones))
			if err != nil {
				b.Fatal(err)
			}
			rows := benchConfig(b, e, db, scenes, zones)
			k := ops.New(e, db)
			b.ResetTimer()
			for b.Loop() {
				rep, err := k.Check(ctx)
				if err != nil || len(rep.Findings) != 0 {
					b.Fatalf("check: %v %+v", err, rep)
				}
			}
			b.ReportMetric(float64(rows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
		})
	}
}

// benchConfig writes the benchmark's configuration and returns its rows.
func benchConfig(b *testing.B, e *alert.Engine, db *store.DB, scenes []int, zones map[string]*time.Location) int {
	ctx := context.Background()
	cfg := e.Config(db)
	r := must(cfg.CreateRule(ctx, store.Rule{FunCode: new("rate < threshold"), ThresholdVal: new("0.9")}))(b)
	ch := must(cfg.CreateChannel(ctx, store.Channel{ChannelName: new("ops"), Type: new(store.ChannelWebhook)},
		[]store.ChannelDetail{{DataKey: new("url"), DataValue: new("https://hooks.example.com/x")}}))(b)
	rows := 2
	for _, s := range scenes {
		tpl := must(cfg.CreateTemplate(ctx, store.Template{Title: new("t"), InfoType: new(s), SendType: new(store.SendRealtime),
			Content: new("{country_name}: {rate_pct} in {window}")}))(b)
		must(cfg.CreateRuleRoute(ctx, store.RuleRoute{InfoType: new(s), CountryNo: new(store.AllCountries), RuleNo: r.RuleNo}))(b)
		rows += 2
		for c := range zones {
			must(cfg.CreateCountryTemplate(ctx, store.CountryTemplate{CountryNo: new(c), ModNo: tpl.ModNo, InfoType: new(s)}))(b)
			must(cfg.CreateRouting(ctx, store.Routing{CountryNo: c, CountryName: c, InfoType: new(s), ChannelNo: ch.ChannelNo}))(b)
			rows += 2
		}
	}
	return rows
}

// BenchmarkPreview previews a saved template of the quickstart-like
// configuration (it reads the template and the configuration's country
// names, then renders both languages).
func BenchmarkPreview(b *testing.B) {
	db := testdb.SQLite(b)
	e, err := alert.New(alert.WithStore(db), alert.WithFireTypes(smsScene, collectionsScene, thirdScene))
	if err != nil {
		b.Fatal(err)
	}
	c := configureClean(b, e, db)
	k := ops.New(e, db)
	ctx := context.Background()
	for b.Loop() {
		if p, err := k.Preview(ctx, ops.PreviewRequest{ModNo: c.sms}); err != nil || p.Error != "" {
			b.Fatal(err, p)
		}
	}
}
