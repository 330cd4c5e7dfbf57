package alert_test

import (
	"context"
	"fmt"
	"log/slog"
	"runtime"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/yujing-go/yujing/alert"
	"github.com/yujing-go/yujing/internal/heapwatch"
	"github.com/yujing-go/yujing/internal/testclock"
	"github.com/yujing-go/yujing/internal/testdb"
	"github.com/yujing-go/yujing/store"
)

// BenchmarkReportFromStore measures the reports stage: a report's detail
// rows paged out of the store, streamed into an .xlsx and stored by the
// local uploader, at 10,000 and 1,000,000 rows, with the peak heap while it
// runs. Run the large case with -benchtime 1x.
func BenchmarkReportFromStore(b *testing.B) {
	for _, be := range testdb.Backends() {
		for _, n := range []int{10_000, 1_000_000} {
			b.Run(fmt.Sprintf("%s/rows=%d", be.Name, n), func(b *testing.B) {
				clock := testclock.New(t0)
				db := be.Open(b, store.WithClock(clock.Now))
				e, err := alert.New(alert.WithStore(db), alert.WithClock(clock.Now),
					alert.WithReportDir(b.TempDir(), ""), alert.WithLogger(slog.New(slog.DiscardHandler)), alert.WithMaxMissedWindows(1))
				if err != nil {
					b.Fatal(err)
				}
				ctx := context.Background()
				for i := range b.N {
					b.StopTimer()
					begin, end := t0.Add(time.Duration(i)*time.Hour), t0.Add(time.Duration(i+1)*time.Hour)
					bd := &store.BasicData{CountryName: new("Philippines"), BeginTime: &begin, EndTime: &end, InfoType: new(collectionsScene)}
					bd.Param4 = new("PH")
					if ok, err := db.BeginBasicData(ctx, bd, "bench", clock.Now(), time.Hour); err != nil || !ok {
						b.Fatal(ok, err)
					}
					items := make([]store.BasicDataItem, 0, 5000)
					for j := range n {
						items = append(items, store.BasicDataItem{GroupNo: bd.GroupNo, CaseID: new(fmt.Sprintf("PH-%08d", j)), ExternalNo: new("EXT"),
							RepaymentMoney: new(decimal.New(int64(123456789+j), -4)), PracticalRepaymentMoney: new(decimal.New(int64(j), -2))})
						if len(items) == cap(items) || j == n-1 {
							if _, err := db.InsertBasicDataItems(ctx, items); err != nil {
								b.Fatal(err)
							}
							items = items[:0]
						}
					}
					if err := db.EndBasicData(ctx, "bench", bd.ID, "", clock.Now()); err != nil {
						b.Fatal(err)
					}
					runtime.GC()
					b.StartTimer()
					peak := heapwatch.Start()
					res, err := e.Tick(ctx)
					if err != nil || res.Reports.Uploaded != 1 {
						b.Fatalf("tick: %+v %v", res.Reports, err)
					}
					b.ReportMetric(float64(peak()>>20), "peak-heap-MiB")
				}
				b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "rows/s")
			})
		}
	}
}
