package rule_test

import (
	"context"
	"errors"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/yujing-go/yujing/rule"
)

const day = 24 * time.Hour

func TestHistoryFetchedOnlyWhenReferenced(t *testing.T) {
	ev := newEvaluator(t)
	h := &fakeHistory{}
	in := sample("PH", 80, 100)
	for _, code := range []string{
		"rate < 0.5",
		`vars.prev == 1 || "prev" in vars`, // a field or key named prev is not the variable
		`[1, 2].exists(prev, prev > 1)`,    // nor is a comprehension variable
		`[1].exists(baseline, baseline == 1) && rate < 0.9`,
	} {
		evaluate(t, ev, rule.Rule{No: "R1", Code: code}, in, h)
		if n := h.callCount(); n != 0 {
			t.Fatalf("%s: history fetched %d times, want 0", code, n)
		}
	}
	for _, code := range []string{"has(prev.rate)", "baseline.days > 0", "size(history) == 7", "[1].exists(x, has(prev.rate))"} {
		before := h.callCount()
		evaluate(t, ev, rule.Rule{No: "R1", Code: code}, in, h)
		if n := h.callCount() - before; n != 1 {
			t.Errorf("%s: history fetched %d times, want 1", code, n)
		}
	}
}

func TestHistoryKeys(t *testing.T) {
	ev := newEvaluator(t, rule.WithBaselineDays(3))
	h := &fakeHistory{}
	in := sample("PH", 80, 100)
	in.Begin = begin10.In(time.FixedZone("UTC+8", 8*3600)) // keys are in UTC whatever the input's zone
	evaluate(t, ev, rule.Rule{No: "R1", Code: "has(prev.rate) || baseline.days > 0"}, in, h)

	want := []rule.HistoryKey{at("PH", -3*day), at("PH", -2*day), at("PH", -day), {
		InfoType: 1, Country: "PH", Begin: begin10.Add(-10 * time.Minute), End: begin10,
	}}
	if len(h.calls) != 1 || !slices.Equal(h.calls[0], want) {
		t.Errorf("keys %v\nwant %v", h.calls, want)
	}
	for _, k := range h.calls[0] {
		if k.Begin.Location() != time.UTC || k.End.Location() != time.UTC {
			t.Errorf("key %v is not in UTC", k)
		}
	}
}

func TestHistoryValues(t *testing.T) {
	ev := newEvaluator(t, rule.WithBaselineDays(3))
	prev := rule.HistoryKey{InfoType: 1, Country: "PH", Begin: begin10.Add(-10 * time.Minute), End: begin10}
	h := &fakeHistory{
		zone: time.FixedZone("UTC-5", -5*3600),
		points: map[rule.HistoryKey]rule.Point{
			prev:                          {Numerator: 95, Denominator: 100, Rate: 0.95},
			at("PH", -day):                {Numerator: 90, Denominator: 100, Rate: 0.9},
			at("PH", -3*day):              {Numerator: 160, Denominator: 200, Rate: 0.8},
			at("ID", -day):                {Numerator: 1, Denominator: 100, Rate: 0.01}, // another country
			at("PH", -day+10*time.Minute): {Numerator: 1, Denominator: 100, Rate: 0.01}, // another window
		},
	}
	in := sample("PH", 80, 100)
	for code, want := range map[string]bool{
		"has(prev.rate) && rate < prev.rate - threshold":               true,
		"prev.rate == 0.95 && prev.numerator == 95":                    true,
		"prev.denominator == 100":                                      true,
		"baseline.days == 2":                                           true,
		"baseline.rate > 0.849 && baseline.rate < 0.851":               true,
		"baseline.numerator == 125.0 && baseline.denominator == 150.0": true,
		"numerator < baseline.numerator * 0.7":                         true,
		"size(history) == 3 && history[0].rate == 0.9":                 true,
		"!has(history[1].rate) && history[2].numerator == 160":         true,
	} {
		e := evaluate(t, ev, rule.Rule{No: "R1", Code: code, Threshold: "0.1"}, in, h)
		if e.Err != nil || e.Fired != want {
			t.Errorf("%s: fired %v, err %v; want %v", code, e.Fired, e.Err, want)
		}
	}

	e := evaluate(t, ev, rule.Rule{No: "R1", Code: "rate < baseline.rate - threshold", Threshold: "0.01"}, in, h)
	if got := e.Seen["baseline.rate"].(float64); math.Abs(got-0.85) > 1e-9 {
		t.Errorf("Seen baseline.rate = %v, want 0.85", got)
	}

	// A country without history.
	empty := sample("VN", 80, 100)
	for code, want := range map[string]bool{
		"has(prev.rate)":  false,
		"size(prev) == 0": true,
		"baseline.days == 0 && !has(baseline.rate)": true,
		"history.all(d, size(d) == 0)":              true,
	} {
		e := evaluate(t, ev, rule.Rule{No: "R1", Code: code}, empty, h)
		if e.Err != nil || e.Fired != want {
			t.Errorf("no data, %s: fired %v, err %v; want %v", code, e.Fired, e.Err, want)
		}
	}
	if e := evaluate(t, ev, rule.Rule{No: "R1", Code: "rate < prev.rate"}, empty, h); e.Err == nil || !strings.Contains(e.Err.Error(), "no such key: rate") {
		t.Errorf("prev.rate without data: err %v, want no such key", e.Err)
	}
}

func TestHistoryOncePerBatch(t *testing.T) {
	ev := newEvaluator(t, rule.WithBaselineDays(2))
	rules := []rule.Rule{
		{No: "PLAIN", Code: "rate < 0.5"},
		{No: "DROP", Code: "has(prev.rate) && rate < prev.rate - 0.1"},
		{No: "BASE", Code: "baseline.days > 0 && rate < baseline.rate * 0.9"},
	}
	set := rule.NewRuleSet(rules, []rule.Route{
		{InfoType: 1, Country: rule.AllCountries, RuleNo: "PLAIN"},
		{InfoType: 1, Country: "PH", RuleNo: "DROP"},
		{InfoType: 1, Country: "ID", RuleNo: "BASE"},
	})
	h := &fakeHistory{points: map[rule.HistoryKey]rule.Point{
		{InfoType: 1, Country: "PH", Begin: begin10.Add(-10 * time.Minute), End: begin10}: {Numerator: 99, Denominator: 100, Rate: 0.99},
		at("ID", -day): {Numerator: 99, Denominator: 100, Rate: 0.99},
	}}
	inputs := []rule.Input{sample("PH", 80, 100), sample("ID", 80, 100), sample("VN", 80, 100), sample("PH", 98, 100)}
	before := ev.Compilations()
	results, err := ev.EvaluateBatch(context.Background(), set, inputs, h)
	if err != nil {
		t.Fatal(err)
	}
	if n := ev.Compilations() - before; n != 3 {
		t.Errorf("%d compilations, want 3 (one per distinct rule)", n)
	}
	if len(h.calls) != 1 {
		t.Fatalf("history fetched %d times, want once", len(h.calls))
	}
	// PH needs its previous window (once for two inputs); ID its two days; VN nothing.
	want := []rule.HistoryKey{at("ID", -2*day), at("ID", -day), {InfoType: 1, Country: "PH", Begin: begin10.Add(-10 * time.Minute), End: begin10}}
	if !slices.Equal(h.calls[0], want) {
		t.Errorf("keys %v\nwant %v", h.calls[0], want)
	}
	fired := []bool{}
	for _, r := range results {
		fired = append(fired, r.Fired())
	}
	if !slices.Equal(fired, []bool{true, true, false, false}) {
		t.Errorf("fired %v", fired)
	}

	// No rule that uses history: no fetch at all, and a nil History is fine.
	plain := rule.NewRuleSet(rules, []rule.Route{{InfoType: 1, Country: rule.AllCountries, RuleNo: "PLAIN"}})
	if _, err := ev.EvaluateBatch(context.Background(), plain, inputs, h); err != nil || len(h.calls) != 1 {
		t.Errorf("plain rules: err %v, %d fetches", err, len(h.calls))
	}
	if _, err := ev.EvaluateBatch(context.Background(), plain, inputs, nil); err != nil {
		t.Errorf("plain rules without History: %v", err)
	}
}

func TestHistoryMissingOrFailing(t *testing.T) {
	ev := newEvaluator(t)
	rules := []rule.Rule{{No: "DROP", Code: "has(prev.rate)"}, {No: "LOW", Code: "rate < 0.5"}}
	set := rule.NewRuleSet(rules, []rule.Route{
		{InfoType: 1, Country: rule.AllCountries, RuleNo: "DROP", Sort: 2},
		{InfoType: 1, Country: rule.AllCountries, RuleNo: "LOW", Sort: 1},
	})
	inputs := []rule.Input{sample("PH", 10, 100)}

	// Without a History, rules that use it fail; the others still run.
	results, err := ev.EvaluateBatch(context.Background(), set, inputs, nil)
	if err != nil {
		t.Fatal(err)
	}
	evs := results[0].Evaluations
	if evs[0].Err == nil || !strings.HasPrefix(evs[0].Err.Error(), "rule DROP: ") || !evs[1].Fired {
		t.Errorf("without History: %v / fired %v", evs[0].Err, evs[1].Fired)
	}
	if e := evaluate(t, ev, rules[0], inputs[0], nil); e.Err == nil {
		t.Error("Evaluate without History: no error")
	}

	// A failing store fails the batch, and the rules that need it in Evaluate.
	boom := errors.New("store down")
	h := &fakeHistory{err: boom}
	if _, err := ev.EvaluateBatch(context.Background(), set, inputs, h); !errors.Is(err, boom) {
		t.Errorf("EvaluateBatch with a failing store: %v", err)
	}
	res := ev.Evaluate(context.Background(), rules, inputs[0], h)
	if !errors.Is(res.Evaluations[0].Err, boom) || !res.Evaluations[1].Fired {
		t.Errorf("Evaluate with a failing store: %v / fired %v", res.Evaluations[0].Err, res.Evaluations[1].Fired)
	}
}
