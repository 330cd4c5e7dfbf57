package rule

import (
	"errors"
	"fmt"
	"strings"

	"github.com/google/cel-go/cel"

	"github.com/yujing-go/yujing/internal/suggest"
)

var (
	// ErrNoRules is wrapped by Result.Err when no rule applies to an input.
	ErrNoRules = errors.New("no rule applies")
	// ErrInvalidRule matches (with errors.Is) the errors of rules that do not
	// compile or whose threshold does not parse, as opposed to errors that
	// happen while evaluating a valid rule.
	ErrInvalidRule = errors.New("invalid rule")

	// errNoHistory is the error of rules that use history when the caller
	// passed no History.
	errNoHistory = errors.New("the expression uses history, but no History was given")
)

// ruleError is an error of one rule; its text starts with "rule <no>: ".
type ruleError struct {
	no      string
	err     error
	invalid bool
}

// Error returns "rule <no>: <cause>", or the cause alone for a rule without
// a number yet (one being validated before it is stored).
func (e *ruleError) Error() string {
	if e.no == "" {
		return e.err.Error()
	}
	return "rule " + e.no + ": " + e.err.Error()
}

func (e *ruleError) Unwrap() error { return e.err }

func (e *ruleError) Is(target error) bool { return e.invalid && target == ErrInvalidRule }

// invalidRule reports that rule no does not compile or parse.
func invalidRule(no string, err error) error {
	return &ruleError{no: no, err: err, invalid: true}
}

// failedRule reports that rule no failed while being evaluated.
func failedRule(no string, err error) error {
	return &ruleError{no: no, err: err}
}

// cause is err without the "rule <no>: " prefix.
func cause(err error) error {
	if re, ok := errors.AsType[*ruleError](err); ok {
		return re.err
	}
	return err
}

// The fields of a rule that Field names.
const (
	FieldCode      = "fun_code"
	FieldThreshold = "threshold_val"
)

// fieldError is a problem with one field of a rule; its text starts with the
// field's name.
type fieldError struct {
	field string
	err   error
}

func (e *fieldError) Error() string { return e.field + ": " + e.err.Error() }

func (e *fieldError) Unwrap() error { return e.err }

func fieldErrorf(field, format string, args ...any) error {
	return &fieldError{field: field, err: fmt.Errorf(format, args...)}
}

// Field names the field of the rule that an error of Validate is about,
// FieldCode or FieldThreshold: the field of its first problem, FieldCode
// when the error does not say (a CEL compile error is about the code).
func Field(err error) string {
	for err != nil {
		switch e := err.(type) {
		case *fieldError:
			return e.field
		case errorList:
			err = e[0]
		case interface{ Unwrap() error }:
			err = e.Unwrap()
		default:
			return FieldCode
		}
	}
	return FieldCode
}

// errorList joins errors with "; " so that the text stays on one line.
type errorList []error

func (l errorList) Error() string {
	msgs := make([]string, len(l))
	for i, err := range l {
		msgs[i] = err.Error()
	}
	return strings.Join(msgs, "; ")
}

func (l errorList) Unwrap() []error { return l }

// join returns nil, the only error, or an errorList.
func join(errs []error) error {
	switch len(errs) {
	case 0:
		return nil
	case 1:
		return errs[0]
	}
	return errorList(errs)
}

// issuesError turns cel-go's issues into one line per issue of the form
// "1:6: undeclared reference to 'rat' (did you mean 'rate'?)", without the
// source snippet cel-go draws under each issue.
func issuesError(iss *cel.Issues, names []string) error {
	var errs []error
	for _, e := range iss.Errors() {
		msg := strings.TrimSuffix(e.Message, " (in container '')")
		if name, ok := undeclared(msg); ok {
			if s := suggest.Closest(name, names); s != "" {
				msg += fmt.Sprintf(" (did you mean '%s'?)", s)
			}
		}
		if line := e.Location.Line(); line > 0 {
			msg = fmt.Sprintf("%d:%d: %s", line, e.Location.Column()+1, msg)
		}
		errs = append(errs, errors.New(msg))
	}
	if len(errs) == 0 {
		return iss.Err()
	}
	return join(errs)
}

// undeclared extracts the name from cel-go's "undeclared reference to 'x'".
func undeclared(msg string) (string, bool) {
	rest, ok := strings.CutPrefix(msg, "undeclared reference to '")
	if !ok {
		return "", false
	}
	name, _, ok := strings.Cut(rest, "'")
	return name, ok
}
