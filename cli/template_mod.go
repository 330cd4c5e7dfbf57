package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/yujing-go/yujing/ops"
)

// renderSaved is the --mod mode: a saved template in both languages
// through ops.Preview. The engine's objections to it are exit 3, after
// the report.
func renderSaved(cmd *cobra.Command, a *app, mod, kind string, values []string) error {
	k, err := ops.ParseKind(kind)
	if err != nil {
		return usagef("--kind %q: want alert, firing, repeat, resolved, nodata or escalated", kind)
	}
	vals := map[string]string{}
	for _, v := range values {
		name, val, ok := strings.Cut(v, "=")
		if name = strings.TrimSpace(name); !ok || name == "" {
			return usagef("--value %q: want NAME=VALUE, e.g. rate_pct=42.00%%", v)
		}
		vals[name] = val
	}
	e, db, err := a.engine(cmd.Context())
	if err != nil {
		return err
	}
	p, err := ops.New(e, db, ops.WithClock(a.now)).Preview(cmd.Context(), ops.PreviewRequest{ModNo: strings.TrimSpace(mod), Values: vals, Kind: k})
	if err != nil {
		return err
	}
	if a.isJSON() {
		err = a.writeJSON(p)
	} else {
		err = previewText(a.stdout, p)
	}
	if err != nil {
		return err
	}
	if len(p.Problems) > 0 {
		first := p.Problems[0]
		return &exitError{exitRefused, fmt.Errorf("template %s: %d problem(s), first %s: %s", p.ModNo, len(p.Problems), first.Column, first.Message)}
	}
	if p.Error != "" {
		return &exitError{exitRefused, fmt.Errorf("template %s does not render: %s", p.ModNo, p.Error)}
	}
	return nil
}

// previewText writes a preview for people: each language's title and
// text, then the placeholders, problems, lengths over limits and notes.
func previewText(w io.Writer, p *ops.Preview) error {
	fmt.Fprintf(w, "template %s, %s message, country %s, scene %d\n", p.ModNo, p.Kind, p.Country, p.InfoType)
	if p.Error != "" {
		fmt.Fprintf(w, "\ndoes not render: %s\n", p.Error)
	}
	for _, l := range p.Languages {
		fmt.Fprintf(w, "\n[%s] %s\n", l.Lang, l.Title)
		if l.Text == "" {
			l.Text = "(no text in this language: channels in it get the other language's)"
		}
		fmt.Fprintln(w, l.Text)
	}
	fmt.Fprintln(w)
	t := newTable(w, "PLACEHOLDER", "KNOWN", "COLUMNS", "VALUE")
	for _, u := range p.Placeholders {
		t.row("{"+u.Name+"}", yesNo(u.Known), strings.Join(u.Columns, ","), u.Doc)
	}
	if err := t.flush(); err != nil {
		return err
	}
	if len(p.Problems) > 0 {
		fmt.Fprintln(w)
		t = newTable(w, "PROBLEM IN", "KIND", "MESSAGE")
		for _, pr := range p.Problems {
			t.row(pr.Column, pr.Kind, pr.Message)
		}
		if err := t.flush(); err != nil {
			return err
		}
	}
	if len(p.OverLimit) > 0 {
		fmt.Fprintln(w)
		t = newTable(w, "OVER LIMIT", "CHANNEL TYPE", "PART", "BYTES", "LIMIT")
		for _, o := range p.OverLimit {
			t.row(o.Lang, o.ChannelType, o.Part, itoa(o.Bytes), itoa(o.Limit))
		}
		if err := t.flush(); err != nil {
			return err
		}
	}
	for _, n := range p.Notes {
		fmt.Fprintln(w, "note: "+n)
	}
	return nil
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}
