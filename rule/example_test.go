package rule_test

import (
	"context"
	"fmt"
	"time"

	"github.com/google/cel-go/cel"
	"github.com/google/cel-go/common/types"
	"github.com/google/cel-go/common/types/ref"

	"github.com/yujing-go/yujing/rule"
)

func Example() {
	ev, err := rule.New()
	if err != nil {
		panic(err)
	}
	rules := []rule.Rule{{
		No:        "R001",
		Desc:      "SMS success rate low",
		Code:      "rate < threshold && denominator >= 100",
		Threshold: "0.85",
	}}
	if err := ev.Validate(rules[0]); err != nil {
		panic(err)
	}
	set := rule.NewRuleSet(rules, []rule.Route{{InfoType: 0, Country: rule.AllCountries, RuleNo: "R001"}})

	begin := time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC)
	inputs := []rule.Input{
		{InfoType: 0, Country: "PH", Begin: begin, End: begin.Add(10 * time.Minute), Numerator: 972, Denominator: 1200, Rate: 0.81},
		{InfoType: 0, Country: "ID", Begin: begin, End: begin.Add(10 * time.Minute), Numerator: 990, Denominator: 1000, Rate: 0.99},
	}
	results, err := ev.EvaluateBatch(context.Background(), set, inputs, nil)
	if err != nil {
		panic(err)
	}
	for i, res := range results {
		if first, ok := res.First(); ok {
			fmt.Println(inputs[i].Country, first.Explain())
		} else {
			fmt.Println(inputs[i].Country, "fine")
		}
	}
	// Output:
	// PH rule R001 "SMS success rate low" fired: rate=0.81 threshold=0.85 denominator=1200
	// ID fine
}

// A host registers its own functions with cel.Function and its own
// variables with WithVariable.
func ExampleWithEnvOptions() {
	percent := cel.Function("percent",
		cel.Overload("percent_double", []*cel.Type{cel.DoubleType}, cel.DoubleType,
			cel.UnaryBinding(func(v ref.Val) ref.Val { return v.(types.Double) * 100 })))
	hour := func(in rule.Input) any { return int64(in.Begin.Hour()) }

	ev, err := rule.New(
		rule.WithEnvOptions(percent),
		rule.WithVariable("hour", cel.IntType, hour),
	)
	if err != nil {
		panic(err)
	}
	r := rule.Rule{No: "R002", Code: "hour >= 8 && percent(rate) < threshold", Threshold: "85"}
	begin := time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC)
	in := rule.Input{Country: "PH", Begin: begin, End: begin.Add(time.Hour), Numerator: 81, Denominator: 100, Rate: 0.81}
	res := ev.Evaluate(context.Background(), []rule.Rule{r}, in, nil)
	fmt.Println(res.Evaluations[0].Explain())
	// Output:
	// rule R002 fired: hour=10 rate=0.81 threshold=85
}

func ExampleEvaluator_Validate() {
	ev, err := rule.New()
	if err != nil {
		panic(err)
	}
	fmt.Println(ev.Validate(rule.Rule{No: "R001", Code: "rate<rat", Threshold: "0.85"}))
	fmt.Println(ev.Validate(rule.Rule{No: "R001", Code: "rate < threshold"}))
	// Output:
	// rule R001: 1:6: undeclared reference to 'rat' (did you mean 'rate'?)
	// rule R001: threshold_val: empty, but fun_code uses threshold
}
