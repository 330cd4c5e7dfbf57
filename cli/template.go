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
	var text, lang string
	c := &cobra.Command{
		Use:   "render",
		Short: "Render a template text with sample values, checking it as the engine does when it is saved",
		Long: `render checks a template text as the engine does when a template is saved
(its braces, its placeholders) and renders it with sample values: the
Philippines, an SMS scene's 10-minute window, a rule that fired. An unknown
placeholder or an unbalanced brace is refused (exit 3), the error listing the
known placeholders. No database is needed.

--lang says which text it is, en (the template's content) or zh
(content_chinese); the sample values are the same in both.`,
		Example: `  yujing template render --text "{country_name}: SMS success {rate_pct} in {window}"
  yujing template render --lang zh --text "{country_name}：成功率 {rate_pct}，时段 {window}"`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			res := renderResult{Lang: strings.ToLower(strings.TrimSpace(lang)), Text: text, Placeholders: []string{}}
			switch res.Lang {
			case "en":
				res.Column = "content"
			case "zh":
				res.Column = "content_chinese"
			default:
				return usagef("--lang %q: want en or zh", lang)
			}
			if strings.TrimSpace(text) == "" {
				return usagef("--text: give the template's text")
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
		},
	}
	c.Flags().StringVar(&text, "text", "", "the template's text (required)")
	c.Flags().StringVar(&lang, "lang", "en", "the text's language: en (content) or zh (content_chinese)")
	_ = c.MarkFlagRequired("text")
	return c
}
