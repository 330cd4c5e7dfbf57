package cli

import (
	"time"

	"github.com/yujing-go/yujing/ops"
)

// historyJSON is a page of yujing history in JSON.
type historyJSON struct {
	Alerts []alertJSON `json:"alerts"`
	Next   *string     `json:"next"` // null on the last page
	From   time.Time   `json:"from"`
	To     *time.Time  `json:"to"`
}

// alertJSON is one alert (ops.HistoryEntry) in JSON.
type alertJSON struct {
	SlNo           string         `json:"sl_no"`
	Archived       bool           `json:"archived"`
	Scene          int            `json:"scene"`
	SceneName      string         `json:"scene_name"`
	Country        string         `json:"country"`
	ModNo          string         `json:"mod_no"`
	Kind           string         `json:"kind"`
	Level          int            `json:"level"`
	MergeCount     int            `json:"merge_count"`
	RecordBuNo     string         `json:"record_bu_no"`
	RuleNo         string         `json:"rule_no"`
	Status         string         `json:"status"`
	RetriesLeft    int            `json:"retries_left"`
	ExpectSendTime time.Time      `json:"expect_send_time"`
	SentAt         *time.Time     `json:"sent_at"`
	NextAttempt    *time.Time     `json:"next_attempt"`
	Reason         string         `json:"reason"`
	Values         string         `json:"values"`
	Channels       []deliveryJSON `json:"channels"`
	StateError     string         `json:"state_error"`
}

// deliveryJSON is one channel's delivery (ops.ChannelDelivery) in JSON.
type deliveryJSON struct {
	ChannelNo   string     `json:"channel_no"`
	Type        string     `json:"type"`
	Outcome     string     `json:"outcome"`
	Attempts    int        `json:"attempts"`
	Answer      string     `json:"answer"`
	Error       string     `json:"error"`
	At          *time.Time `json:"at"`
	NextAttempt *time.Time `json:"next_attempt"`
	WaitSeconds float64    `json:"wait_seconds"`
}

func historyJSONOf(p ops.HistoryPage) historyJSON {
	out := historyJSON{Alerts: []alertJSON{}, From: p.From, To: p.To}
	if p.Next != "" {
		out.Next = &p.Next
	}
	for _, e := range p.Entries {
		out.Alerts = append(out.Alerts, alertJSONOf(e))
	}
	return out
}

func alertJSONOf(e ops.HistoryEntry) alertJSON {
	a := alertJSON{SlNo: e.SlNo, Archived: e.Archived, Scene: e.Scene, SceneName: e.SceneName, Country: e.Country, ModNo: e.ModNo,
		Kind: e.Kind.String(), Level: e.Level, MergeCount: e.MergeCount, RecordBuNo: e.RecordBuNo, RuleNo: e.RuleNo,
		Status: e.Status.String(), RetriesLeft: e.RetriesLeft, ExpectSendTime: e.ExpectSendTime, SentAt: e.SentAt,
		NextAttempt: e.NextAttempt, Reason: e.Reason, Values: e.Values, Channels: []deliveryJSON{}, StateError: e.StateError}
	for _, c := range e.Channels {
		a.Channels = append(a.Channels, deliveryJSON{ChannelNo: c.ChannelNo, Type: c.Type, Outcome: c.Outcome, Attempts: c.Attempts,
			Answer: c.Answer, Error: c.Error, At: c.At, NextAttempt: c.NextAttempt, WaitSeconds: c.Wait.Seconds()})
	}
	return a
}
