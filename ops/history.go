package ops

import (
	"context"
	"encoding/base64"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/yujing-go/yujing/alert"
	"github.com/yujing-go/yujing/store"
)

// History limits and defaults.
const (
	DefaultHistoryLimit = 50
	MaxHistoryLimit     = 500
	// DefaultHistoryRange is how far back a history without From looks.
	DefaultHistoryRange = 24 * time.Hour
)

// HistoryFilter selects alerts from monitor_send_log (waiting, sent,
// failed, muted, not yet archived) and monitor_send_log_hist (archived)
// together. Zero fields match everything.
type HistoryFilter struct {
	Scene   *int   // info_type
	Country string // country_no
	// ChannelNo and ChannelType keep the alerts that went, or are going,
	// to that channel, or to a channel of that type (monitor_channel.type):
	// those whose channel_state names it.
	ChannelNo   string
	ChannelType *int
	Status      *store.SendStatus
	Kind        *store.MessageKind // firing, resolved…; KindAlert is a plain alert
	// From and To bound expect_send_time (the alert's send slot): From
	// included, To excluded. Zero From is To (or now) minus
	// DefaultHistoryRange; zero To is open (scheduled alerts due later
	// are listed first).
	From, To time.Time
	// After is the Next of the page before: the page continues after it.
	After string
	// Limit is the page's size: DefaultHistoryLimit when 0, at most
	// MaxHistoryLimit.
	Limit int
}

// HistoryPage is one page of the history, newest first.
type HistoryPage struct {
	Entries []HistoryEntry
	// Next continues the history after this page (HistoryFilter.After);
	// "" when this page is the last. With a channel filter a page may
	// hold fewer entries than the limit and still have a Next: the
	// database's match on channel_state is loose, the typed state
	// decides.
	Next string
	From time.Time  // the range read
	To   *time.Time // nil: open
}

// HistoryEntry is one alert: a row of monitor_send_log or, when Archived,
// of monitor_send_log_hist.
type HistoryEntry struct {
	SlNo      string
	Archived  bool
	Scene     int
	SceneName string
	Country   string
	ModNo     string
	// Kind is what the message says (param1), Level its escalation
	// level (param2), MergeCount how many alerts it holds (param3),
	// RecordBuNo the latest record that raised it (param4), RuleNo the
	// rule (param5).
	Kind       store.MessageKind
	Level      int
	MergeCount int
	RecordBuNo string
	RuleNo     string
	Status     store.SendStatus
	// RetriesLeft is retry_times: the failed rounds it may still have.
	RetriesLeft    int
	ExpectSendTime time.Time
	SentAt         *time.Time // reality_send_time
	// NextAttempt is when a waiting alert is tried again (its
	// claim_until); nil for an archived or finished one.
	NextAttempt *time.Time
	Reason      string
	Values      string // content: the template's values
	Channels    []ChannelDelivery
	// StateError says why channel_state could not be read ("" when it
	// could); Channels is then empty.
	StateError string
	CreateTime *time.Time
	UpdateTime *time.Time
}

// ChannelDelivery is one channel's delivery of an alert, read from
// channel_state (alert.ParseChannelState):
//
//   - Outcome is sent, failed (a permanent answer, or retries exhausted),
//     retry (failed, tried again) or muted (a silence; Error names it).
//   - Attempts counts the sends tried; a send skipped for the robot's
//     budget, a short lease or a stopping host is not one.
//   - Answer is the service's answer to the last failed attempt ("HTTP
//     503", a robot's errcode), Error its text; both empty once sent.
//   - At is when the last attempt was made (or the channel was muted).
//   - Wait, for a channel to retry on a waiting alert, is how long after
//     At the next attempt comes (the backoff, or the service's
//     Retry-After when longer): NextAttempt minus At.
type ChannelDelivery struct {
	ChannelNo   string
	Type        string
	Outcome     string
	Attempts    int
	Answer      string
	Error       string
	At          *time.Time
	NextAttempt *time.Time
	Wait        time.Duration
}

// History returns one page of alerts that match f, newest first by send
// slot (expect_send_time, then sl_no), pending and archived together,
// each with its channels' typed state. Pages are keyset-paged (f.After),
// so a page costs the same however deep, and an alert archived between
// two pages is neither repeated nor skipped. Bad input (a limit over
// MaxHistoryLimit, From after To, a malformed cursor) is a
// *store.ValidationError.
func (k *Toolkit) History(ctx context.Context, f HistoryFilter) (HistoryPage, error) {
	q, page, err := k.historyQuery(ctx, f)
	if err != nil {
		return HistoryPage{}, err
	}
	if q.ChannelNos != nil && len(q.ChannelNos) == 0 {
		page.Entries = []HistoryEntry{}
		return page, nil
	}
	want := q.Limit
	q.Limit++ // one more says whether a next page exists
	rows, err := k.db.SendLogHistory(ctx, q)
	if err != nil {
		return HistoryPage{}, fmt.Errorf("ops: history: %w", err)
	}
	if len(rows) > want {
		rows = rows[:want]
		page.Next = encodeCursor(rows[want-1].Key())
	}
	channels := map[string]bool{}
	for _, no := range q.ChannelNos {
		channels[no] = true
	}
	page.Entries = []HistoryEntry{}
	for i := range rows {
		e := k.entryOf(&rows[i])
		if len(channels) > 0 && !slices.ContainsFunc(e.Channels, func(c ChannelDelivery) bool { return channels[c.ChannelNo] }) {
			continue // the SQL match is loose (case, JSON text); the state decides
		}
		page.Entries = append(page.Entries, e)
	}
	return page, nil
}

// historyQuery checks f and makes the store's filter of it.
func (k *Toolkit) historyQuery(ctx context.Context, f HistoryFilter) (store.HistoryFilter, HistoryPage, error) {
	var page HistoryPage
	limit := f.Limit
	if limit == 0 {
		limit = DefaultHistoryLimit
	}
	if limit < 0 || limit > MaxHistoryLimit {
		return store.HistoryFilter{}, page, historyInvalid("limit", "limit %d: want 1 to %d", f.Limit, MaxHistoryLimit)
	}
	q := store.HistoryFilter{InfoType: f.Scene, CountryNo: strings.TrimSpace(f.Country), Status: f.Status, Kind: f.Kind, Limit: limit,
		From: f.From, To: f.To}
	if q.From.IsZero() {
		end := f.To
		if end.IsZero() {
			end = k.now()
		}
		q.From = end.Add(-DefaultHistoryRange)
	}
	if !q.To.IsZero() && !q.From.Before(q.To) {
		return store.HistoryFilter{}, page, historyInvalid("expect_send_time", "the range's start %s is not before its end %s",
			q.From.UTC().Format(time.RFC3339), q.To.UTC().Format(time.RFC3339))
	}
	if f.After != "" {
		key, err := decodeCursor(f.After)
		if err != nil {
			return store.HistoryFilter{}, page, err
		}
		q.After = &key
	}
	nos, err := k.historyChannels(ctx, f)
	if err != nil {
		return store.HistoryFilter{}, page, err
	}
	q.ChannelNos = nos
	page.From = q.From.UTC()
	if !q.To.IsZero() {
		to := q.To.UTC()
		page.To = &to
	}
	return q, page, nil
}

// historyChannels returns the channels the filter names: ChannelNo, or
// every channel of ChannelType (any status: history outlives
// configuration), or both (the one, when it has the type). nil means no
// channel filter; empty, that no channel passes it.
func (k *Toolkit) historyChannels(ctx context.Context, f HistoryFilter) ([]string, error) {
	no := strings.TrimSpace(f.ChannelNo)
	if f.ChannelType == nil {
		if no == "" {
			return nil, nil
		}
		return []string{no}, nil
	}
	var chans []store.Channel
	if err := k.db.Select(ctx, &chans, "WHERE `type` = ? ORDER BY `id`", *f.ChannelType); err != nil {
		return nil, fmt.Errorf("ops: history: channels of type %d: %w", *f.ChannelType, err)
	}
	set := map[string]bool{}
	for _, c := range chans {
		if c.ChannelNo != nil && (no == "" || *c.ChannelNo == no) {
			set[*c.ChannelNo] = true
		}
	}
	return append([]string{}, slices.Sorted(maps.Keys(set))...), nil // empty, not nil: no channel has the type
}

// entryOf types one row.
func (k *Toolkit) entryOf(r *store.HistoryRow) HistoryEntry {
	e := HistoryEntry{SlNo: deref(r.SlNo), Archived: r.Archived, Scene: derefInt(r.InfoType), Country: deref(r.CountryNo),
		ModNo: deref(r.ModNo), Kind: r.Kind(), Level: r.Level(), MergeCount: r.MergeCount(), RecordBuNo: r.RecordBuNo(),
		RuleNo: r.RuleNo(), RetriesLeft: derefInt(r.RetryTimes), Reason: deref(r.Reason), Values: deref(r.Content),
		SentAt: utcPtr(r.RealitySendTime), CreateTime: utcPtr(r.CreateTime), UpdateTime: utcPtr(r.UpdateTime)}
	e.SceneName = k.engine.SceneName(e.Scene)
	if r.Status != nil {
		e.Status = *r.Status
	}
	if r.ExpectSendTime != nil {
		e.ExpectSendTime = r.ExpectSendTime.UTC()
	}
	if !r.Archived && e.Status == store.SendWaiting && r.ClaimOwner == nil && r.ClaimUntil != nil {
		e.NextAttempt = utcPtr(r.ClaimUntil)
	}
	e.Channels, e.StateError = deliveries(deref(r.ChannelState), e.NextAttempt)
	return e
}

// deliveries types a channel_state, channels in order of their code.
func deliveries(state string, next *time.Time) ([]ChannelDelivery, string) {
	st, err := alert.ParseChannelState(state)
	if err != nil {
		return []ChannelDelivery{}, err.Error()
	}
	out := []ChannelDelivery{}
	for _, no := range slices.Sorted(maps.Keys(st)) {
		o := st[no]
		d := ChannelDelivery{ChannelNo: no, Type: o.Type, Outcome: o.Status, Attempts: o.Attempts, Answer: o.Code, Error: o.Error}
		if !o.At.IsZero() {
			d.At = utcPtr(&o.At)
		}
		if o.Status == alert.OutcomeRetry && next != nil {
			d.NextAttempt = next
			if d.At != nil && next.After(*d.At) {
				d.Wait = next.Sub(*d.At)
			}
		}
		out = append(out, d)
	}
	return out, ""
}

// A cursor is the last entry's place, (expect_send_time, sl_no), in
// URL-safe base64 so that it passes through shells and URLs unchanged.
const cursorVersion = "h1"

func encodeCursor(key store.HistoryKey) string {
	raw := cursorVersion + "|" + strconv.FormatInt(key.ExpectSendTime.Unix(), 10) + "|" + key.SlNo
	return base64.RawURLEncoding.EncodeToString([]byte(raw))
}

func decodeCursor(s string) (store.HistoryKey, error) {
	bad := historyInvalid("after", "cursor %q is not one a history page gave (pass its Next unchanged)", s)
	raw, err := base64.RawURLEncoding.DecodeString(strings.TrimSpace(s))
	if err != nil {
		return store.HistoryKey{}, bad
	}
	parts := strings.SplitN(string(raw), "|", 3)
	if len(parts) != 3 || parts[0] != cursorVersion || parts[2] == "" {
		return store.HistoryKey{}, bad
	}
	sec, err := strconv.ParseInt(parts[1], 10, 64)
	if err != nil {
		return store.HistoryKey{}, bad
	}
	return store.HistoryKey{ExpectSendTime: time.Unix(sec, 0).UTC(), SlNo: parts[2]}, nil
}

// historyInvalid is a refused history filter.
func historyInvalid(column, format string, args ...any) error {
	return &store.ValidationError{Table: "history", Column: column, Reason: fmt.Sprintf(format, args...)}
}

func derefInt(n *int) int {
	if n == nil {
		return 0
	}
	return *n
}

func utcPtr(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := t.UTC()
	return &u
}
