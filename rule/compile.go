package rule

import (
	"strings"
	"unicode/utf8"

	"github.com/google/cel-go/cel"
	"github.com/google/cel-go/common/types"
)

// compiled is one version of a rule, ready to evaluate. A rule that does not
// compile is kept too, with err set, so that it is not compiled again.
type compiled struct {
	code, threshold string // the content this was compiled from
	err             error  // why the rule is invalid; the fields below are zero
	prg             cel.Program
	thr             threshold
	analysis
	tracked bool // whether the program tracks its cost at run time
}

// Validate compiles r.Code and parses r.Threshold, as evaluating would. Its
// errors name the rule, the field or the position in the expression, e.g.
// "rule R001: 1:6: undeclared reference to 'rat' (did you mean 'rate'?)",
// and match ErrInvalidRule. The outcome is cached as for an evaluation, so
// validating a rule before it is used costs its first evaluation nothing.
func (e *Evaluator) Validate(r Rule) error {
	return e.program(&r).err
}

// program returns the compiled r from the cache, compiling it on a miss or
// when its code or threshold changed.
func (e *Evaluator) program(r *Rule) *compiled {
	if c := e.cache.get(r.No, r.Code, r.Threshold); c != nil {
		return c
	}
	return e.cache.put(r.No, e.compile(*r))
}

// compile compiles r; the error, if any, is in the result.
func (e *Evaluator) compile(r Rule) *compiled {
	e.compilations.Add(1)
	c := &compiled{code: r.Code, threshold: r.Threshold}
	c.err = e.build(r, c)
	if c.err != nil {
		*c = compiled{code: r.Code, threshold: r.Threshold, err: invalidRule(r.No, c.err)}
	}
	return c
}

// build fills c from r, or returns why r is invalid.
func (e *Evaluator) build(r Rule, c *compiled) error {
	var errs []error
	if n := utf8.RuneCountInString(r.Code); n > MaxCodeLength {
		errs = append(errs, fieldErrorf(FieldCode, "%d characters, at most %d allowed", n, MaxCodeLength))
	} else if strings.TrimSpace(r.Code) == "" {
		errs = append(errs, fieldErrorf(FieldCode, "empty"))
	}
	if n := utf8.RuneCountInString(r.Threshold); n > MaxThresholdLength {
		errs = append(errs, fieldErrorf(FieldThreshold, "%d characters, at most %d allowed", n, MaxThresholdLength))
	}
	if len(errs) > 0 {
		return join(errs)
	}

	ast, iss := e.env.Compile(r.Code)
	if iss.Err() != nil {
		errs = append(errs, issuesError(iss, e.identifiers))
	} else if t := ast.OutputType(); t.Kind() != types.BoolKind && t.Kind() != types.DynKind {
		errs = append(errs, fieldErrorf(FieldCode, "result is %s, want bool", cel.FormatCELType(t)))
	}
	thr, err := parseThreshold(r.Threshold, e.env.CELTypeAdapter())
	if err != nil {
		errs = append(errs, fieldErrorf(FieldThreshold, "%w", err))
	}
	if len(errs) > 0 {
		return join(errs)
	}

	c.thr = thr
	c.analysis = analyze(ast.NativeRep(), e.declared)
	if c.uses&usesThreshold != 0 && thr.val == nil {
		return fieldErrorf(FieldThreshold, "empty, but fun_code uses threshold")
	}

	// A program whose worst case is within the limit needs no cost tracking,
	// which would make every evaluation several times slower.
	var opts []cel.ProgramOption
	if est, err := e.env.EstimateCost(ast, sizeEstimator{}); err != nil || est.Max > e.costLimit {
		opts = append(opts, cel.CostLimit(e.costLimit))
		c.tracked = true
	}
	c.prg, err = e.env.Program(ast, opts...)
	if err != nil {
		return fieldErrorf(FieldCode, "plan program: %w", err)
	}
	return nil
}
