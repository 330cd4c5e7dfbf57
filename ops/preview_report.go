package ops

import (
	"slices"
	"sort"
	"strings"

	"github.com/yujing-go/yujing/alert"
	"github.com/yujing-go/yujing/alert/template"
	"github.com/yujing-go/yujing/store"
)

// placeholderUses lists the placeholders of a template's texts and
// titles, by name, with their docs.
func placeholderUses(tpl store.Template) []PlaceholderUse {
	docs := alert.Placeholders()
	byName := map[string]*PlaceholderUse{}
	for _, t := range alert.TemplateTexts(tpl) {
		parsed, err := template.Parse(t.Text)
		if t.Text == "" || err != nil {
			continue
		}
		unknown := alert.UnknownPlaceholders(parsed.Names())
		for _, n := range parsed.Names() {
			u := byName[n]
			if u == nil {
				u = &PlaceholderUse{Name: n, Doc: docs[n], Known: !slices.Contains(unknown, n)}
				if u.Known && strings.HasPrefix(n, template.VarsPrefix) {
					u.Doc = template.VarsDoc
				}
				byName[n] = u
			}
			u.Columns = append(u.Columns, t.Column)
		}
	}
	out := make([]PlaceholderUse, 0, len(byName))
	for _, n := range sortedKeys(byName) {
		out = append(out, *byName[n])
	}
	return out
}

// columnProblems returns the engine's objections to a template, per
// column, with the unknown placeholders named.
func (k *Toolkit) columnProblems(tpl store.Template) []ColumnProblem {
	texts := map[string]string{}
	for _, t := range alert.TemplateTexts(tpl) {
		texts[t.Column] = t.Text
	}
	out := []ColumnProblem{}
	for _, p := range k.engine.TemplateProblems(tpl) {
		cp := ColumnProblem{Column: p.Column, Kind: "invalid", Unknown: []string{}, Message: p.Err.Error()}
		if src, ok := texts[p.Column]; ok {
			parsed, err := template.Parse(src)
			switch {
			case err != nil:
				cp.Kind = "syntax"
			case len(alert.UnknownPlaceholders(parsed.Names())) > 0:
				cp.Kind, cp.Unknown = "unknown_placeholder", alert.UnknownPlaceholders(parsed.Names())
			}
		}
		out = append(out, cp)
	}
	return out
}

func usesPlaceholder(tpl store.Template, name string) bool {
	for _, t := range alert.TemplateTexts(tpl) {
		if p, err := template.Parse(t.Text); err == nil && slices.Contains(p.Names(), name) {
			return true
		}
	}
	return false
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func str(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}
