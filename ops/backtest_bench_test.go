package ops_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/yujing-go/yujing/alert"
	"github.com/yujing-go/yujing/internal/heapwatch"
	"github.com/yujing-go/yujing/internal/testdb"
	"github.com/yujing-go/yujing/ops"
	"github.com/yujing-go/yujing/store"
)

// benchRecordsEnv sets the records BenchmarkBacktest loads (default
// 1,000,000): a smaller run shows the peak heap does not grow with them.
const benchRecordsEnv = "BACKTEST_BENCH_RECORDS"

// benchCountries share the records: each has records/benchCountries
// consecutive 10-minute windows.
const benchCountries = 20

// BenchmarkBacktest replays the saved rule over 1,000,000 stored records
// (20 countries × 50,000 10-minute windows, about a year) on each
// backend: bulk-loaded with multi-row INSERTs (store.InsertRecords, 500
// rows a statement) before the timer starts. Every country has a bad
// stretch of 6 windows in every 97, so the lifecycle fires, repeats and
// resolves all along. It reports the windows replayed per second and the
// peak live heap while replaying (internal/heapwatch): a page of records,
// whatever their number.
//
//	ALERT_TEST_MYSQL_DSN='root@tcp(127.0.0.1:3306)/yj_main' go test ./ops/ -run '^$' -bench BenchmarkBacktest -benchtime 1x
func BenchmarkBacktest(b *testing.B) {
	n := 1_000_000
	if v := os.Getenv(benchRecordsEnv); v != "" {
		var err error
		if n, err = strconv.Atoi(v); err != nil || n < benchCountries {
			b.Fatalf("%s=%q: want a number of records ≥ %d", benchRecordsEnv, v, benchCountries)
		}
	}
	for _, be := range testdb.Backends() {
		b.Run(fmt.Sprintf("%s/records=%d", be.Name, n), func(b *testing.B) {
			db := be.Open(b)
			engine, err := alert.New(alert.WithStore(db), alert.WithFireTypes(btScene), alert.WithLogger(slog.New(slog.NewTextHandler(io.Discard, nil))))
			if err != nil {
				b.Fatal(err)
			}
			configureBench(b, engine, db)
			from := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
			to := loadRecords(b, db, from, n)
			kit := ops.New(engine, db)
			q := ops.BacktestQuery{RuleNo: "R-BT", From: from, To: to, PageSize: 1000}
			runtime.GC()
			b.ResetTimer()
			cpu0 := cpuTime()
			stop := heapwatch.Start()
			var sum ops.BacktestSummary
			for b.Loop() {
				if sum, err = kit.Backtest(context.Background(), q, func(ops.BacktestWindow) error { return nil }); err != nil {
					b.Fatal(err)
				}
			}
			peak := stop()
			cpu := cpuTime() - cpu0
			b.StopTimer()
			if sum.Windows != int64(n) {
				b.Fatalf("replayed %d windows of %d", sum.Windows, n)
			}
			b.ReportMetric(sum.RecordsPerSecond, "records/s")
			b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MiB")
			// The machine is shared: records per CPU-second of this process
			// (the database server's CPU not counted for MariaDB) says more
			// than per wall-clock second when others run.
			b.ReportMetric(float64(sum.Windows)/cpu.Seconds(), "records/cpu-s")
			b.Logf("%s: %d windows, %d fired, messages %v, %d differences, %.0f records/s, peak heap %.1f MiB",
				testdb.Describe(db), sum.Windows, sum.Fired, sum.Messages, sum.Differences, sum.RecordsPerSecond, float64(peak)/(1<<20))
		})
	}
}

// configureBench writes the saved rule and a template and channel for it.
func configureBench(b *testing.B, e *alert.Engine, db *store.DB) {
	b.Helper()
	ctx := context.Background()
	cfg := e.Config(db, store.AsUser("bench"))
	r := store.Rule{RuleNo: new("R-BT"), FunCode: new("denominator >= 100 && rate < threshold"), ThresholdVal: new("0.9")}
	r.SetPendingWindows(3)
	r.SetResolveWindows(2)
	tpl := store.Template{ModNo: new("MD-BT"), Title: new("SMS success"), InfoType: new(btScene), SendType: new(store.SendRealtime),
		Content: new("{country}: SMS success {rate_pct} in {window}"), ResolvedContent: new("{country}: recovered after {duration}")}
	tpl.SetRepeatSeconds(3600)
	steps := []func() error{
		func() error { _, err := cfg.CreateRule(ctx, r); return err },
		func() error {
			_, err := cfg.CreateRuleRoute(ctx, store.RuleRoute{InfoType: new(btScene), CountryNo: new(store.AllCountries), RuleNo: r.RuleNo})
			return err
		},
		func() error { _, err := cfg.CreateTemplate(ctx, tpl); return err },
		func() error {
			_, err := cfg.CreateCountryTemplate(ctx, store.CountryTemplate{CountryNo: new(store.AllCountries), ModNo: tpl.ModNo, InfoType: new(btScene)})
			return err
		},
		func() error {
			ch, err := cfg.CreateChannel(ctx, store.Channel{ChannelNo: new("CH-BT"), ChannelName: new("hook"), Type: new(store.ChannelWebhook)},
				[]store.ChannelDetail{{DataKey: new("url"), DataValue: new("http://127.0.0.1:9/alerts")}})
			if err != nil {
				return err
			}
			_, err = cfg.CreateRouting(ctx, store.Routing{CountryNo: store.AllCountries, CountryName: "all", InfoType: new(btScene), ChannelNo: ch.ChannelNo})
			return err
		},
	}
	for _, s := range steps {
		if err := s(); err != nil {
			b.Fatal(err)
		}
	}
}

// loadRecords stores n records (status 2, as judged fine) of scene 1 over
// benchCountries countries with multi-row INSERTs (500 rows a statement,
// 20,000 a transaction) and returns the end of the last window.
func loadRecords(b *testing.B, db *store.DB, from time.Time, n int) time.Time {
	b.Helper()
	start := time.Now()
	per := n / benchCountries
	const rows, perTx = 500, 20_000
	var args []any
	tx, err := db.SQL().Beginx()
	if err != nil {
		b.Fatal(err)
	}
	done := 0
	flush := func() {
		if len(args) == 0 {
			return
		}
		q := "INSERT INTO monitor_record (bu_no, info_type, country_no, begin_time, end_time, content, compare_val, status, create_time) VALUES " +
			strings.TrimSuffix(strings.Repeat("(?, ?, ?, ?, ?, ?, ?, ?, ?), ", len(args)/9), ", ")
		if _, err := tx.Exec(q, args...); err != nil {
			b.Fatal(err)
		}
		done += len(args) / 9
		args = args[:0]
		if done%perTx == 0 {
			if err := tx.Commit(); err != nil {
				b.Fatal(err)
			}
			if tx, err = db.SQL().Beginx(); err != nil {
				b.Fatal(err)
			}
		}
	}
	for c := range benchCountries {
		for i := range per {
			args = appendRecord(args, c, from, i)
			if len(args) == rows*9 {
				flush()
			}
		}
	}
	flush()
	if err := tx.Commit(); err != nil {
		b.Fatal(err)
	}
	d := time.Since(start)
	b.Logf("loaded %d records in %s (%.0f rows/s)", per*benchCountries, d.Round(time.Millisecond), float64(per*benchCountries)/d.Seconds())
	return from.Add(time.Duration(per) * 10 * time.Minute)
}

// appendRecord appends the columns of window i of country c: bad (rate
// 0.5) for 6 windows in every 97, shifted by country.
func appendRecord(args []any, c int, from time.Time, i int) []any {
	begin := from.Add(time.Duration(i) * 10 * time.Minute)
	end := begin.Add(10 * time.Minute)
	num := 970
	if (i+c*7)%97 < 6 {
		num = 500
	}
	rate := strconv.FormatFloat(float64(num)/1000, 'f', -1, 64)
	content := "numerator=" + strconv.Itoa(num) + ";denominator=1000;rate=" + rate
	return append(args, fmt.Sprintf("RCBENCH%02d%08d", c, i), btScene, fmt.Sprintf("C%02d", c), begin, end, content, rate,
		int(store.RecordNoAlert), end.Add(time.Minute))
}

// cpuTime is the CPU time (user and system) this process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
