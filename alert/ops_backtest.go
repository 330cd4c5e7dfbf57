package alert

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/yujing-go/yujing/rule"
	"github.com/yujing-go/yujing/store"
)

// DraftRuleNo is the rule number a replay gives a rule that has none (a
// draft, not saved).
const DraftRuleNo = "draft"

// RuleReplay replays stored windows of one scene through one rule (saved or
// a draft) with the engine's own code: the rule is judged by the engine's
// evaluator with the engine's history source (previous windows, baseline
// days, read from monitor_record), and each country's lifecycle goes
// through the keeper's transitions (advance, escalate) with the policy the
// configuration gives (the rule's pending and resolve windows, param1 and
// param2; the template's repeat interval, param2; no-data windows of the
// rule routes; escalation routes), and each message through the recorder's
// plan (template, channel route, values, send slot) and the send-log slot
// rules (store.DecideSlot). Silences and acknowledgements are left out: a
// replay says what the rule would send.
//
// It reads the configuration once, when made (engine.NewRuleReplay). One
// RuleReplay may serve several lanes (countries) one after another; it is
// not safe for concurrent use.
type RuleReplay struct {
	e        *Engine
	ix       *configIndex
	rule     store.Rule
	ruleNo   string
	infoType int
	set      *rule.RuleSet
	rec      *recorder
	collect  time.Duration
}

// NewRuleReplay prepares a replay of scene infoType through r (r.RuleNo
// empty: a draft, named DraftRuleNo). r is not checked here: check it
// first with Config(db).CheckRule, the configuration API's checks.
func (e *Engine) NewRuleReplay(ctx context.Context, infoType int, r store.Rule) (*RuleReplay, error) {
	view, err := e.View(ctx)
	if err != nil {
		return nil, fmt.Errorf("alert: replay: read the configuration: %w", err)
	}
	no := str(r.RuleNo)
	if no == "" {
		no = DraftRuleNo
	}
	set := rule.NewRuleSet([]rule.Rule{{No: no, Code: str(r.FunCode), Desc: str(r.FunDesc), Threshold: str(r.ThresholdVal)}},
		[]rule.Route{{InfoType: infoType, Country: rule.AllCountries, RuleNo: no}})
	rec := &recorder{env: e.env, cat: e.cat, slots: e.send.slots, templates: e.templates}
	return &RuleReplay{e: e, ix: view.ix, rule: r, ruleNo: no, infoType: infoType, set: set, rec: rec,
		collect: e.collectDelay}, nil
}

// RuleNo is the rule number the replay judges with (DraftRuleNo for a
// draft).
func (rr *RuleReplay) RuleNo() string { return rr.ruleNo }

// JudgedAt is when the engine judges a stored window: when the record was
// stored (create_time, the Tick that collected it), or, for a record
// without one or stamped before its window ended, the window's end plus
// the engine's collect delay (WithCollectDelay). The replay decides each
// window at that time: repeat intervals and send slots count from it.
func (rr *RuleReplay) JudgedAt(rec *store.Record) time.Time {
	if rec.EndTime == nil {
		return time.Time{}
	}
	end := rec.EndTime.UTC()
	if rec.CreateTime != nil && !rec.CreateTime.Before(end) {
		return rec.CreateTime.UTC()
	}
	return end.Add(rr.collect)
}

// WindowVerdict is the rule's verdict on one stored window.
type WindowVerdict struct {
	Fired bool
	// Empty: the window has no samples (a zero denominator); with no-data
	// detection on, the lifecycle counts it as such.
	Empty                  bool
	Rate                   float64
	Numerator, Denominator int64
	// Values are the values the expression referred to, keyed as written
	// ("rate", "threshold", "prev.rate"): filled when the rule fired or
	// failed (the evaluator keeps passing windows free of allocations).
	Values map[string]any
	// Explain is the evaluation in one line (rule.Evaluation.Explain).
	Explain string
	// Err is why the window could not be judged: an unreadable record or
	// the rule failing at run time (the engine retries such a record and
	// its lifecycle does not move).
	Err error
}

// judgeChunk bounds the records judged in one batch: each asks history
// for up to 1 + baseline days (at most 90) windows, and the history read
// puts them in one IN list, which SQLite caps at 32,766 values.
const judgeChunk = 250

// Judge evaluates the rule on records of the replay's scene, in batches of
// up to 250: the history the rule uses is read once per batch (one query),
// as the engine's rules stage does. It fails only when history cannot be
// read or ctx ends.
func (rr *RuleReplay) Judge(ctx context.Context, recs []store.Record) ([]WindowVerdict, error) {
	out := make([]WindowVerdict, len(recs))
	for start := 0; start < len(recs); start += judgeChunk {
		end := min(start+judgeChunk, len(recs))
		if err := rr.judge(ctx, recs[start:end], out[start:end]); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// judge evaluates one batch into out.
func (rr *RuleReplay) judge(ctx context.Context, recs []store.Record, out []WindowVerdict) error {
	inputs := make([]rule.Input, 0, len(recs))
	at := make([]int, 0, len(recs))
	for i := range recs {
		s, err := decodeSample(recs[i].Content, recs[i].CompareVal)
		if err != nil {
			out[i].Err = fmt.Errorf("unreadable record %s: %w", str(recs[i].BuNo), err)
			continue
		}
		out[i] = WindowVerdict{Empty: s.den == 0, Rate: s.rate, Numerator: s.num, Denominator: s.den}
		inputs = append(inputs, inputOf(&recs[i], s))
		at = append(at, i)
	}
	results, err := rr.e.rules.EvaluateBatch(ctx, rr.set, inputs, historySource{rr.e.business})
	if err != nil {
		return fmt.Errorf("alert: replay: %w", err)
	}
	for j, i := range at {
		r := results[j]
		if first, fired := r.First(); fired {
			out[i].Fired, out[i].Values, out[i].Explain = true, first.Seen, first.Explain()
			continue
		}
		if r.Err != nil && !errors.Is(r.Err, rule.ErrNoRules) {
			out[i].Err = r.Err
		}
		if len(r.Evaluations) > 0 {
			out[i].Values, out[i].Explain = r.Evaluations[0].Seen, r.Evaluations[0].Explain()
		}
	}
	return nil
}

// Lane starts the replay of one scene × country from a plain ok state
// (yujing_alert_state as a country that never alerted has it).
func (rr *RuleReplay) Lane(country string) *Replay {
	key := store.StateKey{InfoType: rr.infoType, CountryNo: country}
	p := rr.ix.policy(key, rr.ruleNo)
	p.pending, p.resolve = rr.rule.PendingWindows(), rr.rule.ResolveWindows()
	return &Replay{rr: rr, key: key, state: newState(key), policy: p}
}
