package rule_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/google/cel-go/cel"
	"github.com/google/cel-go/interpreter"

	"github.com/yujing-go/yujing/rule"
)

const benchCode = "denominator >= 100 && rate < threshold"

var benchInput = rule.Input{
	InfoType:    1,
	Country:     "PH",
	Begin:       time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC),
	End:         time.Date(2026, 11, 24, 10, 10, 0, 0, time.UTC),
	Numerator:   972,
	Denominator: 1200,
	Rate:        0.81,
}

// benchCases are the two outcomes: "pass" is the hot path (most samples do
// not alert), "fire" also fills Evaluation.Seen.
var benchCases = []struct {
	name string
	rate float64
	fire bool
}{
	{"pass", 0.93, false},
	{"fire", 0.81, true},
}

// BenchmarkEvaluate measures one rule through the evaluator with a warm cache.
func BenchmarkEvaluate(b *testing.B) {
	ev, err := rule.New()
	if err != nil {
		b.Fatal(err)
	}
	rules := []rule.Rule{{No: "R001", Code: benchCode, Threshold: "0.85"}}
	ctx := context.Background()
	for _, bc := range benchCases {
		b.Run(bc.name, func(b *testing.B) {
			in := benchInput
			in.Rate = bc.rate
			if res := ev.Evaluate(ctx, rules, in, nil); res.Fired() != bc.fire || res.Evaluations[0].Err != nil {
				b.Fatalf("warm-up: fired %v, want %v (%v)", res.Fired(), bc.fire, res.Err)
			}
			b.ReportAllocs()
			for b.Loop() {
				if res := ev.Evaluate(ctx, rules, in, nil); res.Fired() != bc.fire {
					b.Fatal("unexpected outcome")
				}
			}
		})
	}
}

// BenchmarkRawCEL is the baseline: the same expression as a prepared
// cel.Program with an activation built once.
func BenchmarkRawCEL(b *testing.B) {
	env, err := cel.NewEnv(
		cel.CrossTypeNumericComparisons(true),
		cel.Variable("rate", cel.DoubleType),
		cel.Variable("denominator", cel.IntType),
		cel.Variable("threshold", cel.DynType),
	)
	if err != nil {
		b.Fatal(err)
	}
	ast, iss := env.Compile(benchCode)
	if iss.Err() != nil {
		b.Fatal(iss.Err())
	}
	prg, err := env.Program(ast)
	if err != nil {
		b.Fatal(err)
	}
	for _, bc := range benchCases {
		b.Run(bc.name, func(b *testing.B) {
			act, err := interpreter.NewActivation(map[string]any{
				"rate":        bc.rate,
				"denominator": benchInput.Denominator,
				"threshold":   0.85,
			})
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				out, _, err := prg.Eval(act)
				if err != nil || out.Value() != bc.fire {
					b.Fatal(out, err)
				}
			}
		})
	}
}

// BenchmarkRuleSet evaluates a rule set of 5 rules over 10,000 samples.
func BenchmarkRuleSet(b *testing.B) {
	ev, err := rule.New()
	if err != nil {
		b.Fatal(err)
	}
	rules := []rule.Rule{
		{No: "R1", Code: benchCode, Threshold: "0.85", Sort: 5},
		{No: "R2", Code: "denominator >= 1000 && rate < threshold", Threshold: "0.5", Sort: 4},
		{No: "R3", Code: `country == "XX" && rate < 0.99`, Sort: 3},
		{No: "R4", Code: "numerator == 0 && denominator > threshold", Threshold: "50", Sort: 2},
		{No: "R5", Code: "rate < threshold.min", Threshold: `{"min": 0.1}`, Sort: 1},
	}
	var routes []rule.Route
	for _, r := range rules {
		routes = append(routes, rule.Route{InfoType: 1, Country: rule.AllCountries, RuleNo: r.No})
	}
	set := rule.NewRuleSet(rules, routes)
	inputs := make([]rule.Input, 10_000)
	for i := range inputs {
		in := benchInput
		in.Country = fmt.Sprintf("C%02d", i%50)
		in.Begin = in.Begin.Add(time.Duration(i/50) * 10 * time.Minute)
		in.End = in.Begin.Add(10 * time.Minute)
		in.Denominator = int64(100 + i%1000)
		in.Numerator = in.Denominator * int64(80+i%20) / 100
		in.Rate = float64(in.Numerator) / float64(in.Denominator)
		inputs[i] = in
	}
	ctx := context.Background()
	if _, err := ev.EvaluateBatch(ctx, set, inputs, nil); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ev.EvaluateBatch(ctx, set, inputs, nil); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N*len(inputs))/b.Elapsed().Seconds(), "samples/s")
}
