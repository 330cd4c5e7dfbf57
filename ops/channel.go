package ops

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/yujing-go/yujing/alert"
	"github.com/yujing-go/yujing/channel"
	"github.com/yujing-go/yujing/store"
)

// Verdict classifies a channel's answer to a test message.
type Verdict string

// Verdicts of TestChannel.
const (
	// Sent: the service accepted the message.
	Sent Verdict = "sent"
	// Refused: the service said no for good (a bad token or signature, a
	// bad request, a recipient refused); sending again fails the same way.
	Refused Verdict = "refused"
	// RateLimited: the robot is throttled (HTTP 429, a throttling code) or
	// its rate budget, shared by every engine, had no slot in time;
	// TestResult.RetryAfter says how long to wait when known.
	RateLimited Verdict = "rate_limited"
	// Unavailable: a server error (5xx) or the network (refused
	// connection, timeout); a retry may succeed.
	Unavailable Verdict = "unavailable"
	// BadConfig: the channel does not build (a detail missing or
	// malformed, an unknown type); nothing was sent. TestResult.Key names
	// the detail.
	BadConfig Verdict = "bad_config"
)

// TestRequest is who asks for a test message, and in which language.
type TestRequest struct {
	// By is who asks (1 to 64 characters): the message names them.
	By string
	// Language, when set, overrides the channel's own ("lang" detail).
	Language *channel.Language
}

// TestResult is what became of a test message.
type TestResult struct {
	Channel  string // channel_no; the name, or "(unnamed)", of a draft without one
	Name     string // channel_name
	Type     int    // monitor_channel.type
	TypeName string // "wecom", …
	Language channel.Language
	Format   channel.Format
	Verdict  Verdict
	// Code is the service's code for a failure: an errcode, "HTTP 429",
	// an SMTP reply code, a Slack error; empty when it gave none.
	Code string
	// Answer is the error's text, scrubbed of the channel's secrets; empty
	// when sent.
	Answer string
	// Retryable reports whether sending again later may succeed.
	Retryable bool
	// RetryAfter is how long the service (or the robot's budget) asks to
	// wait; zero when it did not say.
	RetryAfter time.Duration
	// Key is the detail at fault for BadConfig ("access_token"), when one.
	Key string
	// UnknownKeys are detail keys the type does not read (likely typos).
	UnknownKeys []string
	// AlertOutcome is what the engine's send stage would make of the same
	// answer to an alert (alert.DeliveryOutcome): "sent", "retry" (after
	// the backoff or Retry-After; also a channel that does not build),
	// "failed" (permanent, no retry) or "deferred" (the robot's budget had
	// no slot; no retry used).
	AlertOutcome string
	// Message is the test message in the channel's language, sent or not
	// (see Verdict); empty for BadConfig.
	Message  channel.Content
	At       time.Time     // when the test was asked: the time the message names
	Duration time.Duration // how long the send took (the wait for the robot's slot included)
	By       string
}

// OK reports whether the message was sent.
func (r *TestResult) OK() bool { return r.Verdict == Sent }

// TestChannel sends a real test message to the saved channel channelNo,
// whatever its status, in its language (or req.Language), built and sent
// by the engine's own code (alert.Engine.BuildChannel and SendOnce): the
// host's channel types, the channel's timeout, and a slot of the robot's
// rate budget, shared with every engine's sends, like any send. A
// throttling answer pauses the robot as it would for an alert.
//
// The service's answer is in the result, classified; the error is for
// what kept the test from being tried: a missing channel (wraps
// store.ErrNotFound), a bad request (*store.ValidationError), the
// database.
func (k *Toolkit) TestChannel(ctx context.Context, channelNo string, req TestRequest) (*TestResult, error) {
	if err := checkRequest(req); err != nil {
		return nil, err
	}
	cfg := k.db.UncheckedConfig()
	ch, err := cfg.GetChannel(ctx, channelNo)
	if err != nil {
		return nil, fmt.Errorf("ops: test channel %s: %w", channelNo, err)
	}
	details, err := cfg.ChannelDetails(ctx, channelNo)
	if err != nil {
		return nil, fmt.Errorf("ops: test channel %s: details: %w", channelNo, err)
	}
	return k.test(ctx, alert.ChannelSpec(ch, details), req), nil
}

// TestDraftChannel sends a test message to a channel that is not saved
// (the console's "send test" before saving): ch and its details as they
// would be written. Otherwise it is TestChannel.
func (k *Toolkit) TestDraftChannel(ctx context.Context, ch store.Channel, details []store.ChannelDetail, req TestRequest) (*TestResult, error) {
	if err := checkRequest(req); err != nil {
		return nil, err
	}
	return k.test(ctx, alert.ChannelSpec(ch, details), req), nil
}

// checkRequest refuses a request without a name that fits the audit.
func checkRequest(req TestRequest) error {
	if n := len([]rune(strings.TrimSpace(req.By))); n == 0 || n > 64 {
		return &store.ValidationError{Table: "test message", Column: "by", Reason: fmt.Sprintf("a name of 1 to 64 characters is needed, got %d", n)}
	}
	return nil
}

// test builds spec and sends it the test message.
func (k *Toolkit) test(ctx context.Context, spec channel.Spec, req TestRequest) *TestResult {
	typeName := k.engine.ChannelTypeName(spec.Type)
	secrets := secretValues(typeName, spec.Details)
	if req.Language != nil {
		spec = withLanguage(spec, *req.Language)
	}
	at := k.now()
	r := &TestResult{Channel: spec.Label(), Name: spec.Name, Type: spec.Type, TypeName: typeName, By: strings.TrimSpace(req.By), At: at}
	b, err := k.engine.BuildChannel(spec)
	if err != nil {
		r.Verdict, r.Answer = BadConfig, scrub(err, secrets)
		if ce, ok := errors.AsType[*channel.ConfigError](err); ok {
			r.Key = ce.Key
		}
		r.AlertOutcome = alert.DeliveryOutcome(err)
		return r
	}
	r.Language, r.Format, r.UnknownKeys = b.Language, b.Format, b.UnknownKeys
	msg := testMessage(r.Channel, r.Name, typeName, r.By, at)
	r.Message = msg.Content(b.Language)
	r.Duration, err = k.engine.SendOnce(ctx, b, msg)
	classify(r, err, secrets)
	r.AlertOutcome = alert.DeliveryOutcome(err)
	return r
}

// withLanguage returns spec with its "lang" detail set to l (the details
// are copied; keys are case-insensitive).
func withLanguage(spec channel.Spec, l channel.Language) channel.Spec {
	d := make(map[string]string, len(spec.Details)+1)
	for key, v := range spec.Details {
		if !strings.EqualFold(strings.TrimSpace(key), "lang") {
			d[key] = v
		}
	}
	d["lang"] = l.String()
	spec.Details = d
	return spec
}

// classify fills r from the sender's error with the channel package's
// error types.
func classify(r *TestResult, err error, secrets []string) {
	if err == nil {
		r.Verdict = Sent
		return
	}
	r.Answer, r.Retryable, r.RetryAfter = scrub(err, secrets), channel.IsRetryable(err), channel.RetryAfter(err)
	ce, _ := errors.AsType[*channel.Error](err)
	if ce != nil {
		r.Code = ce.Code
	}
	switch {
	case errors.Is(err, channel.ErrRateLimited), r.Code == "HTTP 429":
		r.Verdict = RateLimited
	case r.Retryable && r.RetryAfter > 0 && !strings.HasPrefix(r.Code, "HTTP 5"):
		r.Verdict = RateLimited // a robot's throttling code
	case r.Retryable:
		r.Verdict = Unavailable
	default:
		r.Verdict = Refused
	}
}

// scrub is err's text without the channel's secrets (the senders scrub
// their errors already; a host's own sender may not).
func scrub(err error, secrets []string) string {
	return channel.Redact(err, secrets...).Error()
}
