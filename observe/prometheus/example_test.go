package promobserver_test

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/yujing-go/yujing/alert"
	promobserver "github.com/yujing-go/yujing/observe/prometheus"
	"github.com/yujing-go/yujing/store"
)

// Example counts an engine's Ticks into a registry; a host serves it with
// promhttp.HandlerFor(reg, promhttp.HandlerOpts{}).
func Example() {
	ctx := context.Background()
	reg := prometheus.NewRegistry()
	obs, err := promobserver.New(reg)
	if err != nil {
		panic(err)
	}

	db, err := store.OpenSQLite(ctx, ":memory:")
	if err != nil {
		panic(err)
	}
	defer db.Close()
	if err := db.Migrate(ctx); err != nil {
		panic(err)
	}
	now := func() time.Time { return time.Date(2026, 11, 24, 10, 11, 30, 0, time.UTC) }
	engine, err := alert.New(alert.WithStore(db), alert.WithScenes(checkout{}), alert.WithClock(now),
		alert.WithMaxMissedWindows(1), alert.WithLogger(slog.New(slog.DiscardHandler)),
		alert.WithObserver(obs))
	if err != nil {
		panic(err)
	}
	if _, err := engine.Tick(ctx); err != nil {
		panic(err)
	}

	mfs, err := reg.Gather()
	if err != nil {
		panic(err)
	}
	for _, mf := range mfs {
		if slices.Contains([]string{"yujing_ticks_total", "yujing_windows_collected_total", "yujing_records_stored_total"}, mf.GetName()) {
			fmt.Println(mf.GetName(), mf.GetMetric()[0].GetCounter().GetValue())
		}
		if strings.HasSuffix(mf.GetName(), "_seconds") {
			fmt.Println(mf.GetName(), len(mf.GetMetric()), "series")
		}
	}
	// Output:
	// yujing_records_stored_total 2
	// yujing_stage_duration_seconds 7 series
	// yujing_tick_duration_seconds 1 series
	// yujing_ticks_total 1
	// yujing_windows_collected_total 1
}
