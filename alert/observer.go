package alert

import (
	"context"
	"time"
)

// Observer receives the engine's measurements, for metrics: each Tick's
// counts and stage latencies, and each delivery to a channel. Calls come
// from the goroutine doing the work; keep them quick.
type Observer interface {
	TickDone(ctx context.Context, r TickResult)
	DeliveryDone(ctx context.Context, d Delivery)
}

// Delivery is one attempt to send one alert through one channel.
type Delivery struct {
	SlNo        string
	Country     string
	InfoType    int
	Channel     string // channel_no
	ChannelType string // "wecom", "email", …
	Duration    time.Duration
	Err         error // nil when sent
}

// ObserverFuncs adapts functions to Observer; a nil function is skipped.
type ObserverFuncs struct {
	Tick     func(ctx context.Context, r TickResult)
	Delivery func(ctx context.Context, d Delivery)
}

// TickDone calls f.Tick.
func (f ObserverFuncs) TickDone(ctx context.Context, r TickResult) {
	if f.Tick != nil {
		f.Tick(ctx, r)
	}
}

// DeliveryDone calls f.Delivery.
func (f ObserverFuncs) DeliveryDone(ctx context.Context, d Delivery) {
	if f.Delivery != nil {
		f.Delivery(ctx, d)
	}
}

type nopObserver struct{}

func (nopObserver) TickDone(context.Context, TickResult)   {}
func (nopObserver) DeliveryDone(context.Context, Delivery) {}
