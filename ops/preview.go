package ops

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/yujing-go/yujing/alert"
	"github.com/yujing-go/yujing/alert/template"
	"github.com/yujing-go/yujing/channel"
	"github.com/yujing-go/yujing/store"
)

// PreviewRequest says what Preview renders: a saved template (ModNo) or a
// draft, with given values over the sample's.
type PreviewRequest struct {
	// ModNo names a saved template (monitor_mod.mod_no), enabled or not.
	ModNo string
	// Draft is a template not saved; used when ModNo is empty.
	Draft *store.Template
	// Values are placeholder values by name ("rate_pct", "vars.provider"),
	// over the sample's (template.SampleData: PH, an SMS window…), whose
	// scene name, time zone and country name are the engine's and the
	// configuration's, as a real alert's would be. "country", "info_type",
	// "sl_no" and "link" set the alert's own; "count", "sent_at" and
	// "ack_link" are the engine's when it sends, and are not taken.
	Values map[string]string
	// Kind is the message to render: store.KindAlert (the default),
	// KindResolved, KindNoData, KindEscalated (level 1), KindRepeat…
	Kind store.MessageKind
}

// Preview is a template rendered as the engine would send it, in both
// languages, with what is wrong with it.
type Preview struct {
	ModNo    string `json:"mod_no"` // "draft" for a draft without one
	Kind     string `json:"kind"`
	Country  string `json:"country"`
	InfoType int    `json:"info_type"`
	// Languages are the English then the Chinese message; a language the
	// template has no text in has an empty Text.
	Languages []Rendered `json:"languages"`
	// Error is why the message does not render (a value the template
	// names is missing, a text does not parse), "" when it does.
	Error string `json:"error"`
	// Placeholders are the placeholders the texts and titles use, by name.
	Placeholders []PlaceholderUse `json:"placeholders"`
	// Problems are the engine's objections, per column (a save would be
	// refused for the first).
	Problems []ColumnProblem `json:"problems"`
	// OverLimit lists the lengths over a channel type's limit: the
	// sender would truncate the message.
	OverLimit []OverLimit `json:"over_limit"`
	// Notes say what the preview assumed (no time zone, ignored values).
	Notes []string `json:"notes"`
}

// Rendered is a message in one language.
type Rendered struct {
	Lang  string `json:"lang"` // en or zh
	Title string `json:"title"`
	Text  string `json:"text"`
}

// PlaceholderUse is a placeholder a template uses.
type PlaceholderUse struct {
	Name    string   `json:"name"`
	Doc     string   `json:"doc"`     // what it holds; "" for an unknown one
	Known   bool     `json:"known"`   // false: the engine refuses it
	Columns []string `json:"columns"` // the columns that use it
}

// ColumnProblem is what the engine's checks say of one column of a
// template.
type ColumnProblem struct {
	Column string `json:"column"`
	// Kind is "syntax" (a stray brace, a bad name), "unknown_placeholder"
	// or "invalid" (a schedule, slot or repeat interval; {ack_link}
	// without ack links).
	Kind    string   `json:"kind"`
	Unknown []string `json:"unknown"` // the unknown placeholders, for unknown_placeholder
	Message string   `json:"message"`
}

// OverLimit is a rendered length over a channel type's limit.
type OverLimit struct {
	Lang        string `json:"lang"`
	ChannelType string `json:"channel_type"` // wecom, dingtalk…
	// Part is what is measured: "text" or "markdown" (title and text as
	// a text or Markdown message), "body" (title and text against the
	// request body's limit), "title".
	Part  string `json:"part"`
	Bytes int    `json:"bytes"`
	Limit int    `json:"limit"`
}

// Preview renders a template in both languages through the engine's own
// composer (titles, kind prefixes, the resolved and no-data texts), with
// the given values over the sample's, and reports the placeholders it
// uses, the engine's objections per column and the lengths over each
// channel type's limit. A template whose text does not render is no
// error: Preview.Error says why. A ModNo that does not exist wraps
// store.ErrNotFound.
func (k *Toolkit) Preview(ctx context.Context, req PreviewRequest) (*Preview, error) {
	tpl, err := k.previewTemplate(ctx, req)
	if err != nil {
		return nil, err
	}
	view, err := k.engine.View(ctx)
	if err != nil {
		return nil, fmt.Errorf("ops: preview: %w", err)
	}
	a, notes := k.previewAlert(tpl, req, view)
	p := &Preview{ModNo: str(tpl.ModNo), Kind: req.Kind.String(), Country: a.Country, InfoType: a.InfoType,
		Languages: []Rendered{}, Placeholders: placeholderUses(tpl), Problems: k.columnProblems(tpl),
		OverLimit: []OverLimit{}, Notes: notes}
	if p.ModNo == "" {
		p.ModNo = "draft"
	}
	m, err := k.engine.RenderPreview(a, k.now())
	if err != nil {
		p.Error = err.Error()
		return p, nil
	}
	for _, l := range []struct {
		lang string
		c    channel.Content
	}{{"en", m.English}, {"zh", m.Chinese}} {
		p.Languages = append(p.Languages, Rendered{Lang: l.lang, Title: l.c.Title, Text: l.c.Text})
		p.OverLimit = append(p.OverLimit, overLimits(l.lang, l.c)...)
	}
	if m.English.IsZero() && m.Chinese.IsZero() {
		p.Notes = append(p.Notes, "the template has no text for a "+p.Kind+" message in either language: the engine sends none")
	}
	return p, nil
}

// previewTemplate reads the saved template, or takes the draft.
func (k *Toolkit) previewTemplate(ctx context.Context, req PreviewRequest) (store.Template, error) {
	if req.ModNo == "" {
		if req.Draft == nil {
			return store.Template{}, &store.ValidationError{Table: "monitor_mod", Column: "mod_no", Reason: "preview: give a template's mod_no or a draft"}
		}
		return *req.Draft, nil
	}
	tpl, err := k.db.UncheckedConfig().GetTemplate(ctx, req.ModNo)
	if err != nil {
		return store.Template{}, fmt.Errorf("ops: preview: template %s: %w", req.ModNo, err)
	}
	return tpl, nil
}

// previewAlert builds the alert to render from the sample, the engine's
// scene name, time zone and country name, and the given values.
func (k *Toolkit) previewAlert(tpl store.Template, req PreviewRequest, view *alert.ConfigView) (alert.PreviewAlert, []string) {
	notes := []string{}
	d := template.SampleData()
	if tpl.InfoType != nil {
		d.InfoType = *tpl.InfoType
	}
	if c := strings.TrimSpace(req.Values["country"]); c != "" {
		d.Country = c
	}
	d.CountryName = view.CountryName(d.Country)
	if n, err := strconv.Atoi(strings.TrimSpace(req.Values["info_type"])); err == nil {
		d.InfoType = n
	}
	d.Scene = k.engine.SceneName(d.InfoType)
	zone, ok := k.engine.TimeZone(d.Country)
	if !ok {
		notes = append(notes, "country "+d.Country+" has no time zone in this engine (alert.WithTimeZones): times are in UTC")
	}
	d.Location = zone
	a := alert.PreviewAlert{Template: tpl, Kind: req.Kind, InfoType: d.InfoType, Country: d.Country, SlNo: d.SlNo}
	switch req.Kind {
	case store.KindResolved, store.KindRecovered:
		d.State = "resolved"
	case store.KindNoData:
		d.State = "nodata"
	case store.KindEscalated:
		d.EscalationLevel, a.Level = 1, 1
	}
	vals := template.Values(template.Recorded, d)
	if usesPlaceholder(tpl, "link") {
		a.Link = d.Link
	}
	for _, name := range sortedKeys(req.Values) {
		v := req.Values[name]
		switch name {
		case "country", "info_type":
		case "sl_no":
			a.SlNo = v
		case "link":
			a.Link = v
		case "count", "sent_at", "ack_link":
			notes = append(notes, "{"+name+"} is the engine's when it sends: the given value is not taken")
		default:
			vals[name] = v
		}
	}
	a.Values, a.CountryName = vals, vals["country_name"]
	return a, notes
}
