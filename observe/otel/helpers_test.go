package otelobserver_test

import (
	"context"
	"strings"
	"testing"
	"time"

	sdkmetric "go.opentelemetry.io/otel/sdk/metric"
	"go.opentelemetry.io/otel/sdk/metric/metricdata"

	"github.com/yujing-go/yujing/alert"
	otelobserver "github.com/yujing-go/yujing/observe/otel"
)

// result is a TickResult with a different count in every field.
func result() alert.TickResult {
	return alert.TickResult{
		Collect:   alert.CollectStats{Windows: 3, Records: 40, Alerts: 5, Failed: 1, Duration: 200 * time.Millisecond},
		Rules:     alert.RuleStats{Records: 9, NoAlert: 4, Alert: 2, Failed: 3, Duration: 20 * time.Millisecond},
		Record:    alert.RecordStats{Records: 14, Enqueued: 6, Merged: 4, Suppressed: 3, Failed: 1, Duration: 30 * time.Millisecond},
		Reports:   alert.ReportStats{Reports: 6, Uploaded: 3, Retrying: 2, Failed: 1, Duration: 700 * time.Millisecond},
		Send:      alert.SendStats{Alerts: 10, Sent: 4, Retrying: 3, Failed: 2, Muted: 1, Deliveries: 7, DeliveryErrors: 5, Duration: 600 * time.Millisecond},
		Archive:   alert.ArchiveStats{Moved: 11, Duration: 10 * time.Millisecond},
		Lifecycle: alert.LifecycleStats{Held: 8, Messages: 12, Escalated: 2, Duration: 5 * time.Millisecond},
		Duration:  1500 * time.Millisecond,
	}
}

// newObserver makes an Observer on a MeterProvider read by a ManualReader.
func newObserver(t *testing.T, opts ...otelobserver.Option) (*otelobserver.Observer, *sdkmetric.ManualReader) {
	t.Helper()
	reader := sdkmetric.NewManualReader()
	mp := sdkmetric.NewMeterProvider(sdkmetric.WithReader(reader))
	t.Cleanup(func() { _ = mp.Shutdown(context.Background()) })
	obs, err := otelobserver.New(mp, opts...)
	if err != nil {
		t.Fatal(err)
	}
	return obs, reader
}

// collect reads every instrument of the Observer's scope, by name.
func collect(t *testing.T, reader *sdkmetric.ManualReader) map[string]metricdata.Metrics {
	t.Helper()
	var rm metricdata.ResourceMetrics
	if err := reader.Collect(context.Background(), &rm); err != nil {
		t.Fatal(err)
	}
	got := map[string]metricdata.Metrics{}
	for _, sm := range rm.ScopeMetrics {
		if sm.Scope.Name != otelobserver.ScopeName {
			t.Errorf("scope %q", sm.Scope.Name)
			continue
		}
		for _, m := range sm.Metrics {
			got[m.Name] = m
		}
	}
	return got
}

func contains(s, sub string) bool { return strings.Contains(s, sub) }
