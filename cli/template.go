package cli

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/yujing-go/yujing/alert/template"
)

func newTemplateCmd(a *app) *cobra.Command {
	return group("template", "Work with message templates", newTemplateRenderCmd(a))
}

// renderResult is the JSON of yujing template render.
type renderResult struct {
	Lang         string   `json:"lang"`         // en or zh
	Column       string   `json:"column"`       // the template column such a text goes in: content or content_chinese
	Text         string   `json:"text"`         // the template as given
	Placeholders []string `json:"placeholders"` // the placeholders it names, in order
	Rendered     string   `json:"rendered"`     // the text with the sample values
}

func newTemplateRenderCmd(a *app) *cobra.Command {
	var (
		text, lang, mod, kind string
		values                []string
	)
	c := &cobra.Command{
		Use:   "render",
		Short: "Render a template text with sample values, or a saved template in both languages as the engine sends it",
		Long: `render has two modes.

--text checks a template text as the engine does when a template is saved
(its braces, its placeholders) and renders it with sample values: the
Philippines, an SMS scene's 10-minute window, a rule that fired. An unknown
placeholder or an unbalanced brace is refused (exit 3), the error listing the
known placeholders. No database is needed. --lang says which text it is, en
(the template's content) or zh (content_chinese); the sample values are the
same in both.

--mod CODE renders the saved template (monitor_mod.mod_no) in English and
Chinese through the engine's own composer: titles, the kind's prefix
([Resolved], [No data]…), the resolved and no-data texts, with the sample
values in the engine's time zone for the country, and --value NAME=VALUE
(repeat it) over them (--value country=ID renders for Indonesia). It lists
the placeholders the template uses, the engine's objections per column
(unknown placeholders, stray braces: exit 3) and the lengths over a channel
type's limit (the sender would truncate: a warning). --kind chooses the
message: alert (default), firing, repeat, resolved, nodata, escalated.`,
		Example: `  yujing template render --text "{country_name}: SMS success {rate_pct} in {window}"
  yujing template render --lang zh --text "{country_name}：成功率 {rate_pct}，时段 {window}"
  yujing template render --sqlite alerts.db --mod MD01KAXW3N6Q8Z2T5R7V9B1C4D --value rate_pct=42.00% --kind resolved`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			switch {
			case mod != "" && cmd.Flags().Changed("text"):
				return usagef("give --text or --mod, not both")
			case mod != "" && cmd.Flags().Changed("lang"):
				return usagef("--lang goes with --text (--mod renders both languages)")
			case mod != "":
				return renderSaved(cmd, a, mod, kind, values)
			case strings.TrimSpace(text) == "":
				return usagef("give --text (a template text, no database) or --mod CODE (a saved template)")
			case len(values) > 0 || cmd.Flags().Changed("kind"):
				return usagef("--value and --kind go with --mod (--text renders with the sample values)")
			}
			return renderText(a, text, lang)
		},
	}
	c.Flags().StringVar(&text, "text", "", "a template's text, rendered with sample values without a database")
	c.Flags().StringVar(&lang, "lang", "en", "with --text, the text's language: en (content) or zh (content_chinese)")
	c.Flags().StringVar(&mod, "mod", "", "a saved template's code (monitor_mod.mod_no), rendered in both languages")
	c.Flags().StringArrayVar(&values, "value", nil, "with --mod, a placeholder's value NAME=VALUE over the sample's (repeat)")
	c.Flags().StringVar(&kind, "kind", "alert", "with --mod, the message: alert, firing, repeat, resolved, nodata or escalated")
	return c
}

// renderText is the --text mode: the text with the sample values.
func renderText(a *app, text, lang string) error {
	res := renderResult{Lang: strings.ToLower(strings.TrimSpace(lang)), Text: text, Placeholders: []string{}}
	switch res.Lang {
	case "en":
		res.Column = "content"
	case "zh":
		res.Column = "content_chinese"
	default:
		return usagef("--lang %q: want en or zh", lang)
	}
	out, err := template.Preview(text, template.SampleData())
	if err != nil {
		return &exitError{exitRefused, fmt.Errorf("%s: %w", res.Column, err)}
	}
	res.Rendered = out
	if t, err := template.Parse(text); err == nil {
		res.Placeholders = append(res.Placeholders, t.Names()...)
	}
	if a.isJSON() {
		return a.writeJSON(res)
	}
	_, err = fmt.Fprintln(a.stdout, res.Rendered)
	return err
}
