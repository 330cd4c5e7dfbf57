package alert_test

import (
	"context"
	"testing"
	"time"

	"github.com/yujing-go/yujing/alert"
	"github.com/yujing-go/yujing/internal/testclock"
	"github.com/yujing-go/yujing/internal/testdb"
	"github.com/yujing-go/yujing/scene"
	"github.com/yujing-go/yujing/store"
)

// flippingScene reports, for n countries, a rate that its rate function
// gives per window.
type flippingScene struct {
	countries []string
	rate      func(w scene.Window) float64
}

func (s *flippingScene) InfoType() int         { return 1 }
func (s *flippingScene) Name() string          { return "bench" }
func (s *flippingScene) Window() time.Duration { return 10 * time.Minute }
func (s *flippingScene) Collect(_ context.Context, w scene.Window) ([]scene.Sample, error) {
	r := s.rate(w)
	out := make([]scene.Sample, len(s.countries))
	for i, c := range s.countries {
		out[i] = scene.Sample{Country: c, Numerator: int64(r * 1000), Denominator: 1000}
	}
	return out, nil
}

// BenchmarkLifecycle measures a Tick over one new window of 2,000
// countries with the state of each kept (yujing_alert_state), one op = one
// Tick:
//
//   - ok: every country stays fine (the state costs one read of the
//     scene's active states, which holds no row);
//   - firing: every country stays firing, its repeat interval not reached
//     (2,000 active states read, none written, no message);
//   - flip: every country changes state in every window, firing and
//     resolving in turn (2,000 state writes and 2,000 messages per Tick).
//
// On MySQL it reports the statements per Tick (the server's Questions).
func BenchmarkLifecycle(b *testing.B) {
	const n = 2000
	for _, be := range testdb.Backends() {
		for _, mode := range []struct {
			name string
			rate func(w scene.Window) float64
		}{
			{"ok", func(scene.Window) float64 { return 0.99 }},
			{"firing", func(scene.Window) float64 { return 0.5 }},
			{"flip", func(w scene.Window) float64 {
				if w.Begin.Unix()/600%2 == 0 {
					return 0.5
				}
				return 0.99
			}},
		} {
			b.Run(be.Name+"/"+mode.name, func(b *testing.B) {
				ctx := context.Background()
				clock := testclock.New(t0)
				db := be.Open(b, store.WithClock(clock.Now))
				srv, delivered := sink(b)
				e := benchEngine(b, db, clock, &flippingScene{countries: countries(n), rate: mode.rate})
				benchSetup(b, db, e, srv.URL)
				lifecycleBenchConfig(b, db, e)
				clock.Advance(10 * time.Minute)
				if _, err := e.Tick(ctx); err != nil { // the first window: states made
					b.Fatal(err)
				}
				q0, d0 := questions(b, db), delivered.Load()
				var held, messages int
				b.ReportAllocs()
				b.ResetTimer()
				for range b.N {
					clock.Advance(10 * time.Minute)
					res, err := e.Tick(ctx)
					if err != nil {
						b.Fatal(err)
					}
					held += res.Lifecycle.Held
					messages += res.Lifecycle.Messages
				}
				b.StopTimer()
				if err := e.Wait(ctx); err != nil {
					b.Fatal(err)
				}
				secs := b.Elapsed().Seconds()
				b.ReportMetric(float64(n*b.N)/secs, "records/s")
				b.ReportMetric(float64(messages)/float64(b.N), "messages/op")
				if mode.name == "firing" && (held != n*b.N || messages != 0) {
					b.Fatalf("held %d, messages %d: want every window held", held, messages)
				}
				if mode.name == "flip" && (messages != n*b.N || delivered.Load()-d0 < int64(n*(b.N-1))) {
					b.Fatalf("messages %d, delivered %d: want one per country and window", messages, delivered.Load()-d0)
				}
				if db.Dialect() == "mysql" {
					b.ReportMetric(float64(questions(b, db)-q0-1)/float64(b.N), "statements/op")
				}
			})
		}
	}
}

// lifecycleBenchConfig gives benchSetup's template a resolved message and
// a repeat interval of a day.
func lifecycleBenchConfig(b *testing.B, db *store.DB, e *alert.Engine) {
	ctx := context.Background()
	cfg := e.Config(db)
	tpls, err := cfg.ListTemplates(ctx, store.Filter{})
	if err != nil || len(tpls) != 1 {
		b.Fatalf("templates %d: %v", len(tpls), err)
	}
	tpl := tpls[0]
	tpl.ResolvedContent = new("{country}: recovered after {duration}")
	tpl.SetRepeatSeconds(86400)
	if _, err := cfg.UpdateTemplate(ctx, tpl); err != nil {
		b.Fatal(err)
	}
}

// questions reads MySQL's count of statements received (0 on SQLite).
func questions(b *testing.B, db *store.DB) int64 {
	if db.Dialect() != "mysql" {
		return 0
	}
	var name string
	var v int64
	if err := db.SQL().QueryRowContext(context.Background(), "SHOW GLOBAL STATUS LIKE 'Questions'").Scan(&name, &v); err != nil {
		b.Fatal(err)
	}
	return v
}
