package rule

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/google/cel-go/common/types/ref"
)

// Result is the judgement of one input.
//
// The rules are evaluated in order (highest priority first), all of them:
// the input alerts when at least one returns true, and First names the rule
// to keep with the record.
type Result struct {
	Evaluations []Evaluation // every rule evaluated, in order
	// Err is non-nil when no rule fired and either a rule failed (the
	// failures, joined) or no rule applies (wraps ErrNoRules). When a rule
	// fired, failures of other rules are only in Evaluations.
	Err error
}

// Fired reports whether at least one rule returned true.
func (r Result) Fired() bool {
	for i := range r.Evaluations {
		if r.Evaluations[i].Fired {
			return true
		}
	}
	return false
}

// First returns the first (highest-priority) rule that fired.
func (r Result) First() (Evaluation, bool) {
	for i := range r.Evaluations {
		if r.Evaluations[i].Fired {
			return r.Evaluations[i], true
		}
	}
	return Evaluation{}, false
}

// newResult sums up evs.
func newResult(evs []Evaluation, in *Input) Result {
	r := Result{Evaluations: evs}
	if len(evs) == 0 {
		r.Err = fmt.Errorf("info_type %d, country %q: %w", in.InfoType, in.Country, ErrNoRules)
		return r
	}
	var errs []error
	for i := range evs {
		if evs[i].Fired {
			return r
		}
		if evs[i].Err != nil {
			errs = append(errs, evs[i].Err)
		}
	}
	r.Err = join(errs)
	return r
}

// Evaluation is the outcome of one rule for one input.
type Evaluation struct {
	// Rule is the rule, as the caller gave it (it points into the rules
	// given to Evaluate, or into the RuleSet).
	Rule  *Rule
	Fired bool
	Err   error // compile or runtime error for this rule; names the rule
	// Seen holds the values the expression referred to, keyed as written
	// ("rate", "threshold", "prev.rate", "vars.channel"), as Go values
	// (float64, int64, string, time.Time, map[string]any, …). It is filled
	// only when the rule ran and fired or failed, to keep passing
	// evaluations free of allocations; absent map keys are left out.
	Seen map[string]any

	compiled *compiled // orders Seen's keys for Explain
}

// Explain describes the evaluation in one line, e.g.
//
//	rule R001 "SMS success rate low" fired: rate=0.81 threshold=0.85 denominator=1200
func (e Evaluation) Explain() string {
	var b strings.Builder
	b.WriteString("rule ")
	b.WriteString(e.Rule.No)
	if e.Rule.Desc != "" {
		b.WriteByte(' ')
		b.WriteString(strconv.Quote(e.Rule.Desc))
	}
	switch {
	case e.Err != nil:
		b.WriteString(" failed: ")
		b.WriteString(cause(e.Err).Error())
		if len(e.Seen) > 0 {
			b.WriteByte(';')
		}
	case e.Fired:
		b.WriteString(" fired:")
	default:
		b.WriteString(" did not fire")
	}
	var keys []string
	if e.compiled != nil {
		keys = e.compiled.keys
	}
	for _, k := range keys {
		v, ok := e.Seen[k]
		if !ok {
			continue
		}
		b.WriteByte(' ')
		b.WriteString(k)
		b.WriteByte('=')
		b.WriteString(format(v))
	}
	return b.String()
}

// seen collects the values c referred to. A panicking host variable leaves
// its value out rather than failing the evaluation.
func (a *activation) seen(c *compiled) map[string]any {
	m := make(map[string]any, len(c.paths))
	for _, p := range c.paths {
		if v, ok := a.value(c, p); ok {
			m[p.String()] = v
		}
	}
	return m
}

// value returns the Go value at p.
func (a *activation) value(c *compiled, p path) (v any, ok bool) {
	defer func() {
		if recover() != nil {
			v, ok = nil, false
		}
	}()
	if p.name == varThreshold {
		v, ok = c.thr.native, c.thr.native != nil
	} else {
		v, ok = a.native(p.name)
	}
	if rv, isVal := v.(ref.Val); isVal {
		v = rv.Value()
	}
	if !ok || p.field == "" {
		return v, ok
	}
	m, isMap := v.(map[string]any)
	if !isMap {
		return nil, false
	}
	v, ok = m[p.field]
	return v, ok
}

// format writes a value for Explain.
func format(v any) string {
	switch v := v.(type) {
	case float64:
		if a := math.Abs(v); a == 0 || (a >= 1e-4 && a < 1e15) {
			return strconv.FormatFloat(v, 'f', -1, 64)
		}
		return strconv.FormatFloat(v, 'g', -1, 64)
	case string:
		return strconv.Quote(v)
	case time.Time:
		return v.Format(time.RFC3339Nano)
	case map[string]any, []any:
		if b, err := json.Marshal(v); err == nil {
			return string(b)
		}
	}
	return fmt.Sprint(v)
}
