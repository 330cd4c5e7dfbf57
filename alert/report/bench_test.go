package report

import (
	"context"
	"fmt"
	"iter"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/yujing-go/yujing/internal/heapwatch"
)

// BenchmarkWrite writes reports of 10,000 and 1,000,000 rows to a file and
// reports rows/s and the peak heap seen while writing (sampled every few
// milliseconds): flat memory means the two peaks are close. The 1,000,000
// case takes some seconds; run it once with -benchtime 1x.
func BenchmarkWrite(b *testing.B) {
	for _, n := range []int{10_000, 1_000_000} {
		b.Run(fmt.Sprintf("rows=%d", n), func(b *testing.B) {
			m := testMeta(b)
			path := filepath.Join(b.TempDir(), "report.xlsx")
			runtime.GC()
			peak := heapwatch.Start()
			var size int64
			for b.Loop() {
				size = writeFile(b, path, m, benchRows(n))
			}
			heap := peak()
			b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
			b.ReportMetric(float64(heap)/(1<<20), "peak-heap-MiB")
			b.ReportMetric(float64(size)/(1<<20), "file-MiB")
		})
	}
}

func writeFile(b *testing.B, path string, m Meta, rows iter.Seq2[Row, error]) int64 {
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	if _, err := Write(context.Background(), f, m, rows); err != nil {
		b.Fatal(err)
	}
	fi, err := f.Stat()
	if err != nil {
		b.Fatal(err)
	}
	return fi.Size()
}

// benchRows yields n rows shaped like real ones: a 20-character case id, a
// 32-character external number, amounts with 8 decimals.
func benchRows(n int) iter.Seq2[Row, error] {
	return func(yield func(Row, error) bool) {
		for i := range n {
			id := strconv.Itoa(1_000_000_000 + i)
			r := Row{
				CaseID:     "CASE20261124" + id[2:],
				ExternalNo: "TXN-8f3a2c1e-4b5d-" + id + "-ph",
				Due:        decimal.New(int64(i)*1_234_567+89, -8),
				Paid:       decimal.New(int64(i)*1_000_000, -8),
			}
			if !yield(r, nil) {
				return
			}
		}
	}
}
