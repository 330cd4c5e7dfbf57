package console_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
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

// BenchmarkEditors serves the rules and templates pages over 4,000 rules
// and 4,000 templates (one per scene × country of 200 countries × 20
// scenes), the live check and preview, and a 7-day backtest of one
// country (1,008 windows) with 1,000,000 records in monitor_record
// (YUJING_BENCH_RECORDS loads fewer), on SQLite and MariaDB. One op is
// one answer, rendered in full.
//
//	ALERT_TEST_MYSQL_DSN='root@tcp(127.0.0.1:3306)/test' go test ./console/ -run XXX -bench Editors -benchtime 10x
func BenchmarkEditors(b *testing.B) {
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
			quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
			e, err := alert.New(alert.WithStore(db), alert.WithScenes(scenes...), alert.WithClock(func() time.Time { return now }), alert.WithLogger(quiet))
			if err != nil {
				b.Fatal(err)
			}
			start := time.Now()
			loadBench(b, db, now, records)
			loadEditorRows(b, db, now)
			b.Logf("%s: loaded %d records, 4,000 rules and templates in %s", testdb.Describe(db), records, time.Since(start).Round(time.Millisecond))
			h, err := console.New(e, db, console.WithLogger(quiet))
			if err != nil {
				b.Fatal(err)
			}
			// The floor of the preview and the backtest: ops.Preview and
			// alert.Engine.NewRuleReplay each read the whole configuration.
			b.Run("LoadSnapshot", func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					if _, err := db.LoadSnapshot(context.Background()); err != nil {
						b.Fatal(err)
					}
				}
			})
			draft := url.Values{"info_type": {"100"}, "send_type": {"1"}, "title": {"low"}, "content": {"{country}: {rate_pct} of {denominator}"},
				"content_chinese": {"{country}：{rate_pct}"}, "resolved_content": {"{country} recovered"}}.Encode()
			backtest := url.Values{"code": {"R-BENCH"}, "backtest": {"1"}, "scene": {"100"}, "countries": {"AA"}, "days": {"7"}}.Encode()
			for _, path := range []string{"/rules", "/rules?after=3000", "/rules?code=R-BENCH", "/templates", "/templates?code=MD-0100-AA",
				"/rule-check?fun_code=denominator+%3E%3D+100+%26%26+rat+%3C+threshold&threshold_val=0.9", "/template-preview?" + draft,
				"/rules?" + backtest} {
				b.Run("GET "+path[:min(len(path), 40)], func(b *testing.B) {
					b.ReportAllocs()
					var size int
					for b.Loop() {
						rec := httptest.NewRecorder()
						h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
						if rec.Code != http.StatusOK || strings.Contains(rec.Body.String(), `id="bt-error"`) {
							b.Fatalf("GET %s: %d %s", path, rec.Code, rec.Body.String())
						}
						size = rec.Body.Len()
					}
					b.ReportMetric(float64(size), "bytes/page")
				})
			}
		})
	}
}

// loadEditorRows writes 4,000 rules and 4,000 templates with multi-row
// INSERTs, the rule R-BENCH, and the earlier windows of scene 100 in AA
// so that its last 7 days are whole (1,008 windows of 10 minutes).
func loadEditorRows(b *testing.B, db *store.DB, now time.Time) {
	b.Helper()
	countries := benchCountryCodes()
	var rules, tpls []any
	for s := range benchScenes {
		for i, c := range countries {
			n := s*benchCountries + i
			rules = append(rules, fmt.Sprintf("R-%04d-%s", 100+s, c), "rate < threshold && country == '"+c+"'", "rule "+c,
				strconv.FormatFloat(0.5+float64(n%400)/1000, 'f', -1, 64), 0, now, now)
			tpls = append(tpls, fmt.Sprintf("MD-%04d-%s", 100+s, c), "SMS "+c, 0, "{country}: {rate_pct}", "{country}：{rate_pct}",
				100+s, 1, now, now)
		}
	}
	rules = append(rules, "R-BENCH", "denominator >= 100 && rate < threshold", "bench", "0.95", 0, now, now)
	insertRows(b, db, "monitor_rule", "rule_no, fun_code, fun_desc, threshold_val, status, create_time, update_time", 7, rules)
	insertRows(b, db, "monitor_mod", "mod_no, title, status, content, content_chinese, info_type, send_type, create_time, update_time", 9, tpls)
	var recs []any
	end := scene.Aligned(now, benchWindow).Begin
	for w := 1008; w > 250; w-- {
		begin := end.Add(-time.Duration(w) * benchWindow)
		num := 900 + (w*37)%100
		rate := strconv.FormatFloat(float64(num)/1000, 'f', -1, 64)
		recs = append(recs, ids.New("RC", now), 100, "AA", begin, begin.Add(benchWindow), "denominator=1000;numerator="+strconv.Itoa(num)+";rate="+rate,
			rate, 2, 2, 2, now, now)
	}
	insertRows(b, db, "monitor_record", "bu_no, info_type, country_no, begin_time, end_time, content, compare_val, rule_retry_time, send_retry_time, status, create_time, update_time", 12, recs)
}

// insertRows inserts rows of n columns, 300 at a time, in a transaction.
func insertRows(b *testing.B, db *store.DB, table, cols string, n int, args []any) {
	b.Helper()
	ctx := context.Background()
	tx, err := db.SQL().BeginTx(ctx, nil)
	if err != nil {
		b.Fatal(err)
	}
	row := "(" + strings.TrimSuffix(strings.Repeat("?,", n), ",") + ")"
	for len(args) > 0 {
		k := min(len(args), 300*n)
		q := "INSERT INTO " + table + " (" + cols + ") VALUES " + strings.TrimSuffix(strings.Repeat(row+",", k/n), ",")
		if _, err := tx.ExecContext(ctx, q, args[:k]...); err != nil {
			b.Fatal(err)
		}
		args = args[k:]
	}
	if err := tx.Commit(); err != nil {
		b.Fatal(err)
	}
}
