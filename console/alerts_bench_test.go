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
	"github.com/yujing-go/yujing/internal/histfill"
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
			if err := histfill.Load(context.Background(), db, n, histEnd); err != nil {
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
