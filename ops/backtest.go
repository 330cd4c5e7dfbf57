package ops

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/yujing-go/yujing/alert"
	"github.com/yujing-go/yujing/store"
)

// BacktestQuery says which rule to replay over which stored windows.
type BacktestQuery struct {
	// RuleNo names a saved rule (monitor_rule.rule_no); or Draft gives one
	// as the configuration API takes it (FunCode, ThresholdVal, FunDesc,
	// Param1 pending windows, Param2 resolve windows), checked as
	// CreateRule checks it. Exactly one of the two.
	RuleNo string
	Draft  *store.Rule
	// InfoType is the scene. Required with a draft; for a saved rule nil
	// takes the one scene its enabled routes name.
	InfoType *int
	// Countries to replay; empty: a saved rule's routed countries for the
	// scene (every country with records when a route names "*"), a draft's
	// every country with records.
	Countries []string
	// From and To bound the windows replayed: those beginning in [From, To).
	From, To time.Time
	// PageSize is how many records are read at a time (default 500, at
	// most 1000): the replay's memory is a page, whatever the range.
	PageSize int
}

// BacktestSummary sums up a backtest.
type BacktestSummary struct {
	Rule      string    `json:"rule"`
	Draft     bool      `json:"draft"`
	InfoType  int       `json:"info_type"`
	Countries []string  `json:"countries"`
	From      time.Time `json:"from"`
	To        time.Time `json:"to"`
	// Windows is the stored windows replayed (one record each); Fired the
	// windows the rule matched; Errors those it could not judge.
	Windows int64 `json:"windows"`
	Fired   int64 `json:"fired"`
	Errors  int64 `json:"errors"`
	// Messages counts the messages that would have gone out, by kind
	// (firing, repeat, resolved, no data, escalated…); Suppressed those
	// their slot's earlier message suppressed; Unrecorded those the
	// configuration could not record (no template, no route…).
	Messages   map[string]int64 `json:"messages"`
	Suppressed int64            `json:"suppressed"`
	Unrecorded int64            `json:"unrecorded"`
	// Differences is the windows whose replayed decision differs from what
	// the engine did, split by Diff.
	Differences int64            `json:"differences"`
	ByDiff      map[string]int64 `json:"by_difference"`
	// Duration is the whole run; RecordsPerSecond the windows replayed per
	// second of it.
	Duration         time.Duration `json:"duration_ns"`
	RecordsPerSecond float64       `json:"records_per_second"`
}

// defaultPage and maxPage bound the records read at a time.
const (
	defaultPage = 500
	maxPage     = 1000
)

// Backtest replays a rule, saved or a draft, over the stored windows of a
// scene (monitor_record) with the engine's own code (alert.RuleReplay):
// for each window whether the rule fires and with which values, what the
// pending / resolve / repeat / no-data lifecycle and the send slots would
// have sent, and how that differs from what the engine did for the window
// (the record's status and message, and its alert's row in the send log
// or its archive).
//
// It streams: records are read one country at a time in keyset pages of
// q.PageSize, each window is handed to fn as it is replayed (an error
// from fn stops the backtest and is returned), and memory stays that of a
// page however many windows the range holds. Windows come in window order
// within each country, country after country (sorted).
//
// A draft that fails the configuration API's checks (CEL that does not
// compile, with its position) is refused with a *store.ValidationError; a
// saved rule that does not exist wraps store.ErrNotFound.
func (k *Toolkit) Backtest(ctx context.Context, q BacktestQuery, fn func(BacktestWindow) error) (BacktestSummary, error) {
	start := time.Now()
	r, infoType, err := k.backtestRule(ctx, &q)
	if err != nil {
		return BacktestSummary{}, err
	}
	countries, err := k.backtestCountries(ctx, q, r, infoType)
	if err != nil {
		return BacktestSummary{}, err
	}
	replay, err := k.engine.NewRuleReplay(ctx, infoType, r)
	if err != nil {
		return BacktestSummary{}, fmt.Errorf("ops: backtest: %w", err)
	}
	sum := BacktestSummary{Rule: replay.RuleNo(), Draft: q.Draft != nil, InfoType: infoType, Countries: countries,
		From: q.From.UTC(), To: q.To.UTC(), Messages: map[string]int64{}, ByDiff: map[string]int64{}}
	for _, c := range countries {
		if err := k.backtestCountry(ctx, q, replay, infoType, c, &sum, fn); err != nil {
			return sum, err
		}
	}
	sum.Duration = time.Since(start)
	if s := sum.Duration.Seconds(); s > 0 {
		sum.RecordsPerSecond = float64(sum.Windows) / s
	}
	return sum, nil
}

// backtestCountry replays one country's windows page by page.
func (k *Toolkit) backtestCountry(ctx context.Context, q BacktestQuery, replay *alert.RuleReplay, infoType int, country string,
	sum *BacktestSummary, fn func(BacktestWindow) error) error {
	lane := replay.Lane(country)
	pq := store.RecordPageQuery{InfoType: infoType, CountryNo: country, From: q.From, To: q.To, Limit: q.PageSize}
	for {
		page, err := k.db.RecordPage(ctx, pq)
		if err != nil {
			return fmt.Errorf("ops: backtest: %s: %w", country, err)
		}
		if len(page) == 0 {
			return nil
		}
		verdicts, err := replay.Judge(ctx, page)
		if err != nil {
			return fmt.Errorf("ops: backtest: %s: %w", country, err)
		}
		sent, err := k.sentOutcomes(ctx, page)
		if err != nil {
			return err
		}
		for i := range page {
			rec := &page[i]
			step := lane.Advance(rec, verdicts[i], replay.JudgedAt(rec))
			w := newWindow(rec, verdicts[i], step, actualOf(rec, sent))
			sum.add(&w)
			if err := fn(w); err != nil {
				return err
			}
		}
		if len(page) < pq.Limit {
			return nil
		}
		last := page[len(page)-1]
		pq.After = &last
	}
}

// sentOutcomes reads what became of the alerts a page's records went into.
func (k *Toolkit) sentOutcomes(ctx context.Context, page []store.Record) (map[string]store.SendOutcome, error) {
	var codes []string
	for i := range page {
		if r := &page[i]; r.Status != nil && *r.Status == store.RecordRecorded && r.SlNo() != "" {
			codes = append(codes, r.SlNo())
		}
	}
	out, err := k.db.SendOutcomes(ctx, codes)
	if err != nil {
		return nil, fmt.Errorf("ops: backtest: %w", err)
	}
	return out, nil
}

// add counts a window into the summary.
func (s *BacktestSummary) add(w *BacktestWindow) {
	s.Windows++
	if w.Fired {
		s.Fired++
	}
	if w.Error != "" {
		s.Errors++
	}
	for _, m := range w.Messages {
		switch {
		case m.Sends:
			s.Messages[m.Kind]++
		case m.Outcome == store.Suppressed.String():
			s.Suppressed++
		default:
			s.Unrecorded++
		}
	}
	if w.Diff != DiffSame {
		s.Differences++
		s.ByDiff[w.Diff.String()]++
	}
}

// errNoRule is the refusal of a query without its rule.
var errNoRule = errors.New("give a saved rule (rule_no) or a draft, not both and not neither")
