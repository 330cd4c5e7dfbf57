package ops_test

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/yujing-go/yujing/alert"
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
			if err := loadHistory(context.Background(), db, n); err != nil {
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

var histBenchCountries = []string{"PH", "ID", "TH", "VN", "MY", "MX", "NG", "KE", "IN", "BR"}

// loadHistory writes n archived rows spread over the 30 days before
// benchEnd, 1,000 rows a statement.
func loadHistory(ctx context.Context, db *store.DB, n int) error {
	const per = 1000
	span := int64(30 * 24 * time.Hour / time.Second)
	for start := 0; start < n; start += per * 100 {
		if err := loadChunk(ctx, db, start, min(start+per*100, n), n, span); err != nil {
			return err
		}
	}
	// The statistics a database that grew to this size would have: the
	// planner chooses among the seed's and migration 9's indexes by them.
	analyze := "ANALYZE monitor_send_log_hist"
	if db.Dialect() == "mysql" {
		analyze = "ANALYZE TABLE monitor_send_log_hist"
	}
	rows, err := db.SQL().QueryContext(ctx, analyze)
	if err != nil {
		return fmt.Errorf("analyze: %w", err)
	}
	return rows.Close()
}

// loadChunk writes rows [from, to) of n in one transaction, 1,000 a
// statement.
func loadChunk(ctx context.Context, db *store.DB, from, to, n int, span int64) error {
	const cols = "sl_no, country_no, mod_no, content, info_type, expect_send_time, reality_send_time, status, retry_times, " +
		"create_time, update_time, param1, param3, param4, reason, channel_state"
	const per = 1000
	one := "(" + strings.TrimSuffix(strings.Repeat("?, ", 16), ", ") + ")"
	tx, err := db.SQL().BeginTxx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for start := from; start < to; start += per {
		m := min(per, to-start)
		args := make([]any, 0, m*16)
		for i := start; i < start+m; i++ {
			args = append(args, benchRow(i, n, span)...)
		}
		q := "INSERT INTO monitor_send_log_hist (" + cols + ") VALUES " + strings.TrimSuffix(strings.Repeat(one+", ", m), ", ")
		if _, err := tx.ExecContext(ctx, q, args...); err != nil {
			return fmt.Errorf("load history rows %d–%d: %w", start, start+m, err)
		}
	}
	return tx.Commit()
}

// benchRow is the i-th of n rows: oldest first, evenly over span seconds.
func benchRow(i, n int, span int64) []any {
	at := benchEnd.Add(-time.Duration(span-span*int64(i)/int64(n)) * time.Second)
	sent := at.Add(3 * time.Second)
	status, reason := store.SendSent, any(nil)
	chA, chB := fmt.Sprintf("CH-%02d", i%20+1), fmt.Sprintf("CH-%02d", (i/20)%20+1)
	state := fmt.Sprintf(`{%q:{"status":"sent","type":"webhook","attempts":1,"at":%q}}`, chA, sent.Format(time.RFC3339))
	switch i % 100 {
	case 7, 17, 27, 37, 47, 57, 67:
		status, reason = store.SendFailed, chA+" (webhook) failed after 1 attempt(s): HTTP 400"
		state = fmt.Sprintf(`{%q:{"status":"failed","type":"webhook","attempts":1,"code":"HTTP 400","error":"HTTP 400 Bad Request","at":%q}}`,
			chA, sent.Format(time.RFC3339))
	case 9, 19, 29:
		status, reason = store.SendMuted, "not sent: "+chA+": muted by silence SI-1"
		state = fmt.Sprintf(`{%q:{"status":"muted","type":"webhook","attempts":0,"error":"muted by silence SI-1","at":%q}}`, chA, sent.Format(time.RFC3339))
	}
	if i%3 == 0 && chA != chB && status == store.SendSent {
		state = fmt.Sprintf(`{%q:{"status":"sent","type":"webhook","attempts":1,"at":%q},%q:{"status":"sent","type":"wecom","attempts":2,"at":%q}}`,
			chA, sent.Format(time.RFC3339), chB, sent.Format(time.RFC3339))
	}
	return []any{fmt.Sprintf("SLB%012d", i), histBenchCountries[(i/5)%10], "MD-1", "country_name=X;rate_pct=50.00%", i%5 + 1, at, sent,
		int(status), 2, at, sent, i % 4, 1, fmt.Sprintf("RCB%012d", i), reason, state}
}
