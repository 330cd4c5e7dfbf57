package alert

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/yujing-go/yujing/channel"
)

// TestNextDelivery: what follows one delivery round, as a pure function of
// the state before, the round's results, a row problem and the retries
// left.
func TestNextDelivery(t *testing.T) {
	now := time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC)
	delay := retryPolicy{delay: func(n int) time.Duration { return time.Duration(n) * time.Minute }} // deterministic backoff
	busy := &channel.Error{Channel: "B", Type: "dingtalk", Code: "HTTP 503", Retryable: true, Err: errors.New("busy")}
	throttled := &channel.Error{Channel: "B", Type: "dingtalk", Code: "130101", Retryable: true, RetryAfter: 10 * time.Minute, Err: errors.New("sending too fast")}
	badToken := &channel.Error{Channel: "B", Type: "wecom", Code: "93000", Err: errors.New("invalid webhook url")}
	unbuilt := &channel.ConfigError{Channel: "B", Type: "webhook", Key: "url", Reason: "missing"}
	sent := func(ch string) attemptResult { return attemptResult{channel: ch, typ: "wecom"} }
	failed := func(ch string, err error) attemptResult { return attemptResult{channel: ch, typ: "wecom", err: err} }
	skipped := func(ch string, wait time.Duration) attemptResult {
		return attemptResult{channel: ch, skipped: true, wait: wait}
	}

	for _, tc := range []struct {
		name    string
		prev    ChannelState
		results []attemptResult
		problem error
		left    int
		want    rowVerdict
		left2   int
		wait    time.Duration
		reason  string // a part of the reason
		states  map[string]string
	}{
		{name: "every channel sent", results: []attemptResult{sent("A"), sent("B")}, left: 2,
			want: verdictSent, left2: 2, states: map[string]string{"A": OutcomeSent, "B": OutcomeSent}},
		{name: "retryable: one retry fewer, the backoff", results: []attemptResult{sent("A"), failed("B", busy)}, left: 2,
			want: verdictRetry, left2: 1, wait: time.Minute, reason: "B (wecom) retry after 1 attempt(s)",
			states: map[string]string{"A": OutcomeSent, "B": OutcomeRetry}},
		{name: "second retry waits longer", results: []attemptResult{failed("B", busy)}, left: 1,
			want: verdictRetry, left2: 0, wait: 2 * time.Minute, states: map[string]string{"B": OutcomeRetry}},
		{name: "throttled: the service's wait when longer", results: []attemptResult{failed("B", throttled)}, left: 2,
			want: verdictRetry, left2: 1, wait: 10 * time.Minute, states: map[string]string{"B": OutcomeRetry}},
		{name: "permanent: failed at once", results: []attemptResult{sent("A"), failed("B", badToken)}, left: 2,
			want: verdictFailed, left2: 2, reason: "invalid webhook url", states: map[string]string{"A": OutcomeSent, "B": OutcomeFailed}},
		{name: "no retries left", results: []attemptResult{failed("B", busy)}, left: 0,
			want: verdictFailed, left2: 0, reason: "retries exhausted: B (wecom) failed after 1 attempt(s)", states: map[string]string{"B": OutcomeFailed}},
		{name: "a channel that did not build is retried", results: []attemptResult{failed("B", unbuilt)}, left: 2,
			want: verdictRetry, left2: 1, wait: time.Minute, states: map[string]string{"B": OutcomeRetry}},
		{name: "skipped for the robot's quota: deferred, no retry used", results: []attemptResult{sent("A"), skipped("B", 30*time.Second)}, left: 2,
			want: verdictDeferred, left2: 2, wait: 30 * time.Second, states: map[string]string{"A": OutcomeSent}},
		{name: "cancelled (skipped, no wait): deferred", results: []attemptResult{skipped("A", 0)}, left: 2,
			want: verdictDeferred, left2: 2},
		{name: "skipped and retryable: a retry", results: []attemptResult{skipped("A", time.Second), failed("B", busy)}, left: 2,
			want: verdictRetry, left2: 1, wait: time.Minute, states: map[string]string{"B": OutcomeRetry}},
		{name: "a row problem is retried", problem: errors.New("no channel route: …"), left: 2,
			want: verdictRetry, left2: 1, wait: time.Minute, reason: "no channel route"},
		{name: "a row problem without retries fails", problem: errors.New("no channel route: …"), left: 0,
			want: verdictFailed, left2: 0, reason: "retries exhausted: no channel route"},
		{name: "a channel sent before keeps its state", prev: ChannelState{"A": {Status: OutcomeSent, Type: "wecom", Attempts: 1}},
			results: []attemptResult{failed("B", badToken)}, left: 1,
			want: verdictFailed, left2: 1, states: map[string]string{"A": OutcomeSent, "B": OutcomeFailed}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			prev := tc.prev
			if prev == nil {
				prev = ChannelState{}
			}
			before := prev.String()
			got := nextDelivery(prev, tc.results, tc.problem, tc.left, now, delay)
			if prev.String() != before {
				t.Fatalf("the state before was changed: %s", prev)
			}
			if got.verdict != tc.want || got.left != tc.left2 || got.wait != tc.wait {
				t.Fatalf("verdict %d left %d wait %s, want %d %d %s", got.verdict, got.left, got.wait, tc.want, tc.left2, tc.wait)
			}
			if !strings.Contains(got.reason, tc.reason) {
				t.Fatalf("reason %q lacks %q", got.reason, tc.reason)
			}
			for ch, status := range tc.states {
				if o := got.state[ch]; o == nil || o.Status != status {
					t.Fatalf("channel %s: %+v, want %s", ch, o, status)
				}
			}
		})
	}
}

// TestChannelStateRoundTrip: the stored form reads back, and an
// unreadable one says so.
func TestChannelStateRoundTrip(t *testing.T) {
	st := ChannelState{"CH1": {Status: OutcomeRetry, Type: "dingtalk", Attempts: 2, Code: "HTTP 503", Error: "busy",
		At: time.Date(2026, 11, 24, 10, 0, 5, 0, time.UTC)}}
	back, err := ParseChannelState(st.String())
	if err != nil || back.String() != st.String() || back.Done("CH1") {
		t.Fatalf("round trip: %v %v", back, err)
	}
	if _, err := ParseChannelState("{"); err == nil {
		t.Fatal("unreadable channel_state accepted")
	}
	if got := st.Failures(); got != "CH1 (dingtalk) retry after 2 attempt(s): busy" {
		t.Fatalf("failures: %q", got)
	}
}
