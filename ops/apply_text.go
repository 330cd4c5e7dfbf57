package ops

import (
	"fmt"
	"io"
	"strings"
)

// symbols mark each action in a plan's text, as terraform plan does.
var symbols = map[Action]string{ActionCreate: "+", ActionUpdate: "~", ActionDisable: "-", ActionUnchanged: "=", ActionKept: "!"}

// WriteText writes the plan for a person: one line per row ("+ rules
// R-SMS-LOW", "~ templates MD-SMS"), the fields of a create or an update
// under it ("    en.content: "old" → "new""), and a summary. Secrets show
// as "(secret)" or "(secret, changed)".
func (p *Plan) WriteText(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%s (owner %s, by %s)\n", p.File, p.Owner, p.By)
	for _, c := range p.Changes {
		fmt.Fprintf(&b, "  %s %s %s", symbols[c.Action], c.Section, c.Code)
		if c.Action == ActionUnchanged || c.Action == ActionDisable || c.Action == ActionKept {
			fmt.Fprintf(&b, " (%s)", c.Action)
		}
		if c.Note != "" {
			fmt.Fprintf(&b, ": %s", c.Note)
		}
		b.WriteByte('\n')
		for _, f := range c.Fields {
			if c.Action == ActionCreate {
				fmt.Fprintf(&b, "      %s: %s\n", f.Field, f.New)
				continue
			}
			fmt.Fprintf(&b, "      %s: %s → %s\n", f.Field, f.Old, f.New)
		}
	}
	b.WriteString(p.Summary() + "\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// Summary says in one line what the plan does: "No changes: 12 rows as
// the file says." or "3 to create, 1 to update, 0 to disable, 8
// unchanged (dry run: nothing written)."
func (p *Plan) Summary() string {
	kept := ""
	if n := p.Count(ActionKept); n > 0 {
		kept = fmt.Sprintf("; %d no longer in the file, kept (--prune disables them)", n)
	}
	if !p.HasChanges() {
		return fmt.Sprintf("No changes: %d rows as the file says%s.", p.Count(ActionUnchanged), kept)
	}
	verb := "applied"
	switch {
	case p.DryRun:
		verb = "dry run: nothing written"
	case !p.Applied:
		verb = "not applied"
	}
	return fmt.Sprintf("%d to create, %d to update, %d to disable, %d unchanged%s (%s).",
		p.Count(ActionCreate), p.Count(ActionUpdate), p.Count(ActionDisable), p.Count(ActionUnchanged), kept, verb)
}
