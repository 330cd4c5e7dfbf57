package console_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/yujing-go/yujing/alert"
	"github.com/yujing-go/yujing/console"
	"github.com/yujing-go/yujing/internal/testdb"
	"github.com/yujing-go/yujing/scene"
	"github.com/yujing-go/yujing/store"
)

// BenchmarkRoutesPage serves the routes page (25 countries × 20 scenes
// of the matrix, and ops.Check over the whole configuration) at 200
// countries × 20 scenes: a rule route for every scene × country (4,000),
// a template and a "*" mapping per scene but the last (200 no_template
// gaps), a "*" channel route per scene and one per country, on SQLite
// and MariaDB. One op is one page, rendered in full; the page keeps its
// reading of the configuration while the version does not move, so
// "changed" measures the page after every change (a new reading and
// Check):
//
//	ALERT_TEST_MYSQL_DSN=… go test ./console/ -run '^$' -bench RoutesPage -benchtime 20x
func BenchmarkRoutesPage(b *testing.B) {
	for _, be := range testdb.Backends() {
		b.Run(be.Name, func(b *testing.B) {
			now := time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC)
			db := be.Open(b, store.WithClock(func() time.Time { return now }))
			scenes := make([]scene.Scene, benchScenes)
			for i := range scenes {
				scenes[i] = namedScene{benchScene(i), benchScene(i).Name()}
			}
			quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
			e, err := alert.New(alert.WithStore(db), alert.WithScenes(scenes...), alert.WithClock(func() time.Time { return now }),
				alert.WithLogger(quiet))
			if err != nil {
				b.Fatal(err)
			}
			start := time.Now()
			loadRoutes(b, db)
			b.Logf("%s: configured %d countries × %d scenes in %s", testdb.Describe(db), benchCountries, benchScenes, time.Since(start).Round(time.Millisecond))
			h, err := console.New(e, db, console.WithLogger(quiet))
			if err != nil {
				b.Fatal(err)
			}
			for _, path := range []string{"/routes", "/routes?page=8"} {
				b.Run("GET "+path, func(b *testing.B) { benchPage(b, h, path) })
			}
			// Every request after a change of the configuration: the page
			// reads it again and runs Check (the version's bump, one
			// statement, is in the time).
			b.Run("GET /routes/changed", func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					if _, err := db.SQL().ExecContext(context.Background(), "UPDATE yujing_config_version SET version = version + 1"); err != nil {
						b.Fatal(err)
					}
					rec := httptest.NewRecorder()
					h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/routes", nil))
					if rec.Code != http.StatusOK {
						b.Fatalf("GET /routes: %d", rec.Code)
					}
				}
			})
		})
	}
}

// loadRoutes writes the benchmark's configuration without the engine's
// checks (one row a call).
func loadRoutes(b *testing.B, db *store.DB) {
	b.Helper()
	ctx := context.Background()
	cfg := store.NewConfig(db, store.Validation{}, store.AsUser("bench"))
	must := func(_ any, err error) {
		if err != nil {
			b.Fatal(err)
		}
	}
	must(cfg.CreateRule(ctx, store.Rule{RuleNo: new("R1"), FunCode: new("rate < threshold"), ThresholdVal: new("0.9")}))
	for i := range 3 {
		must(cfg.CreateChannel(ctx, store.Channel{ChannelNo: new(fmt.Sprintf("CH-%d", i)), Type: new(store.ChannelWebhook)},
			[]store.ChannelDetail{{DataKey: new("url"), DataValue: new(fmt.Sprintf("https://hooks.example/%d", i))}}))
	}
	countries := benchCountryCodes()
	for s := range benchScenes {
		infoType := 100 + s
		if s < benchScenes-1 {
			mod := fmt.Sprintf("MD-%d", infoType)
			must(cfg.CreateTemplate(ctx, store.Template{ModNo: new(mod), Title: new("t"), InfoType: new(infoType),
				SendType: new(store.SendRealtime), Content: new("{country}"), ContentChinese: new("{country}")}))
			must(cfg.CreateCountryTemplate(ctx, store.CountryTemplate{CountryNo: new(store.AllCountries), ModNo: new(mod), InfoType: new(infoType)}))
		}
		must(cfg.CreateRouting(ctx, store.Routing{CountryNo: store.AllCountries, CountryName: "every country", InfoType: new(infoType), ChannelNo: new("CH-0")}))
		for _, co := range countries {
			must(cfg.CreateRuleRoute(ctx, store.RuleRoute{InfoType: new(infoType), CountryNo: new(co), RuleNo: new("R1")}))
		}
	}
	for _, co := range countries {
		must(cfg.CreateRouting(ctx, store.Routing{CountryNo: co, CountryName: co, InfoType: new(100), ChannelNo: new("CH-1")}))
	}
}

// namedScene is a benchmark scene whose Name is a constant, as a host's
// scene's is (benchScene formats its name on every call, and the engine's
// configuration checks ask for it per row).
type namedScene struct {
	benchScene
	name string
}

func (s namedScene) Name() string { return s.name }
