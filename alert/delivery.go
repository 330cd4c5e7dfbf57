package alert

import (
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/yujing-go/yujing/channel"
)

// ChannelState is monitor_send_log.channel_state: the outcome so far of
// each channel an alert goes to, by channel_no, stored as JSON, e.g.
//
//	{"CH01":{"status":"sent","type":"wecom","attempts":1,"at":"2026-11-24T10:00:05Z"},
//	 "CH02":{"status":"retry","type":"dingtalk","attempts":2,"code":"HTTP 503","error":"…","at":"…"}}
//
// A retry sends only to the channels not yet sent or failed, so a channel
// that succeeded never gets the alert twice; the reason of every failure
// stays readable in the row (and in monitor_send_log_hist). Read it back
// with ParseChannelState.
type ChannelState map[string]*ChannelOutcome

// ChannelOutcome is one channel's delivery of one alert so far.
type ChannelOutcome struct {
	// Status is OutcomeSent, OutcomeFailed or OutcomeRetry.
	Status string `json:"status"`
	// Type names the channel's type ("wecom", "email", …).
	Type string `json:"type,omitempty"`
	// Attempts counts the sends tried (a send skipped for the robot's
	// quota, a short lease or a stopping host is not an attempt).
	Attempts int `json:"attempts"`
	// Code is the service's answer to the last failed attempt ("HTTP 503",
	// a robot's errcode), Error its text; both empty once sent.
	Code  string `json:"code,omitempty"`
	Error string `json:"error,omitempty"`
	// At is when the last attempt was made.
	At time.Time `json:"at"`
}

// Channel outcomes.
const (
	OutcomeSent   = "sent"   // delivered
	OutcomeFailed = "failed" // a permanent failure, or retries exhausted
	OutcomeRetry  = "retry"  // failed, will be retried
	OutcomeMuted  = "muted"  // not sent: a silence covered the channel when the alert was due (Error names it)
)

// ParseChannelState reads a channel_state column. An empty one is an empty
// state.
func ParseChannelState(s string) (ChannelState, error) {
	st := ChannelState{}
	if s == "" {
		return st, nil
	}
	if err := json.Unmarshal([]byte(s), &st); err != nil {
		return ChannelState{}, fmt.Errorf("channel_state: %w", err)
	}
	return st, nil
}

// stateOf reads a row's state; an unreadable one counts as empty (the
// alert is delivered again rather than never).
func stateOf(s *string) ChannelState {
	st, err := ParseChannelState(str(s))
	if err != nil {
		return ChannelState{}
	}
	return st
}

// Done reports whether the channel needs no more attempts.
func (st ChannelState) Done(channelNo string) bool {
	o, ok := st[channelNo]
	return ok && (o.Status == OutcomeSent || o.Status == OutcomeFailed || o.Status == OutcomeMuted)
}

// muted reports whether the state holds channels and every one of them
// was muted, and names the silences.
func (st ChannelState) allMuted() bool { ok, _ := st.muted(); return ok }

func (st ChannelState) muted() (bool, string) {
	var why []string
	for _, k := range slices.Sorted(maps.Keys(st)) {
		if st[k].Status != OutcomeMuted {
			return false, ""
		}
		why = append(why, k+": "+st[k].Error)
	}
	return len(why) > 0, strings.Join(why, "; ")
}

// String is the state as stored: JSON with the channels in order.
func (st ChannelState) String() string {
	b, _ := json.Marshal(st) // map keys are sorted: stable text
	return string(b)
}

// Failures summarises the channels that did not get the alert, for the
// row's reason: "CH02 (dingtalk) retry after 2 attempt(s): HTTP 503".
func (st ChannelState) Failures() string {
	var parts []string
	for _, k := range slices.Sorted(maps.Keys(st)) {
		o := st[k]
		if o.Status == OutcomeSent || o.Status == OutcomeMuted {
			continue
		}
		p := fmt.Sprintf("%s (%s) %s after %d attempt(s)", k, o.Type, o.Status, o.Attempts)
		if o.Error != "" {
			p += ": " + o.Error
		}
		parts = append(parts, p)
	}
	return strings.Join(parts, "; ")
}

func (st ChannelState) clone() ChannelState {
	out := make(ChannelState, len(st))
	for k, o := range st {
		c := *o
		out[k] = &c
	}
	return out
}

// attemptResult is what became of one channel in one delivery round.
type attemptResult struct {
	channel string        // channel_no
	typ     string        // the channel's type name
	err     error         // nil: sent
	skipped bool          // not attempted (robot quota, short lease, stopping host)
	wait    time.Duration // for a skipped one: until the robot's quota frees
	at      time.Time     // when the answer came; zero: now
	why     string        // for a skipped one: why
}

// rowVerdict is what follows one delivery round of one alert.
type rowVerdict int

const (
	verdictSent     rowVerdict = iota + 1 // every channel has it: status 1
	verdictFailed                         // a permanent failure or no retries left: status 2
	verdictRetry                          // waits for another attempt, one retry fewer
	verdictDeferred                       // some channels were not tried: again soon, no retry used
	verdictMuted                          // every channel was muted by a silence: status 3
)

// deliveryOutcome is the next state of an alert after a delivery round.
type deliveryOutcome struct {
	verdict rowVerdict
	state   ChannelState
	reason  string
	left    int           // retries left afterwards
	wait    time.Duration // before the next attempt (verdictRetry, verdictDeferred)
	sent    int           // channels that got it in this round
	failed  int           // channels whose send failed in this round
}

// nextDelivery folds one delivery round into an alert's state. It is a
// pure function of the state before, the round's results, a failure of the
// whole row (no route, no template: retried), the retries left, and the
// backoff's delay after n failures:
//
//   - a channel that answered is sent, failed (a permanent error), or
//     retry (a retryable error, a channel that did not build: an operator
//     may fix it);
//   - a round where channels were skipped and none failed retryably is
//     deferred: tried again when the robot's quota frees, using no retry;
//   - a row with nothing left to try is sent, or failed with the reasons;
//   - otherwise it waits the backoff (or the service's Retry-After, when
//     longer) and uses a retry; with none left, it fails ("retries
//     exhausted").
func nextDelivery(prev ChannelState, results []attemptResult, problem error, left int, now time.Time, retry retryPolicy) deliveryOutcome {
	st := prev.clone()
	out := deliveryOutcome{state: st, left: left}
	r := fold(st, results, now)
	out.sent, out.failed = r.sent, r.failed
	retryable := r.retryable || problem != nil
	pending := problem != nil
	for _, o := range st {
		pending = pending || o.Status == OutcomeRetry
	}
	out.reason = st.Failures()
	if problem != nil {
		out.reason = problem.Error()
	}
	switch {
	case r.skipped && !retryable:
		out.verdict, out.wait = verdictDeferred, r.skipWait
		if out.reason == "" && len(r.whys) > 0 {
			out.reason = "not sent yet: " + strings.Join(r.whys, "; ") // e.g. the robot is paused
		}
	case !pending && !r.skipped && out.reason == "" && r.sent == 0 && st.allMuted():
		out.verdict = verdictMuted
		_, out.reason = st.muted()
		out.reason = "not sent: " + out.reason
	case !pending && !r.skipped && out.reason == "":
		out.verdict = verdictSent
	case !pending && !r.skipped:
		out.verdict = verdictFailed
	default:
		l, at := retry.afterFailure(now, left, r.retryAfter)
		if !at.IsZero() {
			out.left, out.verdict, out.wait = l, verdictRetry, at.Sub(now)
			break
		}
		for _, o := range st {
			if o.Status == OutcomeRetry {
				o.Status = OutcomeFailed
			}
		}
		out.reason = "retries exhausted: " + out.reason
		if problem == nil {
			out.reason = "retries exhausted: " + st.Failures()
		}
		out.verdict = verdictFailed
	}
	return out
}

// round sums up one delivery round.
type round struct {
	sent, failed         int
	retryable, skipped   bool
	retryAfter, skipWait time.Duration
	whys                 []string // why channels were skipped
}

// fold writes a round's answers into the channels' state: sent, failed (a
// permanent error) or retry (a retryable error, or a channel that did not
// build: an operator may fix it). Skipped channels keep their state.
func fold(st ChannelState, results []attemptResult, now time.Time) round {
	var r round
	for _, res := range results {
		if res.skipped {
			r.skipped = true
			r.skipWait = max(r.skipWait, res.wait)
			if res.why != "" {
				r.whys = append(r.whys, res.why)
			}
			continue
		}
		o := st[res.channel]
		if o == nil {
			o = &ChannelOutcome{}
			st[res.channel] = o
		}
		o.Attempts++
		o.At = now
		if !res.at.IsZero() {
			o.At = res.at
		}
		o.Type = res.typ
		if res.err == nil {
			o.Status, o.Code, o.Error = OutcomeSent, "", ""
			r.sent++
			continue
		}
		r.failed++
		o.Error, o.Code = res.err.Error(), ""
		if ce, ok := errors.AsType[*channel.Error](res.err); ok {
			o.Code = ce.Code
		}
		if _, unbuilt := errors.AsType[*channel.ConfigError](res.err); channel.IsRetryable(res.err) || unbuilt {
			o.Status = OutcomeRetry
			r.retryable = true
			r.retryAfter = max(r.retryAfter, channel.RetryAfter(res.err))
		} else {
			o.Status = OutcomeFailed
		}
	}
	return r
}
