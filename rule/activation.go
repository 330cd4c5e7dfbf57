package rule

import (
	"github.com/google/cel-go/common/types"
	"github.com/google/cel-go/common/types/ref"
	"github.com/google/cel-go/interpreter"
)

// activation binds the variables of one input. It resolves names with a
// switch and converts to CEL values only what the program asks for; the
// values built from maps are made once per input and kept for its other
// rules. One activation serves one goroutine at a time and is reused.
type activation struct {
	ev        *Evaluator
	in        Input
	threshold ref.Val
	points    map[HistoryKey]Point // fetched history, nil when none

	lazy *lazyValues // built on first use for the current input; nil when none was

	// slab is spare room for the Evaluations of the next Results: a
	// Result gets a slice of it that no later Result shares, so one
	// allocation serves many calls of Evaluate. (A Result kept alive keeps
	// its slab, at most slabSize Evaluations, alive too.)
	slab []Evaluation
}

// slabSize is how many Evaluations one allocation serves.
const slabSize = 64

// evaluations returns room for n Evaluations that no other Result uses.
func (a *activation) evaluations(n int) []Evaluation {
	if n > slabSize/4 {
		return make([]Evaluation, n)
	}
	if len(a.slab) < n {
		a.slab = make([]Evaluation, slabSize)
	}
	out := a.slab[:n:n]
	a.slab = a.slab[n:]
	return out
}

// lazyValues are the values an activation builds from maps on first use and
// keeps for the other rules of the same input.
type lazyValues struct {
	vars, prev, baseline, history ref.Val
	prevMap, baselineMap          map[string]any
	historyList                   []any
}

var _ interpreter.Activation = (*activation)(nil)

// reset points the activation at a new input.
func (a *activation) reset(in *Input, points map[HistoryKey]Point) {
	a.in, a.points, a.threshold, a.lazy = *in, points, nil, nil
}

// values returns the lazily built values of the current input.
func (a *activation) values() *lazyValues {
	if a.lazy == nil {
		a.lazy = new(lazyValues)
	}
	return a.lazy
}

// Parent implements interpreter.Activation.
func (a *activation) Parent() interpreter.Activation { return nil }

// ResolveName implements interpreter.Activation.
func (a *activation) ResolveName(name string) (any, bool) {
	in := &a.in
	switch name {
	case varRate:
		return types.Double(in.Rate), true
	case varNumerator:
		return types.Int(in.Numerator), true
	case varDenominator:
		return types.Int(in.Denominator), true
	case varCountry:
		return types.String(in.Country), true
	case varInfoType:
		return types.Int(in.InfoType), true
	case varBegin:
		return types.Timestamp{Time: in.Begin.UTC()}, true
	case varEnd:
		return types.Timestamp{Time: in.End.UTC()}, true
	case varThreshold:
		return a.threshold, a.threshold != nil
	case varVars:
		if in.Vars == nil {
			return a.ev.emptyVars, true
		}
		lv := a.values()
		if lv.vars == nil {
			lv.vars = types.NewStringInterfaceMap(a.ev.adapter, in.Vars)
		}
		return lv.vars, true
	case varPrev:
		lv := a.values()
		if lv.prev == nil {
			lv.prev = types.NewStringInterfaceMap(a.ev.adapter, a.prevNative())
		}
		return lv.prev, true
	case varBaseline:
		lv := a.values()
		if lv.baseline == nil {
			lv.baseline = types.NewStringInterfaceMap(a.ev.adapter, a.baselineNative())
		}
		return lv.baseline, true
	case varHistory:
		lv := a.values()
		if lv.history == nil {
			lv.history = a.ev.adapter.NativeToValue(a.historyNative())
		}
		return lv.history, true
	}
	for _, v := range a.ev.hostVars {
		if v.name == name {
			return v.value(*in), true
		}
	}
	return nil, false
}

// native returns the Go value of a variable, as Seen shows it.
func (a *activation) native(name string) (any, bool) {
	in := &a.in
	switch name {
	case varRate:
		return in.Rate, true
	case varNumerator:
		return in.Numerator, true
	case varDenominator:
		return in.Denominator, true
	case varCountry:
		return in.Country, true
	case varInfoType:
		return in.InfoType, true
	case varBegin:
		return in.Begin.UTC(), true
	case varEnd:
		return in.End.UTC(), true
	case varVars:
		if in.Vars == nil {
			return map[string]any{}, true
		}
		return in.Vars, true
	case varPrev:
		return a.prevNative(), true
	case varBaseline:
		return a.baselineNative(), true
	case varHistory:
		return a.historyNative(), true
	}
	for _, v := range a.ev.hostVars {
		if v.name == name {
			return v.value(*in), true
		}
	}
	return nil, false
}

func (a *activation) prevNative() map[string]any {
	lv := a.values()
	if lv.prevMap == nil {
		lv.prevMap = prevValue(a.points, &a.in)
	}
	return lv.prevMap
}

func (a *activation) baselineNative() map[string]any {
	lv := a.values()
	if lv.baselineMap == nil {
		lv.baselineMap = baselineValue(a.points, &a.in, a.ev.baselineDays)
	}
	return lv.baselineMap
}

func (a *activation) historyNative() []any {
	lv := a.values()
	if lv.historyList == nil {
		lv.historyList = historyValue(a.points, &a.in, a.ev.baselineDays)
	}
	return lv.historyList
}
