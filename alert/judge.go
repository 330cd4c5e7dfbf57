package alert

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/yujing-go/yujing/rule"
	"github.com/yujing-go/yujing/store"
)

// verdict is what the rules say of one record.
type verdict struct {
	status store.RecordStatus // RecordNoAlert, RecordAlert or RecordRuleFailed
	reason string
	ruleNo string // the rule that fired
}

// judge evaluates the rules routed to records, with their history.
type judge struct {
	rules   *rule.Evaluator
	history historySource
}

// verdicts evaluates the rules routed to each input, in one batch
// (history read once). It fails only when the batch cannot be judged at
// all (history unreadable, context done).
func (j *judge) verdicts(ctx context.Context, ix *configIndex, inputs []rule.Input) ([]verdict, error) {
	results, err := j.rules.EvaluateBatch(ctx, ix.ruleSet, inputs, j.history)
	if err != nil {
		return nil, fmt.Errorf("evaluate rules: %w", err)
	}
	out := make([]verdict, len(results))
	for i, r := range results {
		out[i] = verdictOf(r, &inputs[i])
	}
	return out, nil
}

// verdictOf is what the rules' result for one input says of its record.
func verdictOf(r rule.Result, in *rule.Input) verdict {
	switch first, fired := r.First(); {
	case fired:
		return verdict{status: store.RecordAlert, reason: first.Explain(), ruleNo: first.Rule.No}
	case errors.Is(r.Err, rule.ErrNoRules):
		return verdict{status: store.RecordRuleFailed, reason: fmt.Sprintf(
			"no rule route: monitor_rule_route has no enabled rule for info_type %d, country %s", in.InfoType, in.Country)}
	case r.Err != nil:
		return verdict{status: store.RecordRuleFailed, reason: r.Err.Error()}
	}
	return verdict{status: store.RecordNoAlert}
}

// inputOf turns a record into the rules' input.
func inputOf(rec *store.Record, s sample) rule.Input {
	in := rule.Input{InfoType: intOr(rec.InfoType, 0), Country: str(rec.CountryNo), Numerator: s.num, Denominator: s.den,
		Rate: s.rate, Vars: s.vars}
	if rec.BeginTime != nil {
		in.Begin = rec.BeginTime.UTC()
	}
	if rec.EndTime != nil {
		in.End = rec.EndTime.UTC()
	}
	return in
}

// windowOf formats a record's window for logs.
func windowOf(r *store.Record) string {
	if r.BeginTime == nil || r.EndTime == nil {
		return ""
	}
	return r.BeginTime.UTC().Format(time.RFC3339) + "/" + r.EndTime.UTC().Format(time.RFC3339)
}

func recordIDs(recs []store.Record) []int64 {
	out := make([]int64, len(recs))
	for i := range recs {
		out[i] = recs[i].ID
	}
	return out
}
