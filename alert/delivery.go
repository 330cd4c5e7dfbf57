package alert

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"
)

// deliveryState is monitor_send_log.channel_state: the outcome so far of
// each channel an alert goes to, by channel_no, as JSON, e.g.
//
//	{"CH01":{"status":"sent","attempts":1,"at":"2026-11-24T10:00:05Z"},
//	 "CH02":{"status":"retry","attempts":2,"code":"HTTP 503","error":"…","at":"…"}}
//
// A retry sends only to the channels not yet "sent" or "failed", so a
// channel that succeeded never gets the alert twice; the reason of every
// failure stays readable in the row (and in monitor_send_log_hist).
type deliveryState map[string]*channelOutcome

// Channel outcomes.
const (
	outcomeSent   = "sent"   // delivered
	outcomeFailed = "failed" // permanent failure, or retries exhausted
	outcomeRetry  = "retry"  // failed, will be retried
)

type channelOutcome struct {
	Status   string    `json:"status"`
	Type     string    `json:"type,omitempty"`
	Attempts int       `json:"attempts"`
	Code     string    `json:"code,omitempty"`
	Error    string    `json:"error,omitempty"`
	At       time.Time `json:"at"`
}

func parseDeliveryState(s *string) deliveryState {
	st := deliveryState{}
	if s == nil || *s == "" {
		return st
	}
	if err := json.Unmarshal([]byte(*s), &st); err != nil {
		return deliveryState{} // unreadable: deliver again rather than never
	}
	return st
}

// done reports whether the channel needs no more attempts.
func (st deliveryState) done(channelNo string) bool {
	o, ok := st[channelNo]
	return ok && (o.Status == outcomeSent || o.Status == outcomeFailed)
}

func (st deliveryState) encode() string {
	b, _ := json.Marshal(st) // map keys are sorted: stable text
	return string(b)
}

// failures summarises the channels that failed, for the row's reason.
func (st deliveryState) failures() string {
	var parts []string
	keys := make([]string, 0, len(st))
	for k := range st {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		o := st[k]
		if o.Status == outcomeSent {
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
