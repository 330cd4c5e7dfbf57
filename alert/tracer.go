package alert

import "context"

// Tracer is an optional interface of an Observer, for tracing: an
// observer that implements it is told when a Tick, each of its stages and
// each delivery begin. It returns the context the work runs in (carrying
// its span, say) and a function the engine calls once when the work ends,
// with its result. observe/otel implements it with OpenTelemetry spans.
//
// A delivery may end after its Tick has (a send still running when the
// Tick's wait is over, see WithSendWait); its context is then the Tick's
// stage context all the same. Calls come from the goroutine doing the
// work; keep them quick.
type Tracer interface {
	// StartTick begins a Tick; end receives its result.
	StartTick(ctx context.Context) (_ context.Context, end func(TickResult))
	// StartStage begins a stage of the pipeline (collect, rules, reports,
	// record, escalate, send, archive); end receives the errors it met,
	// joined (nil when none).
	StartStage(ctx context.Context, stage string) (_ context.Context, end func(error))
	// StartDelivery begins one attempt to send an alert through a
	// channel; d has no Duration or Err yet. end receives the finished
	// Delivery.
	StartDelivery(ctx context.Context, d Delivery) (_ context.Context, end func(Delivery))
}

// noTracer is the Tracer of an observer that is not one.
type noTracer struct{}

func (noTracer) StartTick(ctx context.Context) (context.Context, func(TickResult)) {
	return ctx, func(TickResult) {}
}

func (noTracer) StartStage(ctx context.Context, _ string) (context.Context, func(error)) {
	return ctx, func(error) {}
}

func (noTracer) StartDelivery(ctx context.Context, _ Delivery) (context.Context, func(Delivery)) {
	return ctx, func(Delivery) {}
}

// tracerOf returns o as a Tracer, or one that does nothing.
func tracerOf(o Observer) Tracer {
	if t, ok := o.(Tracer); ok {
		return t
	}
	return noTracer{}
}
