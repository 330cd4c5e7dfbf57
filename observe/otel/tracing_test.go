package otelobserver_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	sdkmetric "go.opentelemetry.io/otel/sdk/metric"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"

	"github.com/yujing-go/yujing/observe/otel"
)

// One Tick of the real engine with a tracer provider: a span for the
// Tick, one per stage under it, one for the delivery under the send
// stage's, carrying the scene, country, sl_no and channel type, and never
// the webhook's URL (a channel's secret).
func TestEngineTickSpans(t *testing.T) {
	hook := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {}))
	defer hook.Close()
	rec := tracetest.NewSpanRecorder()
	tp := sdktrace.NewTracerProvider(sdktrace.WithSpanProcessor(rec))
	obs, err := otelobserver.New(sdkmetric.NewMeterProvider(), otelobserver.WithTracerProvider(tp))
	if err != nil {
		t.Fatal(err)
	}
	engine := newEngine(t, obs, hook.URL+"/hook-secret-path")
	if _, err := engine.Tick(context.Background()); err != nil {
		t.Fatal(err)
	}
	if err := engine.Wait(context.Background()); err != nil {
		t.Fatal(err)
	}
	spans := rec.Ended()
	byName := map[string]sdktrace.ReadOnlySpan{}
	for _, s := range spans {
		byName[s.Name()] = s
		for _, kv := range s.Attributes() {
			if strings.Contains(kv.Value.Emit(), "hook-secret-path") || strings.Contains(kv.Value.Emit(), hook.URL) {
				t.Errorf("span %s attribute %s carries the webhook URL", s.Name(), kv.Key)
			}
		}
	}
	tick, ok := byName["yujing.tick"]
	if !ok {
		t.Fatalf("no yujing.tick span among %d", len(spans))
	}
	for _, stage := range []string{"collect", "rules", "reports", "record", "escalate", "send", "archive"} {
		s, ok := byName["yujing."+stage]
		if !ok {
			t.Errorf("no span for stage %s", stage)
			continue
		}
		if s.Parent().SpanID() != tick.SpanContext().SpanID() {
			t.Errorf("stage %s: parent %s, want the tick's span", stage, s.Parent().SpanID())
		}
	}
	d, ok := byName["yujing.deliver"]
	if !ok {
		t.Fatal("no yujing.deliver span")
	}
	if d.Parent().SpanID() != byName["yujing.send"].SpanContext().SpanID() {
		t.Errorf("the delivery's parent is not the send stage's span")
	}
	attrs := map[string]string{}
	for _, kv := range d.Attributes() {
		attrs[string(kv.Key)] = kv.Value.Emit()
	}
	for k, want := range map[string]string{"yujing.scene": "3", "yujing.country": "PH", "yujing.channel.type": "webhook"} {
		if attrs[k] != want {
			t.Errorf("delivery span %s = %q, want %q (all: %v)", k, attrs[k], want, attrs)
		}
	}
	if attrs["yujing.sl_no"] == "" || attrs["yujing.channel"] == "" {
		t.Errorf("delivery span without sl_no or channel: %v", attrs)
	}
	if len(spans) != 1+7+1 {
		t.Errorf("%d spans, want 9 (tick, 7 stages, 1 delivery)", len(spans))
	}
}
