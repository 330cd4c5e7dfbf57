package console_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/yujing-go/yujing/alert"
	"github.com/yujing-go/yujing/console"
	"github.com/yujing-go/yujing/internal/ids"
	"github.com/yujing-go/yujing/internal/testdb"
	"github.com/yujing-go/yujing/scene"
	"github.com/yujing-go/yujing/store"
)

// The benchmark's size: 200 countries × 20 scenes (4,000 states), and
// 1,000,000 records (250 windows of every scene × country; set
// YUJING_BENCH_RECORDS to load fewer while trying things).
const (
	benchCountries = 200
	benchScenes    = 20
	benchWindow    = 10 * time.Minute
)

// benchScene is a scene that only names itself: the benchmark loads its
// records directly.
type benchScene int

func (s benchScene) InfoType() int         { return 100 + int(s) }
func (s benchScene) Name() string          { return fmt.Sprintf("Scene %02d · 场景", int(s)) }
func (s benchScene) Window() time.Duration { return benchWindow }
func (s benchScene) Collect(context.Context, scene.Window) ([]scene.Sample, error) {
	return nil, nil
}

func benchCountryCodes() []string {
	out := make([]string, benchCountries)
	for i := range out {
		out[i] = fmt.Sprintf("%c%c", 'A'+i/26, 'A'+i%26)
	}
	return out
}

// BenchmarkOverview serves the overview (25 countries × 20 scenes, their
// states, silences and 12-window trends) and the silences list, over
// 4,000 states and 1,000,000 records, on SQLite and MariaDB. One op is
// one page, rendered in full.
func BenchmarkOverview(b *testing.B) {
	records := 1_000_000
	if v, err := strconv.Atoi(os.Getenv("YUJING_BENCH_RECORDS")); err == nil && v > 0 {
		records = v
	}
	for _, be := range testdb.Backends() {
		b.Run(be.Name, func(b *testing.B) {
			now := time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC)
			db := be.Open(b, store.WithClock(func() time.Time { return now }))
			scenes := make([]scene.Scene, benchScenes)
			for i := range scenes {
				scenes[i] = benchScene(i)
			}
			e, err := alert.New(alert.WithStore(db), alert.WithScenes(scenes...), alert.WithClock(func() time.Time { return now }),
				alert.WithLogger(slog.New(slog.NewTextHandler(io.Discard, nil))))
			if err != nil {
				b.Fatal(err)
			}
			start := time.Now()
			loadBench(b, db, now, records)
			b.Logf("%s: loaded %d states and %d records in %s", testdb.Describe(db), benchCountries*benchScenes, records, time.Since(start).Round(time.Millisecond))
			h, err := console.New(e, db, console.WithLogger(slog.New(slog.NewTextHandler(io.Discard, nil))))
			if err != nil {
				b.Fatal(err)
			}
			for _, path := range []string{"/", "/?page=8", "/silences"} {
				b.Run("GET "+path, func(b *testing.B) {
					b.ReportAllocs()
					var size int
					for b.Loop() {
						rec := httptest.NewRecorder()
						h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
						if rec.Code != http.StatusOK {
							b.Fatalf("GET %s: %d", path, rec.Code)
						}
						size = rec.Body.Len()
					}
					b.ReportMetric(float64(size), "bytes/page")
				})
			}
		})
	}
}

// loadBench writes the states (a tenth firing, some pending, some
// acknowledged), a few silences, and the records of the last windows of
// every scene × country, with raw multi-row INSERTs in transactions.
func loadBench(b *testing.B, db *store.DB, now time.Time, records int) {
	b.Helper()
	ctx := context.Background()
	countries := benchCountryCodes()
	for s := range benchScenes {
		if err := db.EnsureAlertStates(ctx, 100+s, countries); err != nil {
			b.Fatal(err)
		}
	}
	x := db.SQL()
	for _, q := range []string{
		"UPDATE yujing_alert_state SET state = 'firing', active = 1, rule_no = 'R1', since = ?, firing_since = ?, reason = 'firing: rule R1 matched' WHERE id % 10 = 0",
		"UPDATE yujing_alert_state SET state = 'pending', active = 1, rule_no = 'R1', since = ?, reason = 'pending 1/3' WHERE id % 10 = 1 AND ? IS NOT NULL",
		"UPDATE yujing_alert_state SET ack_by = 'ops', ack_at = ? WHERE id % 20 = 0 AND ? IS NOT NULL",
	} {
		if _, err := x.ExecContext(ctx, q, now.Add(-time.Hour), now.Add(-time.Hour)); err != nil {
			b.Fatal(err)
		}
	}
	cfg := store.NewConfig(db, store.Validation{}, store.AsUser("bench"))
	for i := range 30 {
		if _, err := cfg.CreateSilence(ctx, store.Silence{CountryNo: countries[i*3], InfoType: strconv.Itoa(100 + i%benchScenes),
			StartsAt: new(now.Add(-time.Hour)), EndsAt: new(now.Add(time.Hour)), Comment: new("bench")}); err != nil {
			b.Fatal(err)
		}
	}
	insertBenchRecords(b, db, now, countries, records)
}

func insertBenchRecords(b *testing.B, db *store.DB, now time.Time, countries []string, records int) {
	b.Helper()
	ctx := context.Background()
	cols := "bu_no, info_type, country_no, begin_time, end_time, content, compare_val, rule_retry_time, send_retry_time, status, create_time, update_time"
	const batch = 400
	row := "(?,?,?,?,?,?,?,2,2,2,?,?)"
	perKey := max(1, records/(benchCountries*benchScenes))
	tx, err := db.SQL().BeginTx(ctx, nil)
	if err != nil {
		b.Fatal(err)
	}
	args := make([]any, 0, batch*9)
	n, inTx := 0, 0
	flush := func() {
		if len(args) == 0 {
			return
		}
		q := "INSERT INTO monitor_record (" + cols + ") VALUES " + strings.TrimSuffix(strings.Repeat(row+",", len(args)/9), ",")
		if _, err := tx.ExecContext(ctx, q, args...); err != nil {
			b.Fatal(err)
		}
		args = args[:0]
		if inTx >= 50_000 {
			if err := tx.Commit(); err != nil {
				b.Fatal(err)
			}
			if tx, err = db.SQL().BeginTx(ctx, nil); err != nil {
				b.Fatal(err)
			}
			inTx = 0
		}
	}
	end := scene.Aligned(now, benchWindow).Begin
	for w := perKey; w >= 1 && n < records; w-- {
		begin := end.Add(-time.Duration(w) * benchWindow)
		for s := range benchScenes {
			for i, c := range countries {
				if n >= records {
					break
				}
				num := 900 + (i*7+s*13+w*3)%100
				rate := strconv.FormatFloat(float64(num)/1000, 'f', -1, 64)
				args = append(args, ids.New("RC", now), 100+s, c, begin, begin.Add(benchWindow),
					"denominator=1000;numerator="+strconv.Itoa(num)+";rate="+rate, rate, now, now)
				n++
				inTx++
				if len(args) == batch*9 {
					flush()
				}
			}
		}
	}
	flush()
	if err := tx.Commit(); err != nil {
		b.Fatal(err)
	}
}
