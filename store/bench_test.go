package store_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/yujing-go/yujing/internal/ids"
	"github.com/yujing-go/yujing/internal/testdb"
	"github.com/yujing-go/yujing/store"
)

// benchRecords makes n records of distinct windows (so inserts never hit a
// duplicate) starting at the window number first.
func benchRecords(n, first int) []store.Record {
	base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	out := make([]store.Record, n)
	for i := range out {
		b := base.Add(time.Duration(first+i) * time.Minute)
		e := b.Add(time.Minute)
		out[i] = store.Record{InfoType: new(1), CountryNo: new("PH"), BeginTime: &b, EndTime: &e,
			Content: new("denominator=1200;numerator=1100;rate=0.9167"), CompareVal: new("0.9167")}
	}
	return out
}

func benchBackends(b *testing.B, fn func(b *testing.B, db *store.DB)) {
	for _, be := range testdb.Backends() {
		b.Run(be.Name, func(b *testing.B) { fn(b, be.Open(b)) })
	}
}

// BenchmarkInsertRecords compares the store's InsertRecords (values checked
// against their columns, codes generated, defaults filled, INSERT IGNORE in
// statements of 500 rows) with a raw multi-row INSERT of the same rows
// through database/sql. One op is one row.
func BenchmarkInsertRecords(b *testing.B) {
	const batch = 500
	benchBackends(b, func(b *testing.B, db *store.DB) {
		ctx := context.Background()
		window := 0
		b.Run("store", func(b *testing.B) {
			b.ReportAllocs()
			for done := 0; done < b.N; done += batch {
				n := min(batch, b.N-done)
				rows := benchRecords(n, window)
				window += n
				if _, err := db.InsertRecords(ctx, rows); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "rows/s")
		})
		b.Run("raw", func(b *testing.B) {
			b.ReportAllocs()
			cols := []string{"bu_no", "info_type", "country_no", "begin_time", "end_time", "content", "compare_val",
				"rule_retry_time", "send_retry_time", "status", "create_time", "update_time"}
			row := "(" + strings.TrimSuffix(strings.Repeat("?,", len(cols)), ",") + ")"
			for done := 0; done < b.N; done += batch {
				n := min(batch, b.N-done)
				rows := benchRecords(n, window)
				window += n
				now := time.Now().UTC().Truncate(time.Second)
				args := make([]any, 0, n*len(cols))
				for _, r := range rows {
					args = append(args, ids.New("RC", now), *r.InfoType, *r.CountryNo, *r.BeginTime, *r.EndTime, *r.Content,
						*r.CompareVal, 2, 2, 0, now, now)
				}
				q := "INSERT INTO monitor_record (" + strings.Join(cols, ",") + ") VALUES " +
					strings.TrimSuffix(strings.Repeat(row+",", n), ",")
				if _, err := db.SQL().DB.ExecContext(ctx, q, args...); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "rows/s")
		})
	})
}

// BenchmarkClaim measures rows claimed per second by 1 and 4 concurrent
// claimers taking batches of 100 from a backlog of b.N waiting records.
func BenchmarkClaim(b *testing.B) {
	benchBackends(b, func(b *testing.B, db *store.DB) {
		ctx := context.Background()
		window := 0
		for _, claimers := range []int{1, 4} {
			b.Run(fmt.Sprintf("claimers=%d", claimers), func(b *testing.B) {
				for done := 0; done < b.N; done += 500 {
					n := min(500, b.N-done)
					if _, err := db.InsertRecords(ctx, benchRecords(n, window)); err != nil {
						b.Fatal(err)
					}
					window += n
				}
				now := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
				b.ResetTimer()
				var total int64
				var mu sync.Mutex
				var wg sync.WaitGroup
				for range claimers {
					wg.Go(func() {
						for {
							rows, err := db.ClaimRecords(ctx, store.RecordWaiting, store.ClaimRequest{Now: now, Lease: time.Hour, Limit: 100})
							if err != nil {
								b.Error(err)
								return
							}
							if len(rows) == 0 {
								return
							}
							mu.Lock()
							total += int64(len(rows))
							mu.Unlock()
						}
					})
				}
				wg.Wait()
				if total != int64(b.N) {
					b.Fatalf("claimed %d rows of %d", total, b.N)
				}
				b.ReportMetric(float64(total)/b.Elapsed().Seconds(), "rows/s")
			})
		}
	})
}
