package alert

import (
	"context"
	"errors"
	"strconv"
	"time"

	"github.com/yujing-go/yujing/channel"
	"github.com/yujing-go/yujing/store"
)

// The engine's channel code paths for the operator's toolkit (package
// ops): a channel built and a message sent exactly as the send stage
// builds and sends an alert's, outside any alert.

// ChannelSpec is the channel.Spec the engine builds a channel from: its
// code, name and type (WeCom when unset, as in the seed) and its enabled
// detail rows (a row without a status counts as enabled, as in a draft).
func ChannelSpec(ch store.Channel, details []store.ChannelDetail) channel.Spec {
	spec := channel.Spec{No: str(ch.ChannelNo), Name: str(ch.ChannelName), Type: int(derefType(ch.Type)), Details: map[string]string{}}
	for _, d := range details {
		if d.DataKey == nil || (d.Status != nil && *d.Status != store.ConfigEnabled) {
			continue
		}
		spec.Details[*d.DataKey] = str(d.DataValue)
	}
	return spec
}

// BuildChannel builds spec's sender with the engine's channel registry:
// the host's channel types, and the robots' rate budgets that every
// engine sharing the database takes its sends from. The error is a
// *channel.ConfigError naming the channel and the detail key, never its
// value.
func (e *Engine) BuildChannel(spec channel.Spec) (channel.Built, error) {
	return e.channels.Build(spec)
}

// ChannelTypeName names channel type typ as the engine's registry knows
// it ("wecom", …), or "unknown type N".
func (e *Engine) ChannelTypeName(typ int) string {
	if name, ok := e.channels.TypeName(typ); ok {
		return name
	}
	return "unknown type " + strconv.Itoa(typ)
}

// SendOnce sends msg through b once, as the send stage makes one attempt
// of an alert: bounded by the channel's timeout plus a quarter of the
// lease (the wait for the robot's rate budget included), taking the
// robot's next slot of the shared budget like any send, and pausing the
// robot for every engine when the service answers with a throttle (a 429
// with Retry-After, a robot's throttling code). It returns how long the
// send took and the sender's error: nil when the service accepted the
// message, a *channel.Error otherwise (cause channel.ErrRateLimited when
// the robot's budget had no slot in time: nothing was sent). The send is
// not an alert's: the observer does not hear of it, and the log has it at
// Info level (the caller reports the outcome).
func (e *Engine) SendOnce(ctx context.Context, b channel.Built, msg channel.Message) (time.Duration, error) {
	sctx, cancel := context.WithTimeout(ctx, e.send.budget(b))
	start := time.Now()
	err := safeSend(sctx, b.Sender, msg)
	cancel()
	took := time.Since(start)
	ch := store.Channel{ChannelNo: new(b.Spec.Label())}
	attrs := []any{"channel", b.Spec.Label(), "channel_type", b.TypeName, "took", took}
	switch {
	case err == nil:
		e.log.InfoContext(ctx, "channel test message sent", attrs...)
	case errors.Is(err, channel.ErrRateLimited):
		e.log.InfoContext(ctx, "channel test message not sent: the robot's budget has no slot in time", append(attrs, "retry_after", channel.RetryAfter(err))...)
	default:
		e.send.pauseIfThrottled(ctx, &store.SendLog{}, &job{channel: ch, built: b, msg: msg, err: err})
		// The error's text goes to the caller only: a host's own sender
		// may not scrub it, and the caller knows the channel's secrets.
		code := ""
		if ce, ok := errors.AsType[*channel.Error](err); ok {
			code = ce.Code
		}
		e.log.InfoContext(ctx, "channel test message failed", append(attrs, "code", code, "retryable", channel.IsRetryable(err), "retry_after", channel.RetryAfter(err))...)
	}
	return took, err
}

// OutcomeDeferred is DeliveryOutcome's answer for a send that the robot's
// rate budget put off (channel.ErrRateLimited): not an attempt, the alert
// is tried again when the budget frees, without using a retry.
const OutcomeDeferred = "deferred"

// DeliveryOutcome is what the send stage would make of a channel's answer
// err to an alert, through the same fold as an alert's channel state:
// OutcomeSent; OutcomeRetry for a retryable error or a channel that does
// not build (an operator may fix it), retried after the backoff or the
// service's Retry-After; OutcomeFailed for a permanent error, never
// retried; OutcomeDeferred when the robot's budget had no slot.
func DeliveryOutcome(err error) string {
	if errors.Is(err, channel.ErrRateLimited) {
		return OutcomeDeferred
	}
	st := ChannelState{}
	fold(st, []attemptResult{{channel: "ch", err: err}}, time.Time{})
	return st["ch"].Status
}
