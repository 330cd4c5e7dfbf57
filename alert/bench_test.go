package alert_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/yujing-go/yujing/alert"
	"github.com/yujing-go/yujing/internal/heapwatch"
	"github.com/yujing-go/yujing/internal/ids"
	"github.com/yujing-go/yujing/internal/testclock"
	"github.com/yujing-go/yujing/internal/testdb"
	"github.com/yujing-go/yujing/scene"
	"github.com/yujing-go/yujing/store"
)

// flatScene reports the same rate for n countries in every window.
type flatScene struct {
	countries []string
	rate      float64
}

func (s *flatScene) InfoType() int         { return 1 }
func (s *flatScene) Name() string          { return "bench" }
func (s *flatScene) Window() time.Duration { return 10 * time.Minute }
func (s *flatScene) Collect(_ context.Context, w scene.Window) ([]scene.Sample, error) {
	out := make([]scene.Sample, len(s.countries))
	for i, c := range s.countries {
		out[i] = scene.Sample{Country: c, Numerator: int64(s.rate * 1000), Denominator: 1000}
	}
	return out, nil
}

// benchSetup configures a rule that fires below 0.9, a template, and a
// webhook channel for every country (routes for "*"), posting to url.
func benchSetup(b testing.TB, db *store.DB, e *alert.Engine, url string) {
	ctx := context.Background()
	cfg := e.Config(db)
	r, err := cfg.CreateRule(ctx, store.Rule{FunCode: new("denominator >= 100 && rate < threshold"), ThresholdVal: new("0.9")})
	if err != nil {
		b.Fatal(err)
	}
	must := func(_ any, err error) {
		if err != nil {
			b.Fatal(err)
		}
	}
	must(cfg.CreateRuleRoute(ctx, store.RuleRoute{InfoType: new(1), CountryNo: new("*"), RuleNo: r.RuleNo}))
	tpl, err := cfg.CreateTemplate(ctx, store.Template{InfoType: new(1), SendType: new(store.SendRealtime),
		Content: new("{country}: success {rate_pct} ({numerator}/{denominator}) in {window}")})
	if err != nil {
		b.Fatal(err)
	}
	must(cfg.CreateCountryTemplate(ctx, store.CountryTemplate{CountryNo: new("*"), ModNo: tpl.ModNo, InfoType: new(1)}))
	ch, err := cfg.CreateChannel(ctx, store.Channel{Type: new(store.ChannelWebhook)}, []store.ChannelDetail{{DataKey: new("url"), DataValue: new(url)}})
	if err != nil {
		b.Fatal(err)
	}
	must(cfg.CreateRouting(ctx, store.Routing{CountryNo: "*", CountryName: "all", InfoType: new(1), ChannelNo: ch.ChannelNo}))
}

func countries(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("C%05d", i)
	}
	return out
}

// sink is a webhook endpoint that answers 200 and counts.
func sink(b testing.TB) (*httptest.Server, *atomic.Int64) {
	var n atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		n.Add(1)
	}))
	b.Cleanup(srv.Close)
	return srv, &n
}

func benchEngine(b *testing.B, db *store.DB, clock *testclock.Clock, s scene.Scene) *alert.Engine {
	e, err := alert.New(alert.WithStore(db), alert.WithScenes(s), alert.WithClock(clock.Now), alert.WithMaxMissedWindows(1),
		alert.WithLogger(slog.New(slog.DiscardHandler)), alert.WithMaxBatches(1000), alert.WithSendConcurrency(32))
	if err != nil {
		b.Fatal(err)
	}
	return e
}

// BenchmarkTick measures the pipeline on each backend, one op = one Tick
// over one new 10-minute window of 2,000 countries:
//
//   - collect: no rule fires; records/s through collect + rules.
//   - alert: every record alerts; alerts/s recorded, delivered to a local
//     webhook and marked sent (every state change written).
//   - raw-insert: the same 2,000 records per op with one multi-row INSERT
//     per 500 through database/sql, the database's own rate for these rows.
func BenchmarkTick(b *testing.B) {
	const n = 2000
	for _, be := range testdb.Backends() {
		b.Run(be.Name, func(b *testing.B) {
			for _, mode := range []struct {
				name string
				rate float64
			}{{"collect", 0.99}, {"alert", 0.5}} {
				b.Run(mode.name, func(b *testing.B) {
					clock := testclock.New(t0)
					db := be.Open(b, store.WithClock(clock.Now))
					srv, delivered := sink(b)
					e := benchEngine(b, db, clock, &flatScene{countries: countries(n), rate: mode.rate})
					benchSetup(b, db, e, srv.URL)
					b.ReportAllocs()
					q0 := questions(b, db)
					b.ResetTimer()
					var records, sent int
					for range b.N {
						clock.Advance(10 * time.Minute)
						res, err := e.Tick(context.Background())
						if err != nil {
							b.Fatal(err)
						}
						records += res.Collect.Records
						sent += res.Send.Sent
					}
					b.StopTimer()
					if records != n*b.N {
						b.Fatalf("collected %d records, want %d", records, n*b.N)
					}
					secs := b.Elapsed().Seconds()
					b.ReportMetric(float64(records)/secs, "records/s")
					if mode.rate < 0.9 {
						if sent != n*b.N || delivered.Load() != int64(n*b.N) {
							b.Fatalf("sent %d, delivered %d, want %d", sent, delivered.Load(), n*b.N)
						}
						b.ReportMetric(float64(sent)/secs, "alerts/s")
						if q := questions(b, db); q > 0 {
							b.ReportMetric(float64(q-q0)/float64(sent), "statements/alert")
						}
					}
				})
			}
			b.Run("raw-insert", func(b *testing.B) {
				db := be.Open(b)
				cols := "bu_no, info_type, country_no, begin_time, end_time, content, compare_val, rule_retry_time, send_retry_time, status, create_time, update_time"
				row := "(?,?,?,?,?,?,?,?,?,?,?,?)"
				cs := countries(n)
				b.ResetTimer()
				for i := range b.N {
					begin := t0.Add(time.Duration(i) * 10 * time.Minute)
					end := begin.Add(10 * time.Minute)
					for start := 0; start < n; start += 500 {
						var args []any
						for _, c := range cs[start : start+500] {
							args = append(args, ids.New("RC", begin), 1, c, begin, end, "denominator=1000;numerator=990;rate=0.99", "0.99", 2, 2, 2, begin, begin)
						}
						q := "INSERT INTO monitor_record (" + cols + ") VALUES " + strings.TrimSuffix(strings.Repeat(row+",", 500), ",")
						if _, err := db.SQL().DB.Exec(q, args...); err != nil {
							b.Fatal(err)
						}
					}
				}
				b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "records/s")
			})
		})
	}
}

// BenchmarkBacklog works off a backlog of 100,000 waiting records (every
// one alerting) and reports the peak heap while it does.
func BenchmarkBacklog(b *testing.B) {
	const backlog = 100_000
	for _, be := range testdb.Backends() {
		b.Run(be.Name, func(b *testing.B) {
			for range b.N {
				b.StopTimer()
				clock := testclock.New(t0)
				db := be.Open(b, store.WithClock(clock.Now))
				srv, delivered := sink(b)
				e := benchEngine(b, db, clock, &flatScene{})
				benchSetup(b, db, e, srv.URL)
				cs := countries(backlog)
				begin, end := t0.Add(-10*time.Minute), t0
				for start := 0; start < backlog; start += 5000 {
					recs := make([]store.Record, 0, 5000)
					for _, c := range cs[start : start+5000] {
						recs = append(recs, store.Record{InfoType: new(1), CountryNo: new(c), BeginTime: &begin, EndTime: &end,
							Content: new("denominator=1000;numerator=500;rate=0.5"), CompareVal: new("0.5")})
					}
					if _, err := db.InsertRecords(context.Background(), recs); err != nil {
						b.Fatal(err)
					}
				}
				runtime.GC()
				q0 := questions(b, db)
				b.StartTimer()
				peak := heapwatch.Start()
				for delivered.Load() < backlog {
					if _, err := e.Tick(context.Background()); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(peak()>>20), "peak-heap-MiB")
				if q := questions(b, db); q > 0 {
					b.ReportMetric(float64(q-q0)/backlog, "statements/alert")
				}
				b.ReportMetric(float64(backlog*b.N)/b.Elapsed().Seconds(), "alerts/s")
			}
		})
	}
}
