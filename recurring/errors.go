package recurring

import "fmt"

// ParseError is the error of Parse: it names the spec, the part of it that
// is wrong and why.
type ParseError struct {
	// Spec is the spec as it was given to Parse.
	Spec string
	// Field says which part of the spec is wrong, such as "day",
	// "start time", "cron expression" or "duration"; empty when the spec
	// as a whole is at fault (an empty spec, a missing part).
	Field string
	// Part is the offending text of Spec (with any white space around '-'
	// and ',' taken out); empty when there is none to quote (a part that
	// is missing).
	Part string
	// Reason says what is wrong and, where it helps, what is wanted.
	Reason string
}

// Error returns `recurring: schedule "<spec>": <field> "<part>": <reason>`,
// leaving out the field and part when they are empty.
func (e *ParseError) Error() string {
	switch {
	case e.Field != "" && e.Part != "":
		return fmt.Sprintf("recurring: schedule %q: %s %q: %s", e.Spec, e.Field, e.Part, e.Reason)
	case e.Field != "":
		return fmt.Sprintf("recurring: schedule %q: %s: %s", e.Spec, e.Field, e.Reason)
	case e.Part != "":
		return fmt.Sprintf("recurring: schedule %q: %q: %s", e.Spec, e.Part, e.Reason)
	}
	return fmt.Sprintf("recurring: schedule %q: %s", e.Spec, e.Reason)
}
