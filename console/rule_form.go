package console

import (
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"github.com/yujing-go/yujing/store"
)

// ruleForm is the rule editor's form, as typed (kept when refused). Its
// field names are monitor_rule's columns, so that a refusal names its field.
type ruleForm struct {
	RuleNo, FunCode, FunDesc, Threshold string
	Pending, Resolve                    string // param1, param2
}

// readRuleForm reads the editor's fields from a query or a posted form.
func readRuleForm(v url.Values) ruleForm {
	return ruleForm{RuleNo: strings.TrimSpace(v.Get("rule_no")), FunCode: v.Get("fun_code"), FunDesc: strings.TrimSpace(v.Get("fun_desc")),
		Threshold: strings.TrimSpace(v.Get("threshold_val")), Pending: strings.TrimSpace(v.Get("param1")), Resolve: strings.TrimSpace(v.Get("param2"))}
}

// formOfRule fills the editor with a saved rule.
func formOfRule(r store.Rule) ruleForm {
	f := ruleForm{RuleNo: deref(r.RuleNo), FunCode: deref(r.FunCode), FunDesc: deref(r.FunDesc), Threshold: deref(r.ThresholdVal)}
	if r.Param1 != nil {
		f.Pending = strconv.Itoa(*r.Param1)
	}
	if r.Param2 != nil {
		f.Resolve = strconv.Itoa(*r.Param2)
	}
	return f
}

// apply writes the form's fields onto r (a saved rule, or a new one):
// what the form itself cannot read is refused here, in the store's terms;
// the rest is the configuration API's to check.
func (f ruleForm) apply(r store.Rule) (store.Rule, error) {
	r.FunCode, r.FunDesc, r.ThresholdVal = optional(f.FunCode), optional(f.FunDesc), optional(f.Threshold)
	var err error
	if r.Param1, err = optionalInt(f.Pending, "param1", "the pending windows"); err != nil {
		return r, err
	}
	if r.Param2, err = optionalInt(f.Resolve, "param2", "the resolve windows"); err != nil {
		return r, err
	}
	if f.RuleNo != "" {
		r.RuleNo = &f.RuleNo
	}
	return r, nil
}

// optional is nil for a blank field.
func optional(s string) *string {
	if strings.TrimSpace(s) == "" {
		return nil
	}
	return &s
}

// optionalInt reads a whole number field of monitor_rule (nil when blank).
func optionalInt(s, column, what string) (*int, error) {
	if s == "" {
		return nil, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return nil, &store.ValidationError{Table: "monitor_rule", Column: column, Reason: what + " must be a whole number, got " + strconv.Quote(s)}
	}
	return &n, nil
}

// fieldProblem is a refusal placed next to its field: the column, the
// API's words, and the position in the expression when it gives one.
type fieldProblem struct {
	Column    string
	Message   string
	Line, Col int // 0 when the refusal has no position
}

// positionRE finds the first "line:column: " of a CEL error.
var positionRE = regexp.MustCompile(`(?:^|[\s:])(\d+):(\d+): `)

// problemOf turns a refusal into a fieldProblem; nil for nil.
func problemOf(err error, ve *store.ValidationError) *fieldProblem {
	if err == nil {
		return nil
	}
	p := &fieldProblem{Message: err.Error()}
	if ve != nil {
		p.Column, p.Message = ve.Column, ve.Reason
	}
	if m := positionRE.FindStringSubmatch(p.Message); m != nil {
		p.Line, _ = strconv.Atoi(m[1])
		p.Col, _ = strconv.Atoi(m[2])
	}
	return p
}
