package ops_test

import (
	"context"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/yujing-go/yujing/alert"
	"github.com/yujing-go/yujing/internal/histfill"
	"github.com/yujing-go/yujing/internal/testdb"
	"github.com/yujing-go/yujing/ops"
	"github.com/yujing-go/yujing/store"
)

// benchRows is the size of the archived history BenchmarkHistory reads:
// 1,000,000 rows, or YUJING_HISTORY_ROWS.
func benchRows(b *testing.B) int {
	if v := os.Getenv("YUJING_HISTORY_ROWS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1000 {
			b.Fatalf("YUJING_HISTORY_ROWS=%q: want a number of at least 1000", v)
		}
		return n
	}
	return 1_000_000
}

// benchEnd is the end of the benchmark's 30 days of history.
var benchEnd = time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC)

// BenchmarkHistory measures the operator's filters over an archived
// history of 1,000,000 rows (5 scenes, 10 countries, 20 channels, 30
// days; 90% sent, 7% failed, 3% muted), loaded once per backend with
// multi-row INSERTs and analysed. Each sub-benchmark is one page of 50:
//
//	go test ./ops/ -run '^$' -bench BenchmarkHistory -benchtime 200x
//
// (ALERT_TEST_MYSQL_DSN set for MariaDB; YUJING_HISTORY_ROWS for
// another size.)
func BenchmarkHistory(b *testing.B) {
	for _, be := range testdb.Backends() {
		b.Run(be.Name, func(b *testing.B) {
			db := be.Open(b, store.WithClock(func() time.Time { return benchEnd }))
			n := benchRows(b)
			start := time.Now()
			if err := histfill.Load(context.Background(), db, n, benchEnd); err != nil {
				b.Fatal(err)
			}
			took := time.Since(start)
			b.Logf("%s: loaded %d archived rows in %s (%.0f rows/s)", testdb.Describe(db), n, took.Round(time.Millisecond), float64(n)/took.Seconds())
			e, err := alert.New(alert.WithStore(db))
			if err != nil {
				b.Fatal(err)
			}
			kit := ops.New(e, db, ops.WithClock(func() time.Time { return benchEnd }))
			benchFilters(b, kit)
		})
	}
}

// benchFilters runs one sub-benchmark per filter.
func benchFilters(b *testing.B, kit *ops.Toolkit) {
	ctx := context.Background()
	scene, failed, month := 3, store.SendFailed, benchEnd.AddDate(0, 0, -30)
	first, err := kit.History(ctx, ops.HistoryFilter{Scene: &scene, Country: "PH"})
	if err != nil || len(first.Entries) == 0 {
		b.Fatalf("scene+country: %d entries, %v", len(first.Entries), err)
	}
	for _, c := range []struct {
		name string
		f    ops.HistoryFilter
	}{
		{"scene+country+24h", ops.HistoryFilter{Scene: &scene, Country: "PH"}},
		{"scene+country+24h/next-page", ops.HistoryFilter{Scene: &scene, Country: "PH", After: first.Next}},
		{"status-failed/30d", ops.HistoryFilter{Status: &failed, From: month}},
		{"status-failed/24h", ops.HistoryFilter{Status: &failed}},
		{"one-channel/30d", ops.HistoryFilter{ChannelNo: "CH-07", From: month}},
		{"no-filter/30d", ops.HistoryFilter{From: month}},
		{"scene+country/30d/page-of-500", ops.HistoryFilter{Scene: &scene, Country: "PH", From: month, Limit: 500}},
	} {
		if c.f.After == "" && strings.HasSuffix(c.name, "next-page") {
			continue // a history too small for two pages
		}
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			rows := 0
			for b.Loop() {
				page, err := kit.History(ctx, c.f)
				if err != nil {
					b.Fatal(err)
				}
				rows += len(page.Entries)
			}
			b.ReportMetric(float64(rows)/float64(b.N), "rows/op")
		})
	}
}
