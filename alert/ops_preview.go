package alert

import (
	"maps"
	"time"

	"github.com/yujing-go/yujing/alert/template"
	"github.com/yujing-go/yujing/channel"
	"github.com/yujing-go/yujing/store"
)

// This file exposes, for the operator's toolkit (package ops), the code
// the engine renders messages and checks templates with.

// TemplateText is one text or title of a template, with its column.
type TemplateText struct {
	Column string // content, content_chinese, title, param6 (the Chinese title), resolved_content…
	Text   string // "" when the column is empty
}

// TemplateTexts returns the texts and titles of a template that hold
// placeholders, in the order the engine checks them: content,
// content_chinese, title, param6 (the Chinese title), then the resolved
// and no-data texts in each language.
func TemplateTexts(tpl store.Template) []TemplateText {
	return []TemplateText{{"content", str(tpl.Content)}, {"content_chinese", str(tpl.ContentChinese)},
		{"title", str(tpl.Title)}, {"param6", tpl.TitleChinese()},
		{"resolved_content", str(tpl.ResolvedContent)}, {"resolved_content_chinese", str(tpl.ResolvedContentChinese)},
		{"nodata_content", str(tpl.NoDataContent)}, {"nodata_content_chinese", str(tpl.NoDataContentChinese)}}
}

// TemplateProblem is a problem of one column of a template.
type TemplateProblem struct {
	Column string // the monitor_mod column: content, param6, param4…
	Err    error
}

// TemplateProblems returns every problem the engine's checks find in a
// template (Validation refuses a template for the first of them): per
// column, a text or title that does not parse (a stray brace) or names an
// unknown placeholder, a schedule, slot or repeat interval it cannot use,
// and {ack_link} in an engine without WithAckLinks.
func (e *Engine) TemplateProblems(tpl store.Template) []TemplateProblem {
	out := templateProblems(tpl)
	if p := e.ackLinkProblem(tpl); p != nil {
		out = append(out, *p)
	}
	return out
}

// UnknownPlaceholders returns the names among names (a template's
// placeholders) that the engine does not know, as template.Check judges
// them, in their order.
func UnknownPlaceholders(names []string) []string {
	var out []string
	for _, n := range names {
		if template.Check([]string{n}) != nil {
			out = append(out, n)
		}
	}
	return out
}

// PreviewAlert is an alert to render as the send stage renders the
// pending alert it would be (monitor_send_log): the template it names,
// the values stored with it, its kind.
type PreviewAlert struct {
	Template    store.Template    // saved or a draft; a draft without mod_no is named "draft"
	Kind        store.MessageKind // KindAlert, KindResolved, KindNoData, KindEscalated…
	Level       int               // the escalation level of a KindEscalated message
	InfoType    int
	Country     string
	CountryName string            // the name monitor_country_mod gives the country; "" is the code
	SlNo        string            // the alert's code, for {sl_no}
	Values      map[string]string // the values stored with the alert (template.Values of the Recorded phase)
	Link        string            // a report's file URL, for {link}; "" when it is no report's
}

// previewReport names the report of a preview's alert.
const previewReport = "preview"

// RenderPreview renders an alert with the send stage's composer, at now:
// titles with the kind's prefix ([Resolved], [No data]…), each language's
// text for the kind (the resolved or no-data text, a repeat's or an
// escalation's line), the values known only when sent (country, count,
// sent_at, link) as the engine fills them. A language the template has no
// text in is empty; a value the template names and the alert lacks is the
// error, as it would be the pending alert's.
func (e *Engine) RenderPreview(a PreviewAlert, now time.Time) (channel.Message, error) {
	tpl := a.Template
	modNo := str(tpl.ModNo)
	if modNo == "" {
		modNo = "draft"
		tpl.ModNo = &modNo
	}
	ix := &configIndex{templates: map[string]store.Template{modNo: tpl}, countryNames: map[string]string{}}
	if a.CountryName != "" {
		ix.countryNames[a.Country] = a.CountryName
	}
	vals := maps.Clone(a.Values)
	if vals == nil {
		vals = map[string]string{}
	}
	var reports map[string]*reportFile
	if a.Link != "" {
		vals[hiddenReport] = previewReport
		reports = map[string]*reportFile{previewReport: {url: a.Link}}
	}
	if a.Kind == store.KindResolved {
		vals[hiddenResolved] = "1"
	}
	content := store.EncodeValues(vals)
	l := store.SendLog{ModNo: &modNo, CountryNo: &a.Country, InfoType: &a.InfoType, Content: &content}
	if a.SlNo != "" {
		l.SlNo = &a.SlNo
	}
	l.SetKind(a.Kind)
	if a.Level > 0 {
		l.SetLevel(a.Level)
	}
	return e.send.composer.message(ix, &l, reports, now)
}

// SceneName names a scene by info type as messages do: the scene's name,
// or "info_type N" for a type the engine has no scene of.
func (e *Engine) SceneName(infoType int) string { return e.cat.sceneName(infoType) }

// TimeZone returns a country's time zone (WithTimeZones) and whether the
// engine has one; without one the engine works in UTC.
func (e *Engine) TimeZone(country string) (*time.Location, bool) {
	z, ok := e.cat.zones[country]
	if !ok {
		return time.UTC, false
	}
	return z, true
}
