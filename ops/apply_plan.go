package ops

// Action is what an apply does to one row.
type Action string

// The actions of a plan.
const (
	ActionCreate    Action = "create"    // the file names a code the database does not have
	ActionUpdate    Action = "update"    // fields (or the status) differ
	ActionDisable   Action = "disable"   // --prune: the owner's row is no longer in the file
	ActionUnchanged Action = "unchanged" // the row is as the file says
	ActionKept      Action = "kept"      // the owner's row is no longer in the file; without --prune it stays
)

// Plan is what an apply does (or, for a dry run, would do), row by row, in
// the order it is done.
type Plan struct {
	File    string   `json:"file"`
	Owner   string   `json:"owner"`
	By      string   `json:"by"`
	DryRun  bool     `json:"dry_run"`
	Prune   bool     `json:"prune"`
	Applied bool     `json:"applied"` // the changes were written
	Changes []Change `json:"changes"`
}

// Change is one row of a plan.
type Change struct {
	Section string        `json:"section"` // rules, templates, country_templates, channels, rule_routes, routings, silences
	Table   string        `json:"table"`
	Code    string        `json:"code"`
	Action  Action        `json:"action"`
	Fields  []FieldChange `json:"fields"`
	Note    string        `json:"note"`
}

// FieldChange is one field of a created or updated row: its old value
// ("" for a create) and its new one, as text. A secret (a channel detail
// from the environment, or one SecretDetail says is secret) never shows
// its value: "(secret)", "(secret, changed)".
type FieldChange struct {
	Field  string `json:"field"`
	Old    string `json:"old"`
	New    string `json:"new"`
	Secret bool   `json:"secret"`
}

// Secret masks.
const (
	maskSecret  = "(secret)"
	maskChanged = "(secret, changed)"
	maskNone    = "(none)"
)

// Count returns how many rows of the plan have the action.
func (p *Plan) Count(a Action) int {
	n := 0
	for _, c := range p.Changes {
		if c.Action == a {
			n++
		}
	}
	return n
}

// HasChanges reports whether applying the plan writes anything.
func (p *Plan) HasChanges() bool {
	return p.Count(ActionCreate)+p.Count(ActionUpdate)+p.Count(ActionDisable) > 0
}

// field is one managed field of a row, as the plan shows it.
type field struct {
	name   string
	value  string
	secret bool
}

// diff compares the fields of a stored row with the file's.
func diff(old, want []field) []FieldChange {
	have := map[string]field{}
	for _, f := range old {
		have[f.name] = f
	}
	var out []FieldChange
	seen := map[string]bool{}
	for _, f := range want {
		seen[f.name] = true
		o, ok := have[f.name]
		if ok && o.value == f.value {
			continue
		}
		if !ok {
			o.value = maskNone
		}
		out = append(out, fieldChange(f.name, o.value, f.value, f.secret || o.secret, ok))
	}
	for _, o := range old {
		if !seen[o.name] {
			out = append(out, fieldChange(o.name, o.value, maskNone, o.secret, true))
		}
	}
	return out
}

func fieldChange(name, old, new string, secret, had bool) FieldChange {
	if !secret {
		return FieldChange{Field: name, Old: old, New: new}
	}
	fc := FieldChange{Field: name, Old: maskSecret, New: maskChanged, Secret: true}
	switch {
	case !had:
		fc.Old = maskNone
	case new == maskNone:
		fc.New = maskNone
	}
	return fc
}

// created lists the fields of a new row.
func created(want []field) []FieldChange {
	out := make([]FieldChange, 0, len(want))
	for _, f := range want {
		if f.value == maskNone {
			continue
		}
		if f.secret {
			out = append(out, FieldChange{Field: f.name, New: maskSecret, Secret: true})
			continue
		}
		out = append(out, FieldChange{Field: f.name, New: f.value})
	}
	return out
}
