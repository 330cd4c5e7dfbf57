package rule

import (
	"context"
	"fmt"

	"github.com/google/cel-go/common/types"
)

// ctxCheckEvery is how many inputs a batch evaluates between checks of its
// context.
const ctxCheckEvery = 256

// plan is the compiled rules of one scene and country.
type plan struct {
	rules []Rule
	progs []*compiled
	uses  uses // union over the valid rules
}

// newPlan compiles rules, or takes them from known (keyed by rule number)
// so that a batch looks each distinct rule up once.
func (e *Evaluator) newPlan(rules []Rule, known map[string]*compiled) *plan {
	p := &plan{rules: rules, progs: make([]*compiled, len(rules))}
	for i, r := range rules {
		c, ok := known[r.No]
		if !ok {
			c = e.program(&rules[i])
			known[r.No] = c
		}
		p.progs[i] = c
		p.uses |= c.uses
	}
	return p
}

// Evaluate judges one input against rules, in order (see Result), and
// fetches from h the history the rules use, if any. h may be nil when no
// rule uses history. Problems (an invalid rule, a runtime error, a failed
// history fetch) end up in the Result, never in a panic.
func (e *Evaluator) Evaluate(ctx context.Context, rules []Rule, in Input, h History) Result {
	var buf [8]*compiled
	progs := buf[:0]
	var u uses
	for i := range rules {
		c := e.program(&rules[i])
		progs = append(progs, c)
		u |= c.uses
	}

	var points map[HistoryKey]Point
	var histErr error
	if u.history() {
		keys := keySet{}
		keys.add(&in, u, e.baselineDays)
		points, histErr = fetch(ctx, h, keys)
	}

	act := e.activations.Get().(*activation)
	act.reset(&in, points)
	evs := act.evaluations(len(rules))
	e.evaluateInput(act, rules, progs, histErr, evs)
	act.reset(&Input{}, nil) // drop references before pooling
	e.activations.Put(act)
	return newResult(evs, &in)
}

// EvaluateBatch judges every input against the rules set routes to its
// scene and country, and returns one Result per input, in order. It looks up
// each distinct rule once, collects the history windows needed by all inputs
// whose rules use history, and calls h.Points once for all of them (h may be
// nil when no rule uses history). It returns an error only when that fetch
// fails or ctx is done; every other problem is in the input's Result.
func (e *Evaluator) EvaluateBatch(ctx context.Context, set *RuleSet, inputs []Input, h History) ([]Result, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("rule: evaluate batch: %w", err)
	}
	type scope struct {
		infoType int
		country  string
	}
	plans := make(map[scope]*plan)
	known := make(map[string]*compiled)
	inputPlans := make([]*plan, len(inputs))
	keys := keySet{}
	total := 0
	for i := range inputs {
		in := &inputs[i]
		s := scope{in.InfoType, in.Country}
		p, ok := plans[s]
		if !ok {
			p = e.newPlan(set.rules(in.InfoType, in.Country), known)
			plans[s] = p
		}
		inputPlans[i] = p
		total += len(p.rules)
		if h != nil {
			keys.add(in, p.uses, e.baselineDays)
		}
	}

	points, err := fetch(ctx, h, keys)
	if err != nil {
		return nil, fmt.Errorf("rule: evaluate batch: %w", err)
	}

	var histErr error
	if h == nil {
		histErr = errNoHistory
	}
	act := &activation{ev: e}
	results := make([]Result, len(inputs))
	evs := make([]Evaluation, total) // one allocation for all results
	for i := range inputs {
		if i%ctxCheckEvery == ctxCheckEvery-1 {
			if err := ctx.Err(); err != nil {
				return nil, fmt.Errorf("rule: evaluate batch: %w", err)
			}
		}
		p := inputPlans[i]
		n := len(p.rules)
		in := &inputs[i]
		act.reset(in, points)
		e.evaluateInput(act, p.rules, p.progs, histErr, evs[:n:n])
		results[i] = newResult(evs[:n:n], in)
		evs = evs[n:]
	}
	return results, nil
}

// evaluateInput evaluates rules against the input bound to act and fills
// evs. histErr is why history is unavailable, if it is.
func (e *Evaluator) evaluateInput(act *activation, rules []Rule, progs []*compiled, histErr error, evs []Evaluation) {
	for i, c := range progs {
		ev := &evs[i]
		ev.Rule = &rules[i]
		switch {
		case c.err != nil:
			ev.Err = c.err
			continue
		case histErr != nil && c.uses.history():
			ev.Err = failedRule(rules[i].No, histErr)
			continue
		}
		ev.Fired, ev.Err = e.run(act, c, rules[i].No)
		if ev.Fired || ev.Err != nil {
			ev.Seen, ev.compiled = act.seen(c), c
		}
	}
}

// run evaluates one compiled rule against the bound input.
func (e *Evaluator) run(act *activation, c *compiled, no string) (fired bool, err error) {
	defer func() {
		if r := recover(); r != nil {
			fired, err = false, failedRule(no, fmt.Errorf("panic during evaluation: %v", r))
		}
	}()
	act.threshold = c.thr.val
	out, _, err := c.prg.Eval(act)
	if err != nil {
		return false, failedRule(no, err)
	}
	b, ok := out.(types.Bool)
	if !ok {
		return false, failedRule(no, fmt.Errorf("result is %s, want bool", out.Type().TypeName()))
	}
	return bool(b), nil
}
