package rule_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/yujing-go/yujing/rule"
)

// FuzzEvaluate checks that no code, threshold or input makes the evaluator
// panic or break the Result invariants. Its seed corpus runs with go test.
func FuzzEvaluate(f *testing.F) {
	seeds := []struct {
		code, threshold string
		num, den        int64
		rate            float64
		country, vars   string
	}{
		{"denominator >= 100 && rate < threshold", "0.85", 81, 100, 0.81, "PH", ""},
		{"rate < threshold.min", `{"min": 0.9}`, 1, 2, 0.5, "ID", ""},
		{"country in threshold", `["PH","ID"]`, 1, 2, 0.5, "PH", ""},
		{"numerator / denominator > 0", "", 1, 0, 0, "PH", ""},
		{"has(prev.rate) && rate < prev.rate - threshold", "0.1", 5, 10, 0.5, "PH", ""},
		{"baseline.days > 0 && rate < baseline.rate", "", 5, 10, 0.5, "PH", ""},
		{"history[9].rate > 0.0", "", 5, 10, 0.5, "PH", ""},
		{"threshold.all(a,threshold.all(b,a+b>=0.0))", "[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47,48,49,50]", 1, 2, 0.5, "PH", ""},
		{"vars.k == 'v'", "", 1, 2, 0.5, "PH", "v"},
		{"vars.k", "", 1, 2, 0.5, "PH", "v"},
		{"rat < 1", "x", 0, 0, 0, "", ""},
		{"rate *", "{", -1, -1, -1, "中国", ""},
		{"threshold", `"s"`, 0, 0, 0, "", ""},
		{"end - begin > duration('1h') || int(rate) == 0", "", 9223372036854775807, -9223372036854775808, 1e308, "PH", ""},
		{"string(numerator).size() > 1 && numerator * numerator > 0", "", 9223372036854775807, 1, 0, "PH", ""},
		{"", "", 0, 0, 0, "", ""},
		{strings.Repeat("(", 40) + "true" + strings.Repeat(")", 24), "", 0, 0, 0, "", ""},
	}
	for _, s := range seeds {
		f.Add(s.code, s.threshold, s.num, s.den, s.rate, s.country, s.vars)
	}

	ev, err := rule.New(rule.WithBaselineDays(3))
	if err != nil {
		f.Fatal(err)
	}
	h := &fakeHistory{points: map[rule.HistoryKey]rule.Point{
		{InfoType: 1, Country: "PH", Begin: begin10.Add(-10 * time.Minute), End: begin10}: {Numerator: 9, Denominator: 10, Rate: 0.9},
		at("PH", -day): {Numerator: 8, Denominator: 10, Rate: 0.8},
	}}
	ctx := context.Background()

	f.Fuzz(func(t *testing.T, code, threshold string, num, den int64, rate float64, country, v string) {
		r := rule.Rule{No: "F1", Code: code, Threshold: threshold}
		in := rule.Input{InfoType: 1, Country: country, Begin: begin10, End: end10, Numerator: num, Denominator: den, Rate: rate}
		if v != "" {
			in.Vars = map[string]any{"k": v, "n": len(v)}
		}
		invalid := ev.Validate(r)

		res := ev.Evaluate(ctx, []rule.Rule{r}, in, h)
		if len(res.Evaluations) != 1 {
			t.Fatalf("%d evaluations", len(res.Evaluations))
		}
		e := res.Evaluations[0]
		checkEvaluation(t, e, res, invalid)

		set := rule.NewRuleSet([]rule.Rule{r}, []rule.Route{{InfoType: 1, Country: rule.AllCountries, RuleNo: "F1"}})
		results, err := ev.EvaluateBatch(ctx, set, []rule.Input{in, in}, h)
		if err != nil {
			t.Fatalf("EvaluateBatch: %v", err)
		}
		for _, br := range results {
			be := br.Evaluations[0]
			checkEvaluation(t, be, br, invalid)
			if be.Fired != e.Fired || (be.Err == nil) != (e.Err == nil) {
				t.Fatalf("batch and single disagree: %v/%v, %v/%v", be.Fired, e.Fired, be.Err, e.Err)
			}
		}
	})
}

func checkEvaluation(t *testing.T, e rule.Evaluation, res rule.Result, invalid error) {
	t.Helper()
	if invalid != nil && (e.Err == nil || !errors.Is(e.Err, rule.ErrInvalidRule)) {
		t.Fatalf("invalid rule (%v) evaluated with err %v", invalid, e.Err)
	}
	if e.Fired && e.Err != nil {
		t.Fatalf("fired with an error: %v", e.Err)
	}
	if e.Err != nil && !strings.HasPrefix(e.Err.Error(), "rule F1: ") {
		t.Fatalf("error does not name the rule: %v", e.Err)
	}
	if res.Fired() != e.Fired || (res.Err != nil) != (e.Err != nil) {
		t.Fatalf("result fired %v err %v, evaluation fired %v err %v", res.Fired(), res.Err, e.Fired, e.Err)
	}
	if x := e.Explain(); !strings.HasPrefix(x, "rule F1") {
		t.Fatalf("Explain = %q", x)
	}
}
