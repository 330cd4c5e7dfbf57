package rule_test

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/cel-go/cel"
	"github.com/google/cel-go/common/types"
	"github.com/google/cel-go/common/types/ref"

	"github.com/yujing-go/yujing/rule"
)

func TestEvaluateThresholdForms(t *testing.T) {
	ev := newEvaluator(t)
	in := sample("PH", 81, 100) // rate 0.81
	tests := []struct {
		code, threshold string
		want            bool
	}{
		{"rate < threshold", "0.85", true},
		{"rate < threshold", "0.8", false},
		{"denominator >= threshold", "100", true},
		{"rate < threshold.min && denominator >= threshold.volume", `{"min": 0.85, "volume": 100}`, true},
		{"rate < threshold.min && denominator >= threshold.volume", `{"min": 0.85, "volume": 101}`, false},
		{"threshold.countries.exists(c, c == country)", `{"countries": ["ID", "PH"]}`, true},
		{"country in threshold", `["ID", "PH"]`, true},
		{"country in threshold", `["ID", "VN"]`, false},
		{"threshold[1] > rate", `[0.1, 0.9]`, true},
		{"country == threshold", `"PH"`, true},
		{"threshold && rate < 0.9", `true`, true},
		{"threshold", `false`, false},
		{"rate < 0.9", "", true},
	}
	for _, tt := range tests {
		e := evaluate(t, ev, rule.Rule{No: "R1", Code: tt.code, Threshold: tt.threshold}, in, nil)
		if e.Err != nil || e.Fired != tt.want {
			t.Errorf("%s with %s: fired %v, err %v; want %v", tt.code, tt.threshold, e.Fired, e.Err, tt.want)
		}
	}
}

func TestEvaluateMixedNumbers(t *testing.T) {
	ev := newEvaluator(t)
	in := sample("PH", 50, 100) // rate 0.5
	// Ordering compares across int and double; == between them is refused
	// when checked, as CEL does.
	if err := ev.Validate(rule.Rule{No: "R1", Code: "numerator == 50.0"}); err == nil {
		t.Error("numerator == 50.0 was accepted")
	}
	for code, want := range map[string]bool{
		"rate < 1":                       true,
		"rate > 0":                       true,
		"denominator > 99.5":             true,
		"denominator < 100.5":            true,
		"numerator >= 50 && rate <= 0.5": true,
		"rate == 0.5":                    true,
		"denominator > 100":              false,
		"denominator > threshold":        true, // threshold 99.5 is a double
		"numerator < threshold":          true,
	} {
		e := evaluate(t, ev, rule.Rule{No: "R1", Code: code, Threshold: "99.5"}, in, nil)
		if e.Err != nil || e.Fired != want {
			t.Errorf("%s: fired %v, err %v; want %v", code, e.Fired, e.Err, want)
		}
	}
}

func TestEvaluateVariables(t *testing.T) {
	ev := newEvaluator(t)
	in := sample("PH", 90, 100)
	in.InfoType = 7
	in.Vars = map[string]any{"channel": "twilio", "retries": 3, "ratio": 0.25, "vip": true}
	for code, want := range map[string]bool{
		`country == "PH"`:                                  true,
		`info_type == 7`:                                   true,
		`vars.channel == "twilio"`:                         true,
		`vars.retries > 2`:                                 true,
		`vars.ratio < 0.3 && vars.vip`:                     true,
		`has(vars.missing)`:                                false,
		`"channel" in vars && size(vars) == 4`:             true,
		`end - begin == duration("10m")`:                   true,
		`begin.getHours() == 10 && end.getMinutes() == 10`: true,
		`begin >= timestamp("2026-11-24T10:00:00Z")`:       true,
		`begin.getDayOfWeek() == 2`:                        true, // a Tuesday
	} {
		e := evaluate(t, ev, rule.Rule{No: "R1", Code: code}, in, nil)
		if e.Err != nil || e.Fired != want {
			t.Errorf("%s: fired %v, err %v; want %v", code, e.Fired, e.Err, want)
		}
	}

	// Timestamps are seen in UTC whatever the input's location.
	in.Begin = begin10.In(time.FixedZone("UTC+8", 8*3600))
	in.Vars = nil
	for code, want := range map[string]bool{
		`begin.getHours() == 10`: true,
		`size(vars) == 0`:        true,
	} {
		e := evaluate(t, ev, rule.Rule{No: "R1", Code: code}, in, nil)
		if e.Err != nil || e.Fired != want {
			t.Errorf("%s: fired %v, err %v; want %v", code, e.Fired, e.Err, want)
		}
	}
}

func TestEvaluateRuntimeErrorsArePerInput(t *testing.T) {
	ev := newEvaluator(t)
	tests := []struct {
		code, want string
	}{
		{"numerator / denominator > 0", "rule R1: division by zero"},
		{"vars.missing > 1", "rule R1: no such key: missing"},
		{"vars.flag", "rule R1: result is string, want bool"},
		{"threshold.nope > 0.0", "rule R1: no such key: nope"},
	}
	for _, tt := range tests {
		r := rule.Rule{No: "R1", Code: tt.code, Threshold: `{"min": 1}`}
		set := rule.NewRuleSet([]rule.Rule{r}, []rule.Route{{InfoType: 1, Country: rule.AllCountries, RuleNo: "R1"}})
		bad := sample("PH", 5, 0)
		bad.Vars = map[string]any{"flag": "yes"}
		good := sample("ID", 5, 10)
		good.Vars = map[string]any{"missing": 2, "flag": true}

		results, err := ev.EvaluateBatch(context.Background(), set, []rule.Input{bad, good}, nil)
		if err != nil {
			t.Fatalf("%s: EvaluateBatch: %v", tt.code, err)
		}
		e := results[0].Evaluations[0]
		if e.Err == nil || !strings.HasPrefix(e.Err.Error(), tt.want) {
			t.Errorf("%s: err %v, want %q", tt.code, e.Err, tt.want)
		}
		if errors.Is(e.Err, rule.ErrInvalidRule) {
			t.Errorf("%s: a runtime error matches ErrInvalidRule", tt.code)
		}
		if results[0].Err == nil || results[0].Fired() {
			t.Errorf("%s: result err %v fired %v, want an error", tt.code, results[0].Err, results[0].Fired())
		}
		if tt.code != "threshold.nope > 0.0" && results[1].Err != nil {
			t.Errorf("%s: the other input failed too: %v", tt.code, results[1].Err)
		}
	}
}

func TestEvaluateCostLimit(t *testing.T) {
	numbers := make([]string, 70)
	for i := range numbers {
		numbers[i] = strconv.Itoa(i)
	}
	threshold := "[" + strings.Join(numbers, ",") + "]" // 201 characters

	cubic := rule.Rule{No: "R1", Code: "threshold.all(a,threshold.all(b,threshold.all(c,a+b+c>=0.0)))", Threshold: threshold}
	square := rule.Rule{No: "R2", Code: "threshold.all(a,threshold.all(b,a+b>=0.0))", Threshold: threshold}

	ev := newEvaluator(t)
	for _, r := range []rule.Rule{cubic, square} {
		if err := ev.Validate(r); err != nil {
			t.Fatalf("Validate: %v", err)
		}
		e := evaluate(t, ev, r, sample("PH", 1, 2), nil)
		if e.Err == nil || !strings.Contains(e.Err.Error(), "cost limit exceeded") {
			t.Errorf("%s: err %v, want cost limit exceeded", r.No, e.Err)
		}
	}

	// A vars list of unknown size is limited the same way.
	in := sample("PH", 1, 2)
	big := make([]any, 200)
	for i := range big {
		big[i] = i
	}
	in.Vars = map[string]any{"l": big}
	e := evaluate(t, ev, rule.Rule{No: "R3", Code: "vars.l.all(a, vars.l.all(b, a + b >= 0))"}, in, nil)
	if e.Err == nil || !strings.Contains(e.Err.Error(), "cost limit exceeded") {
		t.Errorf("vars: err %v, want cost limit exceeded", e.Err)
	}

	roomy := newEvaluator(t, rule.WithCostLimit(1_000_000))
	if e := evaluate(t, roomy, square, sample("PH", 1, 2), nil); e.Err != nil || !e.Fired {
		t.Errorf("with a larger limit: fired %v, err %v", e.Fired, e.Err)
	}
}

func TestEvaluateResultSemantics(t *testing.T) {
	ev := newEvaluator(t)
	in := sample("PH", 80, 100)
	bad := rule.Rule{No: "BAD", Code: "rat < 1"}
	boom := rule.Rule{No: "BOOM", Code: "vars.x > 1"}
	no := rule.Rule{No: "NO", Code: "rate > 0.9"}
	yes1 := rule.Rule{No: "YES1", Code: "rate < 0.9"}
	yes2 := rule.Rule{No: "YES2", Code: "denominator > 10"}

	res := ev.Evaluate(context.Background(), []rule.Rule{bad, no, yes1, boom, yes2}, in, nil)
	if !res.Fired() || res.Err != nil {
		t.Fatalf("fired %v, err %v; want fired without error", res.Fired(), res.Err)
	}
	if first, ok := res.First(); !ok || first.Rule.No != "YES1" {
		t.Errorf("First = %v, want YES1", first.Rule.No)
	}
	var order []string
	for _, e := range res.Evaluations {
		order = append(order, e.Rule.No)
	}
	if got := strings.Join(order, ","); got != "BAD,NO,YES1,BOOM,YES2" {
		t.Errorf("evaluations %s, want every rule in order", got)
	}
	if !errors.Is(res.Evaluations[0].Err, rule.ErrInvalidRule) || res.Evaluations[3].Err == nil {
		t.Errorf("errors of BAD and BOOM not kept: %v, %v", res.Evaluations[0].Err, res.Evaluations[3].Err)
	}

	res = ev.Evaluate(context.Background(), []rule.Rule{bad, no, boom}, in, nil)
	if res.Fired() || res.Err == nil {
		t.Fatalf("fired %v, err %v; want an error", res.Fired(), res.Err)
	}
	want := "rule BAD: 1:1: undeclared reference to 'rat' (did you mean 'rate'?); rule BOOM: no such key: x"
	if res.Err.Error() != want {
		t.Errorf("Err = %q, want %q", res.Err, want)
	}
	if _, ok := res.First(); ok {
		t.Error("First found a rule, want none")
	}

	res = ev.Evaluate(context.Background(), []rule.Rule{no}, in, nil)
	if res.Fired() || res.Err != nil {
		t.Errorf("no rule fired: fired %v, err %v; want neither", res.Fired(), res.Err)
	}

	res = ev.Evaluate(context.Background(), nil, in, nil)
	if !errors.Is(res.Err, rule.ErrNoRules) || res.Err.Error() != `info_type 1, country "PH": no rule applies` {
		t.Errorf("no rules: Err = %v", res.Err)
	}
}

func TestEvaluateSeen(t *testing.T) {
	ev := newEvaluator(t)
	r := rule.Rule{No: "R1", Code: "denominator >= 100 && rate < threshold", Threshold: "0.85"}

	e := evaluate(t, ev, r, sample("PH", 81, 100), nil)
	want := map[string]any{"denominator": int64(100), "rate": 0.81, "threshold": 0.85}
	if !e.Fired || !equalMaps(e.Seen, want) {
		t.Errorf("fired %v, Seen %v; want %v", e.Fired, e.Seen, want)
	}

	if e := evaluate(t, ev, r, sample("PH", 95, 100), nil); e.Fired || e.Seen != nil {
		t.Errorf("a rule that passed: fired %v, Seen %v; want no Seen", e.Fired, e.Seen)
	}

	in := sample("PH", 95, 100)
	in.Vars = map[string]any{"chan": "a"}
	e = evaluate(t, ev, rule.Rule{No: "R2", Code: `vars.chan == "a" && vars.n > 1 && [1].all(rate, rate > 0)`}, in, nil)
	want = map[string]any{"vars.chan": "a"} // vars.n is absent; the comprehension's rate is not the input's
	if e.Err == nil || !equalMaps(e.Seen, want) {
		t.Errorf("failed rule: err %v, Seen %v; want %v", e.Err, e.Seen, want)
	}
}

func equalMaps(a, b map[string]any) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

func TestExplain(t *testing.T) {
	ev := newEvaluator(t)
	in := sample("PH", 972, 1200) // rate 0.81
	r := rule.Rule{No: "R001", Desc: "SMS success rate low", Code: "rate < threshold && denominator >= 100", Threshold: "0.85"}
	tests := []struct {
		r    rule.Rule
		in   rule.Input
		want string
	}{
		{r, in, `rule R001 "SMS success rate low" fired: rate=0.81 threshold=0.85 denominator=1200`},
		{r, sample("PH", 1190, 1200), `rule R001 "SMS success rate low" did not fire`},
		{rule.Rule{No: "R2", Code: "numerator / denominator < 1"}, sample("PH", 0, 0), `rule R2 failed: division by zero; numerator=0 denominator=0`},
		{rule.Rule{No: "R3", Code: "rat < 1"}, in, `rule R3 failed: 1:1: undeclared reference to 'rat' (did you mean 'rate'?)`},
		{rule.Rule{No: "R4", Code: `country == "PH" && end > begin`}, in, `rule R4 fired: country="PH" end=2026-11-24T10:10:00Z begin=2026-11-24T10:00:00Z`},
		{rule.Rule{No: "R5", Code: `rate < threshold.min`, Threshold: `{"min": 0.9}`}, in, `rule R5 fired: rate=0.81 threshold.min=0.9`},
		{rule.Rule{No: "R6", Code: `size(threshold) > 1`, Threshold: `{"b": [1], "a": 2}`}, in, `rule R6 fired: threshold={"a":2,"b":[1]}`},
	}
	for _, tt := range tests {
		if got := evaluate(t, ev, tt.r, tt.in, nil).Explain(); got != tt.want {
			t.Errorf("Explain =\n%s\nwant\n%s", got, tt.want)
		}
	}
}

func TestHostFunctionAndVariable(t *testing.T) {
	pct := cel.Function("pct",
		cel.Overload("pct_double", []*cel.Type{cel.DoubleType}, cel.DoubleType,
			cel.UnaryBinding(func(v ref.Val) ref.Val { return v.(types.Double) * 100 })))
	weekday := func(in rule.Input) any { return int64(in.Begin.Weekday()) }
	ev := newEvaluator(t,
		rule.WithEnvOptions(pct),
		rule.WithVariable("weekday", cel.IntType, weekday),
	)
	in := sample("PH", 81, 100)

	e := evaluate(t, ev, rule.Rule{No: "R1", Code: "pct(rate) < threshold", Threshold: "85"}, in, nil)
	if !e.Fired || e.Err != nil {
		t.Errorf("host function: fired %v, err %v", e.Fired, e.Err)
	}
	e = evaluate(t, ev, rule.Rule{No: "R2", Code: "weekday == 2 && rate < 0.9"}, in, nil)
	if !e.Fired || e.Err != nil || e.Seen["weekday"] != int64(2) {
		t.Errorf("host variable: fired %v, err %v, Seen %v", e.Fired, e.Err, e.Seen)
	}
	if err := ev.Validate(rule.Rule{No: "R3", Code: "pct(numerator) > 1.0"}); err == nil || !strings.Contains(err.Error(), "no matching overload") {
		t.Errorf("host function with a wrong argument: %v", err)
	}
	// Other evaluators do not know the host's names.
	if err := newEvaluator(t).Validate(rule.Rule{No: "R4", Code: "weekday == 2"}); err == nil {
		t.Error("weekday is known to an evaluator without it")
	}
}

func TestEvaluateRecoversPanics(t *testing.T) {
	boom := cel.Function("boom",
		cel.Overload("boom_int", []*cel.Type{cel.IntType}, cel.BoolType,
			cel.UnaryBinding(func(ref.Val) ref.Val { panic("host bug") })))
	ev := newEvaluator(t,
		rule.WithEnvOptions(boom),
		rule.WithVariable("bad", cel.IntType, func(rule.Input) any { panic("host variable bug") }),
	)
	for _, code := range []string{"boom(numerator)", "bad > 1"} {
		e := evaluate(t, ev, rule.Rule{No: "R1", Code: code}, sample("PH", 1, 2), nil)
		if e.Err == nil || e.Fired {
			t.Errorf("%s: fired %v, err %v; want an error", code, e.Fired, e.Err)
		}
		_ = e.Explain()
	}
}

func TestEvaluateBatchContext(t *testing.T) {
	ev := newEvaluator(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := ev.EvaluateBatch(ctx, rule.NewRuleSet(nil, nil), []rule.Input{sample("PH", 1, 2)}, nil)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("EvaluateBatch with a cancelled context: %v", err)
	}

	results, err := ev.EvaluateBatch(context.Background(), nil, []rule.Input{sample("PH", 1, 2)}, nil)
	if err != nil || len(results) != 1 || !errors.Is(results[0].Err, rule.ErrNoRules) {
		t.Errorf("nil rule set: %v, %v", results, err)
	}
}
