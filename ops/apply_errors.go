package ops

import (
	"errors"
	"fmt"
	"strings"

	"github.com/yujing-go/yujing/store"
)

// ApplyError is every problem found in a configuration file before
// anything was written. Each problem wraps a *store.ValidationError, so
// errors.As finds one (the command line's exit status 3).
type ApplyError struct {
	Problems []*Problem
}

// Error lists the problems, separated by "; ".
func (e *ApplyError) Error() string {
	msgs := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		msgs[i] = p.Error()
	}
	return fmt.Sprintf("ops: apply: %d problem(s), nothing written: %s", len(e.Problems), strings.Join(msgs, "; "))
}

// Unwrap returns the problems.
func (e *ApplyError) Unwrap() []error {
	out := make([]error, len(e.Problems))
	for i, p := range e.Problems {
		out[i] = p
	}
	return out
}

// Problem is one problem of a file: where (file, line, section, code) and
// what. Its text never holds a channel detail's value.
type Problem struct {
	File    string
	Line    int    // 0 when unknown
	Section string // rules, templates, …; "" for the file as a whole
	Code    string // the row's code, when it has one
	Err     error  // a *store.ValidationError
}

// Error says where and what: "yujing.yaml:12: routings RT-PH: …".
func (p *Problem) Error() string {
	var b strings.Builder
	b.WriteString(p.File)
	if p.Line > 0 {
		fmt.Fprintf(&b, ":%d", p.Line)
	}
	b.WriteString(": ")
	if p.Section != "" {
		b.WriteString(p.Section)
		if p.Code != "" {
			b.WriteString(" " + p.Code)
		}
		b.WriteString(": ")
	}
	if ve, ok := p.Err.(*store.ValidationError); ok && ve.Table == "file" {
		b.WriteString(ve.Reason)
	} else {
		b.WriteString(p.Err.Error())
	}
	return b.String()
}

// Unwrap returns the cause.
func (p *Problem) Unwrap() error { return p.Err }

// problem is a problem of entry i of section.
func (f *ApplyFile) problem(section string, i int, code, table, column, reason string) *Problem {
	return f.wrap(section, i, code, &store.ValidationError{Table: table, Column: column, Reason: reason})
}

// wrap makes err (a *store.ValidationError, or wrapped in one) a problem of
// entry i of section.
func (f *ApplyFile) wrap(section string, i int, code string, err error) *Problem {
	if _, ok := errors.AsType[*store.ValidationError](err); !ok {
		err = &store.ValidationError{Table: section, Column: "-", Reason: err.Error(), Err: err}
	}
	line := 0
	if ls := f.lines[section]; i >= 0 && i < len(ls) {
		line = ls[i]
	}
	return &Problem{File: f.Name, Line: line, Section: section, Code: code, Err: err}
}

// fileError is a problem of the file as a whole.
func fileError(name, msg string) error {
	return &ApplyError{Problems: []*Problem{{File: name, Err: &store.ValidationError{Table: "file", Column: "yaml", Reason: msg}}}}
}

// joinProblems returns an *ApplyError of the problems, or nil.
func joinProblems(ps []*Problem) error {
	if len(ps) == 0 {
		return nil
	}
	return &ApplyError{Problems: ps}
}
