package rule_test

import (
	"context"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/yujing-go/yujing/rule"
)

// window10 is the 10-minute window 2026-11-24 10:00–10:10 UTC.
var (
	begin10 = time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC)
	end10   = begin10.Add(10 * time.Minute)
)

// sample returns an input of scene 1 in country for the window10.
func sample(country string, num, den int64) rule.Input {
	in := rule.Input{InfoType: 1, Country: country, Begin: begin10, End: end10, Numerator: num, Denominator: den}
	if den != 0 {
		in.Rate = float64(num) / float64(den)
	}
	return in
}

func newEvaluator(t testing.TB, opts ...rule.Option) *rule.Evaluator {
	t.Helper()
	ev, err := rule.New(opts...)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return ev
}

// evaluate runs one rule against in and returns its evaluation.
func evaluate(t testing.TB, ev *rule.Evaluator, r rule.Rule, in rule.Input, h rule.History) rule.Evaluation {
	t.Helper()
	res := ev.Evaluate(context.Background(), []rule.Rule{r}, in, h)
	if len(res.Evaluations) != 1 {
		t.Fatalf("%d evaluations, want 1", len(res.Evaluations))
	}
	return res.Evaluations[0]
}

// fakeHistory is a History over a fixed map that counts and records calls.
type fakeHistory struct {
	points map[rule.HistoryKey]rule.Point
	err    error
	// zone, when set, is the location of the keys it returns, to check that
	// the evaluator does not depend on the store's time zone.
	zone *time.Location

	mu    sync.Mutex
	calls [][]rule.HistoryKey
}

func (f *fakeHistory) Points(ctx context.Context, keys []rule.HistoryKey) (map[rule.HistoryKey]rule.Point, error) {
	f.mu.Lock()
	f.calls = append(f.calls, slices.Clone(keys))
	f.mu.Unlock()
	if f.err != nil {
		return nil, f.err
	}
	out := make(map[rule.HistoryKey]rule.Point)
	for _, k := range keys {
		if p, ok := f.points[k]; ok {
			if f.zone != nil {
				k.Begin, k.End = k.Begin.In(f.zone), k.End.In(f.zone)
			}
			out[k] = p
		}
	}
	return out, nil
}

func (f *fakeHistory) callCount() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.calls)
}

// at is the key of scene 1 in country for the window shifted by d.
func at(country string, d time.Duration) rule.HistoryKey {
	return rule.HistoryKey{InfoType: 1, Country: country, Begin: begin10.Add(d), End: end10.Add(d)}
}
