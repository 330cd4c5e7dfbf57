package rule_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/yujing-go/yujing/rule"
)

func TestValidateErrorNamesRuleAndPosition(t *testing.T) {
	ev := newEvaluator(t)
	tests := []struct {
		code, want string
	}{
		{"rate<rat", "rule R001: 1:6: undeclared reference to 'rat' (did you mean 'rate'?)"},
		{"denominater > 100", "rule R001: 1:1: undeclared reference to 'denominater' (did you mean 'denominator'?)"},
		{"rate < 0.5 && zzzzzz", "rule R001: 1:15: undeclared reference to 'zzzzzz'"},
		{"rate <\n 0.5 &&", "rule R001: 2:8: Syntax error:"},
	}
	for _, tt := range tests {
		err := ev.Validate(rule.Rule{No: "R001", Code: tt.code})
		if err == nil {
			t.Errorf("Validate(%q) = nil, want error", tt.code)
			continue
		}
		if !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("Validate(%q) = %q, want prefix %q", tt.code, err, tt.want)
		}
		if strings.Contains(err.Error(), "\n") || strings.Contains(err.Error(), "in container") {
			t.Errorf("Validate(%q) = %q, want one line without cel-go noise", tt.code, err)
		}
		if !errors.Is(err, rule.ErrInvalidRule) {
			t.Errorf("Validate(%q) does not match ErrInvalidRule", tt.code)
		}
	}
}

func TestValidateRefusesNonBool(t *testing.T) {
	ev := newEvaluator(t)
	for code, want := range map[string]string{
		"rate * 2.0":       "rule R1: fun_code: result is double, want bool",
		"numerator":        "rule R1: fun_code: result is int, want bool",
		"country + 'x'":    "rule R1: fun_code: result is string, want bool",
		"vars":             "rule R1: fun_code: result is map(string, dyn), want bool",
		"[rate < 0.5]":     "rule R1: fun_code: result is list(bool), want bool",
		"begin":            "rule R1: fun_code: result is timestamp, want bool",
		"prev.rate < 0.1 ": "",
		"vars.flag":        "", // dyn is checked at run time
	} {
		err := ev.Validate(rule.Rule{No: "R1", Code: code})
		switch {
		case want == "" && err != nil:
			t.Errorf("Validate(%q) = %v, want nil", code, err)
		case want != "" && (err == nil || err.Error() != want):
			t.Errorf("Validate(%q) = %v, want %q", code, err, want)
		}
	}
}

func TestValidateLengthsInCharacters(t *testing.T) {
	ev := newEvaluator(t)
	// 12 + 51 + 1 = 64 characters, 166 bytes.
	code64 := `country == "` + strings.Repeat("中", 51) + `"`
	if err := ev.Validate(rule.Rule{No: "R1", Code: code64}); err != nil {
		t.Errorf("64-character code with Chinese: %v", err)
	}
	code65 := `country == "` + strings.Repeat("中", 52) + `"`
	err := ev.Validate(rule.Rule{No: "R1", Code: code65})
	if err == nil || err.Error() != "rule R1: fun_code: 65 characters, at most 64 allowed" {
		t.Errorf("65-character code: %v", err)
	}

	thr255 := `"` + strings.Repeat("国", 253) + `"`
	if err := ev.Validate(rule.Rule{No: "R1", Code: "country != threshold", Threshold: thr255}); err != nil {
		t.Errorf("255-character threshold: %v", err)
	}
	thr256 := `"` + strings.Repeat("国", 254) + `"`
	err = ev.Validate(rule.Rule{No: "R1", Code: "country != threshold", Threshold: thr256})
	if err == nil || err.Error() != "rule R1: threshold_val: 256 characters, at most 255 allowed" {
		t.Errorf("256-character threshold: %v", err)
	}
}

func TestValidateRefusesEmptyCode(t *testing.T) {
	ev := newEvaluator(t)
	for _, code := range []string{"", "   ", "\n\t"} {
		err := ev.Validate(rule.Rule{No: "R1", Code: code})
		if err == nil || err.Error() != "rule R1: fun_code: empty" {
			t.Errorf("Validate(%q) = %v, want fun_code: empty", code, err)
		}
	}
}

func TestValidateThreshold(t *testing.T) {
	ev := newEvaluator(t)
	tests := []struct {
		name, code, threshold, want string
	}{
		{"number", "rate < threshold", "0.85", ""},
		{"integer", "denominator < threshold", "100", ""},
		{"spaces", "rate < threshold", " 0.85 ", ""},
		{"JSON object", "rate < threshold.min", `{"min": 0.8, "countries": ["PH"]}`, ""},
		{"JSON array", "country in threshold", `["PH", "ID"]`, ""},
		{"JSON string", "country == threshold", `"PH"`, ""},
		{"JSON bool", "threshold", `true`, ""},
		{"empty, unused", "rate < 0.5", "", ""},
		{"garbage, unused", "rate < 0.5", "abc", `rule R1: threshold_val: "abc" is neither a number nor JSON`},
		{"empty, used", "rate < threshold", "", "rule R1: threshold_val: empty, but fun_code uses threshold"},
		{"blank, used", "rate < threshold", "  ", "rule R1: threshold_val: empty, but fun_code uses threshold"},
		{"garbage", "rate < threshold", "0.85x", `rule R1: threshold_val: "0.85x" is neither a number nor JSON`},
		{"null", "rate < threshold", "null", `rule R1: threshold_val: "null" is neither a number nor JSON`},
		{"NaN", "rate < threshold", "NaN", `rule R1: threshold_val: "NaN" is not a finite number`},
		{"broken JSON", "rate < threshold.min", `{"min": }`, "rule R1: threshold_val: invalid JSON: invalid character '}' looking for beginning of value"},
		{"both wrong", "rate < rat", "x", `rule R1: 1:8: undeclared reference to 'rat' (did you mean 'rate'?); threshold_val: "x" is neither a number nor JSON`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := ev.Validate(rule.Rule{No: "R1", Code: tt.code, Threshold: tt.threshold})
			got := ""
			if err != nil {
				got = err.Error()
			}
			if got != tt.want {
				t.Errorf("Validate = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestNewRefusesBadOptions(t *testing.T) {
	noop := func(rule.Input) any { return nil }
	for name, opt := range map[string]rule.Option{
		"zero cost limit":   rule.WithCostLimit(0),
		"zero cache":        rule.WithCacheSize(0),
		"zero days":         rule.WithBaselineDays(0),
		"too many days":     rule.WithBaselineDays(1000),
		"variable taken":    rule.WithVariable("rate", nil, noop),
		"reserved word":     rule.WithVariable("in", nil, noop),
		"not an identifier": rule.WithVariable("9lives", nil, noop),
		"nil type":          rule.WithVariable("weekday", nil, noop),
	} {
		if _, err := rule.New(opt); err == nil {
			t.Errorf("%s: New succeeded, want error", name)
		}
	}
}

// TestValidateField: Field names the field of a rule's first problem, and a
// rule without a number (not stored yet) is not named in the text.
func TestValidateField(t *testing.T) {
	ev := newEvaluator(t)
	tests := []struct {
		name, code, threshold, field, want string
	}{
		{"undeclared", "rat < 0.9", "", rule.FieldCode, "1:1: undeclared reference to 'rat' (did you mean 'rate'?)"},
		{"non-bool", "rate + 1.0", "", rule.FieldCode, "fun_code: result is double, want bool"},
		{"threshold", "rate < threshold", "0.9x", rule.FieldThreshold, `threshold_val: "0.9x" is neither a number nor JSON`},
		{"unused threshold", "rate < 0.5", "abc", rule.FieldThreshold, `threshold_val: "abc" is neither a number nor JSON`},
		{"code first", "rate < rat", "x", rule.FieldCode, `1:8: undeclared reference to 'rat' (did you mean 'rate'?); threshold_val: "x" is neither a number nor JSON`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := ev.Validate(rule.Rule{Code: tt.code, Threshold: tt.threshold})
			if err == nil || err.Error() != tt.want {
				t.Fatalf("Validate = %v, want %q", err, tt.want)
			}
			if got := rule.Field(err); got != tt.field {
				t.Errorf("Field = %q, want %q", got, tt.field)
			}
			if !errors.Is(err, rule.ErrInvalidRule) {
				t.Error("does not match ErrInvalidRule")
			}
		})
	}
}
