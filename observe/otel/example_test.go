package otelobserver_test

import (
	"context"
	"fmt"
	"log/slog"

	sdkmetric "go.opentelemetry.io/otel/sdk/metric"
	"go.opentelemetry.io/otel/sdk/metric/metricdata"

	"github.com/yujing-go/yujing/alert"
	otelobserver "github.com/yujing-go/yujing/observe/otel"
)

// Example records an engine's Tick through a MeterProvider, read here by a
// ManualReader (a host uses a periodic reader and an exporter instead).
func Example() {
	ctx := context.Background()
	reader := sdkmetric.NewManualReader()
	mp := sdkmetric.NewMeterProvider(sdkmetric.WithReader(reader))
	defer mp.Shutdown(ctx)
	obs, err := otelobserver.New(mp)
	if err != nil {
		panic(err)
	}

	db, err := openStore(ctx) // store.OpenSQLite(ctx, ":memory:") and Migrate
	if err != nil {
		panic(err)
	}
	defer db.Close()
	engine, err := alert.New(alert.WithStore(db), alert.WithScenes(checkout{}), alert.WithClock(fixedClock),
		alert.WithMaxMissedWindows(1), alert.WithLogger(slog.New(slog.DiscardHandler)),
		alert.WithObserver(obs))
	if err != nil {
		panic(err)
	}
	if _, err := engine.Tick(ctx); err != nil {
		panic(err)
	}

	var rm metricdata.ResourceMetrics
	if err := reader.Collect(ctx, &rm); err != nil {
		panic(err)
	}
	for _, m := range rm.ScopeMetrics[0].Metrics {
		switch d := m.Data.(type) {
		case metricdata.Sum[int64]:
			if m.Name == "yujing.ticks" || m.Name == "yujing.windows.collected" || m.Name == "yujing.records.stored" {
				fmt.Println(m.Name, d.DataPoints[0].Value)
			}
		case metricdata.Histogram[float64]:
			fmt.Println(m.Name, m.Unit, len(d.DataPoints), "series")
		}
	}
	// Output:
	// yujing.tick.duration s 1 series
	// yujing.stage.duration s 7 series
	// yujing.ticks 1
	// yujing.windows.collected 1
	// yujing.records.stored 2
}
