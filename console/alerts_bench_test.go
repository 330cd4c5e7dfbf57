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
	"github.com/yujing-go/yujing/internal/testdb"
	"github.com/yujing-go/yujing/store"
)

// histEnd is the end of the alerts benchmark's 30 days of history.
var histEnd = time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC)

// BenchmarkAlertsPage serves the alerts page (a page of 25 with each
// alert's channels) over 1,000,000 archived rows of monitor_send_log_hist
// (5 scenes, 10 countries, 20 channels, 30 days; 90% sent, 7% failed, 3%
// muted; YUJING_HISTORY_ROWS loads another size), on SQLite and MariaDB.
// One op is one page, rendered in full:
//
//	ALERT_TEST_MYSQL_DSN=… go test ./console/ -run '^$' -bench AlertsPage -benchtime 50x
func BenchmarkAlertsPage(b *testing.B) {
	n := 1_000_000
	if v, err := strconv.Atoi(os.Getenv("YUJING_HISTORY_ROWS")); err == nil && v >= 1000 {
		n = v
	}
	month := url30d()
	for _, be := range testdb.Backends() {
		b.Run(be.Name, func(b *testing.B) {
			db := be.Open(b, store.WithClock(func() time.Time { return histEnd }))
			start := time.Now()
			if err := loadHistory(context.Background(), db, n); err != nil {
				b.Fatal(err)
			}
			b.Logf("%s: loaded %d archived rows in %s", testdb.Describe(db), n, time.Since(start).Round(time.Millisecond))
			quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
			e, err := alert.New(alert.WithStore(db), alert.WithClock(func() time.Time { return histEnd }), alert.WithLogger(quiet))
			if err != nil {
				b.Fatal(err)
			}
			h, err := console.New(e, db, console.WithLogger(quiet))
			if err != nil {
				b.Fatal(err)
			}
			next := nextLink(b, h, "/alerts?scene=3&country=PH&from="+month)
			for _, c := range [][2]string{{"24h", "/alerts"}, {"scene+country/24h", "/alerts?scene=3&country=PH"},
				{"scene+country/30d/next-page", next}, {"failed/30d", "/alerts?status=failed&from=" + month},
				{"channel/30d", "/alerts?channel=CH-07&from=" + month}, {"no-filter/30d", "/alerts?from=" + month},
				{"explain", fmt.Sprintf("/explain?code=SLB%012d", n-1)}} {
				b.Run(c[0], func(b *testing.B) { benchPage(b, h, c[1]) })
			}
		})
	}
}

// url30d is the start of the history's 30 days as the form writes it.
func url30d() string { return histEnd.AddDate(0, 0, -30).Format("2006-01-02T15:04") }

// nextLink is the next page's link of the alerts page at path.
func nextLink(b *testing.B, h http.Handler, path string) string {
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
	body := rec.Body.String()
	i := strings.Index(body, `" rel="next" id="next-page"`)
	if rec.Code != http.StatusOK || i < 0 {
		b.Fatalf("GET %s: %d, no next page", path, rec.Code)
	}
	j := strings.LastIndex(body[:i], `href="`)
	return "/" + strings.ReplaceAll(body[j+len(`href="`):i], "&amp;", "&")
}

// benchPage serves path b.N times and reports the page's size.
func benchPage(b *testing.B, h http.Handler, path string) {
	b.ReportAllocs()
	size := 0
	for b.Loop() {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
		if rec.Code != http.StatusOK {
			b.Fatalf("GET %s: %d", path, rec.Code)
		}
		size = rec.Body.Len()
	}
	b.ReportMetric(float64(size), "bytes/page")
}

var histCountries = []string{"PH", "ID", "TH", "VN", "MY", "MX", "NG", "KE", "IN", "BR"}

// loadHistory writes n archived rows spread over the 30 days before
// histEnd, 1,000 rows a statement (ops' history benchmark's rows), and
// analyses the table.
func loadHistory(ctx context.Context, db *store.DB, n int) error {
	span := int64(30 * 24 * time.Hour / time.Second)
	for start := 0; start < n; start += 100_000 {
		if err := loadHistChunk(ctx, db, start, min(start+100_000, n), n, span); err != nil {
			return err
		}
	}
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

// loadHistChunk writes rows [from, to) of n in one transaction.
func loadHistChunk(ctx context.Context, db *store.DB, from, to, n int, span int64) error {
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
			args = append(args, histRow(i, n, span)...)
		}
		q := "INSERT INTO monitor_send_log_hist (" + cols + ") VALUES " + strings.TrimSuffix(strings.Repeat(one+", ", m), ", ")
		if _, err := tx.ExecContext(ctx, q, args...); err != nil {
			return fmt.Errorf("load history rows %d–%d: %w", start, start+m, err)
		}
	}
	return tx.Commit()
}

// histRow is the i-th of n rows: oldest first, evenly over span seconds.
func histRow(i, n int, span int64) []any {
	at := histEnd.Add(-time.Duration(span-span*int64(i)/int64(n)) * time.Second)
	sent := at.Add(3 * time.Second).Format(time.RFC3339)
	status, reason := store.SendSent, any(nil)
	chA, chB := fmt.Sprintf("CH-%02d", i%20+1), fmt.Sprintf("CH-%02d", (i/20)%20+1)
	state := fmt.Sprintf(`{%q:{"status":"sent","type":"webhook","attempts":1,"at":%q}}`, chA, sent)
	switch i % 100 {
	case 7, 17, 27, 37, 47, 57, 67:
		status, reason = store.SendFailed, chA+" (webhook) failed after 1 attempt(s): HTTP 400"
		state = fmt.Sprintf(`{%q:{"status":"failed","type":"webhook","attempts":1,"code":"HTTP 400","error":"HTTP 400 Bad Request","at":%q}}`, chA, sent)
	case 9, 19, 29:
		status, reason = store.SendMuted, "not sent: "+chA+": muted by silence SI-1"
		state = fmt.Sprintf(`{%q:{"status":"muted","type":"webhook","attempts":0,"error":"muted by silence SI-1","at":%q}}`, chA, sent)
	}
	if i%3 == 0 && chA != chB && status == store.SendSent {
		state = fmt.Sprintf(`{%q:{"status":"sent","type":"webhook","attempts":1,"at":%q},%q:{"status":"sent","type":"wecom","attempts":2,"at":%q}}`,
			chA, sent, chB, sent)
	}
	return []any{fmt.Sprintf("SLB%012d", i), histCountries[(i/5)%10], "MD-1", "country_name=X;rate_pct=50.00%", i%5 + 1, at,
		at.Add(3 * time.Second), int(status), 2, at, at.Add(3 * time.Second), i % 4, 1, fmt.Sprintf("RCB%012d", i), reason, state}
}
