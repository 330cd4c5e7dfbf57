package ops

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/yujing-go/yujing/store"
)

// refuse is a backtest query's refusal, naming the column it is about.
func refuse(table, column, format string, args ...any) error {
	return &store.ValidationError{Table: table, Column: column, Reason: "ops: backtest: " + fmt.Sprintf(format, args...)}
}

// backtestRule checks the query (filling its defaults) and returns the
// rule to replay and its scene.
func (k *Toolkit) backtestRule(ctx context.Context, q *BacktestQuery) (store.Rule, int, error) {
	if (q.RuleNo == "") == (q.Draft == nil) {
		return store.Rule{}, 0, refuse("monitor_rule", "rule_no", "%v", errNoRule)
	}
	if q.To.IsZero() {
		q.To = k.now()
	}
	if !q.From.Before(q.To) {
		return store.Rule{}, 0, refuse("monitor_record", "begin_time", "the range [%s, %s) is empty: from must be before to",
			q.From.UTC().Format(time.RFC3339), q.To.UTC().Format(time.RFC3339))
	}
	switch {
	case q.PageSize == 0:
		q.PageSize = defaultPage
	case q.PageSize < 0 || q.PageSize > maxPage:
		return store.Rule{}, 0, refuse("monitor_record", "id", "a page holds 1 to %d records, got %d", maxPage, q.PageSize)
	}
	cfg := k.engine.Config(k.db)
	if q.Draft != nil {
		if err := cfg.CheckRule(*q.Draft); err != nil {
			return store.Rule{}, 0, fmt.Errorf("ops: backtest: draft rule: %w", err)
		}
		if q.InfoType == nil {
			return store.Rule{}, 0, refuse("monitor_record", "info_type", "a draft rule needs its scene (info_type)")
		}
		return *q.Draft, *q.InfoType, nil
	}
	r, err := cfg.GetRule(ctx, q.RuleNo)
	if err != nil {
		return store.Rule{}, 0, fmt.Errorf("ops: backtest: %w", err)
	}
	if q.InfoType != nil {
		return r, *q.InfoType, nil
	}
	scenes, err := k.routedScenes(ctx, q.RuleNo)
	if err != nil {
		return store.Rule{}, 0, err
	}
	if len(scenes) != 1 {
		return store.Rule{}, 0, refuse("monitor_record", "info_type", "rule %s is routed to %d scenes (%v): give the scene", q.RuleNo, len(scenes), scenes)
	}
	return r, scenes[0], nil
}

// routedScenes returns the scenes the enabled routes of a rule name, sorted.
func (k *Toolkit) routedScenes(ctx context.Context, ruleNo string) ([]int, error) {
	snap, err := k.db.LoadSnapshot(ctx)
	if err != nil {
		return nil, fmt.Errorf("ops: backtest: %w", err)
	}
	var out []int
	for _, rt := range snap.RuleRoutes {
		if rt.InfoType != nil && deref(rt.RuleNo) == ruleNo && !slices.Contains(out, *rt.InfoType) {
			out = append(out, *rt.InfoType)
		}
	}
	slices.Sort(out)
	return out, nil
}

// backtestCountries returns the countries to replay, sorted: those asked
// for; else a saved rule's routed countries in the scene; else (a draft,
// or a route for every country) every country with records in the range.
func (k *Toolkit) backtestCountries(ctx context.Context, q BacktestQuery, r store.Rule, infoType int) ([]string, error) {
	if len(q.Countries) > 0 {
		out := make([]string, 0, len(q.Countries))
		for _, c := range q.Countries {
			if c = strings.TrimSpace(c); c != "" && !slices.Contains(out, c) {
				out = append(out, c)
			}
		}
		slices.Sort(out)
		return out, nil
	}
	if q.Draft == nil {
		routed, all, err := k.routedCountries(ctx, deref(r.RuleNo), infoType)
		if err != nil {
			return nil, err
		}
		if !all && len(routed) > 0 {
			return routed, nil
		}
	}
	out, err := k.db.RecordCountries(ctx, infoType, q.From, q.To)
	if err != nil {
		return nil, fmt.Errorf("ops: backtest: %w", err)
	}
	if out == nil {
		out = []string{} // no records in the range: nothing to replay
	}
	return out, nil
}

// routedCountries returns the countries a rule's enabled routes name in a
// scene, sorted, and whether one names every country.
func (k *Toolkit) routedCountries(ctx context.Context, ruleNo string, infoType int) ([]string, bool, error) {
	snap, err := k.db.LoadSnapshot(ctx)
	if err != nil {
		return nil, false, fmt.Errorf("ops: backtest: %w", err)
	}
	var out []string
	for _, rt := range snap.RuleRoutes {
		if rt.InfoType == nil || *rt.InfoType != infoType || deref(rt.RuleNo) != ruleNo {
			continue
		}
		c := deref(rt.CountryNo)
		if c == store.AllCountries {
			return nil, true, nil
		}
		if !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	slices.Sort(out)
	return out, false, nil
}
