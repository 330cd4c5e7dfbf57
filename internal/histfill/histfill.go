// Package histfill fills monitor_send_log_hist with a large archived
// history for benchmarks (the ops history and the console's alerts page):
// rows oldest first, spread evenly over the 30 days before an end time,
// over 10 countries, 5 scenes and 20 channels, with a failed and a muted
// share, written 1,000 rows a statement and 100,000 a transaction.
package histfill

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/yujing-go/yujing/store"
)

// Countries are the countries of the rows, each holding a tenth of them.
var Countries = []string{"PH", "ID", "TH", "VN", "MY", "MX", "NG", "KE", "IN", "BR"}

// Load writes n archived rows spread over the 30 days before end, then
// analyses the table, so that the planner has the statistics a database
// grown to this size would have (it chooses among the seed's and migration
// 9's indexes by them).
func Load(ctx context.Context, db *store.DB, n int, end time.Time) error {
	span := int64(30 * 24 * time.Hour / time.Second)
	for start := 0; start < n; start += 100_000 {
		if err := loadChunk(ctx, db, start, min(start+100_000, n), n, span, end); err != nil {
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

// loadChunk writes rows [from, to) of n in one transaction, 1,000 a
// statement.
func loadChunk(ctx context.Context, db *store.DB, from, to, n int, span int64, end time.Time) error {
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
			args = append(args, row(i, n, span, end)...)
		}
		q := "INSERT INTO monitor_send_log_hist (" + cols + ") VALUES " + strings.TrimSuffix(strings.Repeat(one+", ", m), ", ")
		if _, err := tx.ExecContext(ctx, q, args...); err != nil {
			return fmt.Errorf("load history rows %d–%d: %w", start, start+m, err)
		}
	}
	return tx.Commit()
}

// row is the i-th of n rows: oldest first, evenly over span seconds
// before end.
func row(i, n int, span int64, end time.Time) []any {
	at := end.Add(-time.Duration(span-span*int64(i)/int64(n)) * time.Second)
	sentAt := at.Add(3 * time.Second)
	sent := sentAt.Format(time.RFC3339)
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
	return []any{fmt.Sprintf("SLB%012d", i), Countries[(i/5)%10], "MD-1", "country_name=X;rate_pct=50.00%", i%5 + 1, at, sentAt,
		int(status), 2, at, sentAt, i % 4, 1, fmt.Sprintf("RCB%012d", i), reason, state}
}
