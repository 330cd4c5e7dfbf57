package otelobserver

import (
	"context"
	"strconv"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/trace"

	"github.com/yujing-go/yujing/alert"
)

// Span attributes. A span carries what the work was about (scene,
// country, the alert's sl_no, the channel and its type), never a channel's
// secret or a message's text.
const (
	attrStage       = attribute.Key("yujing.stage")
	attrScene       = attribute.Key("yujing.scene") // info_type
	attrCountry     = attribute.Key("yujing.country")
	attrSlNo        = attribute.Key("yujing.sl_no")
	attrChannel     = attribute.Key("yujing.channel") // channel_no
	attrChannelType = attribute.Key("yujing.channel.type")
)

// tracing makes the spans: one per Tick, one per stage under it, one per
// delivery under its stage.
type tracing struct{ tracer trace.Tracer }

// StartTick starts the span "yujing.tick"; it ends with the Tick's counts
// and its errors.
func (o *Observer) StartTick(ctx context.Context) (context.Context, func(alert.TickResult)) {
	ctx, span := o.tracing.tracer.Start(ctx, "yujing.tick", trace.WithSpanKind(trace.SpanKindInternal))
	return ctx, func(r alert.TickResult) {
		span.SetAttributes(
			attribute.Int("yujing.windows.collected", r.Collect.Windows),
			attribute.Int("yujing.alerts.sent", r.Send.Sent),
			attribute.Int("yujing.errors", len(r.Errors)))
		if err := r.Err(); err != nil {
			span.RecordError(err)
			span.SetStatus(codes.Error, "tick finished with errors")
		}
		span.End()
	}
}

// StartStage starts the span "yujing.<stage>" under the Tick's.
func (o *Observer) StartStage(ctx context.Context, stage string) (context.Context, func(error)) {
	ctx, span := o.tracing.tracer.Start(ctx, "yujing."+stage, trace.WithAttributes(attrStage.String(stage)))
	return ctx, func(err error) {
		if err != nil {
			span.RecordError(err)
			span.SetStatus(codes.Error, "stage "+stage+" met errors")
		}
		span.End()
	}
}

// StartDelivery starts the span "yujing.deliver" (a client span: it
// calls a robot or a mail server) under the send stage's.
func (o *Observer) StartDelivery(ctx context.Context, d alert.Delivery) (context.Context, func(alert.Delivery)) {
	ctx, span := o.tracing.tracer.Start(ctx, "yujing.deliver", trace.WithSpanKind(trace.SpanKindClient), trace.WithAttributes(
		attrScene.String(strconv.Itoa(d.InfoType)), attrCountry.String(d.Country), attrSlNo.String(d.SlNo),
		attrChannel.String(d.Channel), attrChannelType.String(d.ChannelType)))
	return ctx, func(d alert.Delivery) {
		if d.Err != nil {
			span.RecordError(d.Err)
			span.SetStatus(codes.Error, "delivery failed")
		}
		span.End()
	}
}
