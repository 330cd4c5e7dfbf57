package rule

import (
	"slices"

	celast "github.com/google/cel-go/common/ast"
)

// uses records which bound variables an expression needs.
type uses uint8

const (
	usesThreshold uses = 1 << iota
	usesPrev
	usesBaseline
	usesHistory
)

// prev reports whether the previous window must be fetched.
func (u uses) prev() bool { return u&usesPrev != 0 }

// days reports whether the same window on earlier days must be fetched.
func (u uses) days() bool { return u&(usesBaseline|usesHistory) != 0 }

// history reports whether any past window must be fetched.
func (u uses) history() bool { return u.prev() || u.days() }

// path is a variable an expression refers to, optionally with the field
// selected from it (prev.rate, vars.channel).
type path struct {
	name, field string
}

func (p path) String() string {
	if p.field == "" {
		return p.name
	}
	return p.name + "." + p.field
}

// analysis is what the checked AST tells about the variables used.
type analysis struct {
	uses  uses
	paths []path   // in order of first appearance
	keys  []string // paths[i].String()
}

// analyze walks a checked AST and collects the global variables it refers
// to (as resolved in the reference map, ignoring comprehension variables
// that shadow them) and the fields selected from them.
func analyze(a *celast.AST, declared map[string]bool) analysis {
	w := walker{refs: a.ReferenceMap(), declared: declared}
	w.expr(a.Expr())
	keys := make([]string, len(w.res.paths))
	for i, p := range w.res.paths {
		keys[i] = p.String()
	}
	w.res.keys = keys
	return w.res
}

type walker struct {
	refs     map[int64]*celast.ReferenceInfo
	declared map[string]bool
	locals   []string
	res      analysis
}

// global returns the variable name e refers to, if e is a reference to a
// declared variable rather than to a comprehension variable or a constant.
func (w *walker) global(e celast.Expr) (string, bool) {
	if e.Kind() != celast.IdentKind {
		return "", false
	}
	r, ok := w.refs[e.ID()]
	if !ok || r.Value != nil || !w.declared[r.Name] || slices.Contains(w.locals, r.Name) {
		return "", false
	}
	return r.Name, true
}

func (w *walker) add(p path) {
	switch p.name {
	case varThreshold:
		w.res.uses |= usesThreshold
	case varPrev:
		w.res.uses |= usesPrev
	case varBaseline:
		w.res.uses |= usesBaseline
	case varHistory:
		w.res.uses |= usesHistory
	}
	if !slices.Contains(w.res.paths, p) {
		w.res.paths = append(w.res.paths, p)
	}
}

func (w *walker) expr(e celast.Expr) {
	switch e.Kind() {
	case celast.IdentKind:
		if name, ok := w.global(e); ok {
			w.add(path{name: name})
		}
	case celast.SelectKind:
		sel := e.AsSelect()
		if name, ok := w.global(sel.Operand()); ok {
			w.add(path{name: name, field: sel.FieldName()})
			return
		}
		w.expr(sel.Operand())
	case celast.CallKind:
		call := e.AsCall()
		if call.IsMemberFunction() {
			w.expr(call.Target())
		}
		for _, arg := range call.Args() {
			w.expr(arg)
		}
	case celast.ListKind:
		for _, el := range e.AsList().Elements() {
			w.expr(el)
		}
	case celast.MapKind:
		for _, en := range e.AsMap().Entries() {
			w.expr(en.AsMapEntry().Key())
			w.expr(en.AsMapEntry().Value())
		}
	case celast.StructKind:
		for _, f := range e.AsStruct().Fields() {
			w.expr(f.AsStructField().Value())
		}
	case celast.ComprehensionKind:
		c := e.AsComprehension()
		w.expr(c.IterRange())
		w.expr(c.AccuInit())
		n := len(w.locals)
		w.locals = append(w.locals, c.AccuVar(), c.IterVar())
		if c.HasIterVar2() {
			w.locals = append(w.locals, c.IterVar2())
		}
		w.expr(c.LoopCondition())
		w.expr(c.LoopStep())
		w.locals = w.locals[:n+1] // only the accumulator is visible in the result
		w.expr(c.Result())
		w.locals = w.locals[:n]
	}
}
