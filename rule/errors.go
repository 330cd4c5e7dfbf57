package rule

import (
	"errors"
	"fmt"
	"strings"

	"github.com/google/cel-go/cel"
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

func (e *ruleError) Error() string { return "rule " + e.no + ": " + e.err.Error() }

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
			if s := suggest(name, names); s != "" {
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

// suggest returns the name closest to typo, or "" if none is close.
func suggest(typo string, names []string) string {
	limit := 2
	if len([]rune(typo)) <= 3 {
		limit = 1
	}
	best, bestDist := "", limit+1
	for _, n := range names {
		if d := distance(typo, n); d < bestDist {
			best, bestDist = n, d
		}
	}
	return best
}

// distance is the Levenshtein distance between a and b, in runes.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
