package template

import (
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Phase says when a placeholder's value is known.
type Phase int

const (
	// Recorded values are known when the alert is recorded; those a
	// template uses are stored with it (monitor_send_log.content, 255
	// characters), so a message says what the sample said.
	Recorded Phase = iota + 1
	// Sent values are known only when the message is sent, and are never
	// stored.
	Sent
)

// String returns "recorded" or "sent".
func (p Phase) String() string {
	switch p {
	case Recorded:
		return "recorded"
	case Sent:
		return "sent"
	}
	return "Phase(" + strconv.Itoa(int(p)) + ")"
}

// VarsPrefix starts the names of the vars family: {vars.NAME} is the
// sample's extra value NAME (Data.Vars). It is Recorded.
const VarsPrefix = "vars."

// VarsDoc documents the vars family, as Placeholder.Doc does the others.
const VarsDoc = "the sample's extra value NAME (a scene's Sample.Vars, or the Values of an alert raised with Fire); a string as it is, anything else as JSON"

// Data holds everything a placeholder's value is made of. The engine fills
// what it knows: at record time the Recorded fields, at send time the Sent
// ones (and country code, names, info type and zone, which it knows both
// times).
type Data struct {
	Country     string         // country code (country_no), e.g. PH
	CountryName string         // the country's name; the engine falls back to the code
	Scene       string         // the scene's name
	InfoType    int            // the scene's code (info_type)
	Location    *time.Location // the country's time zone; nil is UTC

	Begin, End time.Time // the sample's window; both zero (or either) when there is none

	Rate        float64 // numerator/denominator as the scene reported it
	Numerator   int64
	Denominator int64
	Rule        string         // the rule that fired (rule_no), or FIRE
	Threshold   string         // the rule's threshold_val, "" when the rule is unknown
	RuleDesc    string         // the rule's fun_desc, "" when the rule is unknown
	Vars        map[string]any // the sample's extra values, for {vars.NAME}

	// The lifecycle of the scene × country (zero for an alert raised
	// with Fire, whose state is "firing").
	State           string    // ok, pending, firing, resolved, nodata
	FiringSince     time.Time // the end of the window that made it fire
	Duration        time.Duration
	EscalationLevel int

	AckLink string    // the signed link that acknowledges the alert, "" when there is none
	Link    string    // the report's file URL, "" when there is none
	Count   int       // how many alerts the message holds
	SlNo    string    // the alert's code (monitor_send_log.sl_no)
	SentAt  time.Time // when the message is sent
}

// Placeholder is one row of the placeholder table.
type Placeholder struct {
	Name  string
	Doc   string // what it holds, for operators (Docs, MarkdownTable)
	Phase Phase
	Value func(*Data) string

	// Has reports whether d has a value for it at all; nil means always.
	// A template naming a placeholder without a value fails to render
	// (the alert fails, saying so) instead of showing a blank.
	Has func(*Data) bool
	// SentDefault, on a Recorded placeholder, makes AddSent fill it in
	// when an alert was stored without it (stored before its template
	// named it): the value is known again when sent.
	SentDefault bool
}

// Time layouts of the window and sent_at placeholders.
const (
	minuteLayout = "2006-01-02 15:04"
	secondLayout = "2006-01-02 15:04:05" // for a window with a bound not on a minute
)

// placeholders is the table: adding a placeholder is adding a row (and
// running go test ./alert/template -update-readme for the README's table).
// The order is the documented one.
var placeholders = []Placeholder{
	{Name: "country", Doc: "country code (country_no), e.g. PH", Phase: Sent,
		Value: func(d *Data) string { return d.Country }},
	{Name: "country_name", Doc: "country name from monitor_country_mod (or monitor_routing), else the code", Phase: Recorded, SentDefault: true,
		Value: func(d *Data) string { return d.CountryName }},
	{Name: "scene", Doc: "the scene's name", Phase: Recorded, SentDefault: true,
		Value: func(d *Data) string { return d.Scene }},
	{Name: "info_type", Doc: "the scene's code", Phase: Sent,
		Value: func(d *Data) string { return strconv.Itoa(d.InfoType) }},
	{Name: "begin", Doc: "window start in the country's time zone, 2006-01-02 15:04", Phase: Recorded, Has: hasWindow,
		Value: func(d *Data) string { b, _, layout := window(d); return b.Format(layout) }},
	{Name: "end", Doc: "window end in the country's time zone, 2006-01-02 15:04", Phase: Recorded, Has: hasWindow,
		Value: func(d *Data) string { _, e, layout := window(d); return e.Format(layout) }},
	{Name: "window", Doc: "the window, e.g. 2026-11-24 10:00–10:10 (country's time zone)", Phase: Recorded, Has: hasWindow,
		Value: func(d *Data) string {
			b, e, layout := window(d)
			return b.Format(layout) + "–" + e.Format(windowEndLayout(b, e, layout))
		}},
	{Name: "tz", Doc: "the country's time zone name", Phase: Recorded,
		Value: func(d *Data) string { return d.location().String() }},
	{Name: "rate", Doc: "numerator/denominator, 4 decimals, e.g. 0.8123", Phase: Recorded,
		Value: func(d *Data) string { return strconv.FormatFloat(d.Rate, 'f', 4, 64) }},
	{Name: "rate_pct", Doc: "the rate in percent, 2 decimals, e.g. 81.23%", Phase: Recorded,
		Value: func(d *Data) string { return strconv.FormatFloat(d.Rate*100, 'f', 2, 64) + "%" }},
	{Name: "numerator", Doc: "the sample's numerator", Phase: Recorded,
		Value: func(d *Data) string { return strconv.FormatInt(d.Numerator, 10) }},
	{Name: "denominator", Doc: "the sample's denominator", Phase: Recorded,
		Value: func(d *Data) string { return strconv.FormatInt(d.Denominator, 10) }},
	{Name: "threshold", Doc: "the threshold of the rule that fired (threshold_val)", Phase: Recorded,
		Value: func(d *Data) string { return d.Threshold }},
	{Name: "rule", Doc: "the rule that fired (rule_no), or FIRE for an alert raised with Fire", Phase: Recorded,
		Value: func(d *Data) string { return d.Rule }},
	{Name: "rule_desc", Doc: "the description of the rule that fired (fun_desc)", Phase: Recorded,
		Value: func(d *Data) string { return d.RuleDesc }},
	{Name: "state", Doc: "the state the message tells: firing, resolved or nodata (firing for an alert without a lifecycle)", Phase: Recorded,
		Value: func(d *Data) string {
			if d.State == "" {
				return "firing"
			}
			return d.State
		}},
	{Name: "firing_since", Doc: "when it began to fire (the end of that window), country's time zone, 2006-01-02 15:04; the window's end for an alert without a lifecycle", Phase: Recorded,
		Has:   func(d *Data) bool { return !d.FiringSince.IsZero() },
		Value: func(d *Data) string { return d.FiringSince.In(d.location()).Format(minuteLayout) }},
	{Name: "duration", Doc: "how long it has fired (until it resolved, for a resolved message), e.g. 1h30m", Phase: Recorded,
		Value: func(d *Data) string { return FormatDuration(d.Duration) }},
	{Name: "escalation_level", Doc: "the escalation level the message goes to (0 when it is no escalation)", Phase: Recorded,
		Value: func(d *Data) string { return strconv.Itoa(d.EscalationLevel) }},
	{Name: "ack_link", Doc: "a signed, expiring link that acknowledges the firing alert (alert.WithAckLinks); empty for an alert without a lifecycle", Phase: Sent,
		Value: func(d *Data) string { return d.AckLink }},
	{Name: "link", Doc: "the report's file URL (report scenes), else empty", Phase: Sent,
		Value: func(d *Data) string { return d.Link }},
	{Name: "count", Doc: "how many alerts were merged into this message (1 when none)", Phase: Sent,
		Value: func(d *Data) string { return strconv.Itoa(d.Count) }},
	{Name: "sl_no", Doc: "the alert's code in monitor_send_log", Phase: Sent,
		Value: func(d *Data) string { return d.SlNo }},
	{Name: "sent_at", Doc: "when the message is sent, country's time zone, 2006-01-02 15:04", Phase: Sent,
		Value: func(d *Data) string { return d.SentAt.In(d.location()).Format(minuteLayout) }},
}

// byName indexes the table.
var byName = func() map[string]*Placeholder {
	m := make(map[string]*Placeholder, len(placeholders))
	for i := range placeholders {
		m[placeholders[i].Name] = &placeholders[i]
	}
	return m
}()

func (d *Data) location() *time.Location {
	if d.Location == nil {
		return time.UTC
	}
	return d.Location
}

func hasWindow(d *Data) bool { return !d.Begin.IsZero() && !d.End.IsZero() }

// window returns the window's bounds in the country's zone and the layout
// to show them: with seconds when either is not on a minute.
func window(d *Data) (b, e time.Time, layout string) {
	loc := d.location()
	b, e = d.Begin.In(loc), d.End.In(loc)
	layout = minuteLayout
	if b.Second() != 0 || e.Second() != 0 {
		layout = secondLayout
	}
	return b, e, layout
}

// windowEndLayout shows only the time of a window's end on the same day.
func windowEndLayout(b, e time.Time, layout string) string {
	if b.YearDay() == e.YearDay() && b.Year() == e.Year() {
		return layout[len("2006-01-02 "):]
	}
	return layout
}

// plainVar writes an extra value for a message: a string as it is (no
// quotes), nil as nothing, anything else as JSON.
func plainVar(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case nil:
		return ""
	}
	j, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(j)
}

// Placeholders returns the table, in the documented order (a copy: changing
// it changes nothing here). The vars family is not in it: see VarsPrefix.
func Placeholders() []Placeholder { return append([]Placeholder(nil), placeholders...) }

// Values returns the value of every placeholder of the phase that d has
// (see Placeholder.Has) by name; for Recorded also {vars.NAME} for each of
// d.Vars.
func Values(phase Phase, d *Data) map[string]string {
	out := map[string]string{}
	for i := range placeholders {
		p := &placeholders[i]
		if p.Phase == phase && (p.Has == nil || p.Has(d)) {
			out[p.Name] = p.Value(d)
		}
	}
	if phase == Recorded {
		for k, v := range d.Vars {
			out[VarsPrefix+k] = plainVar(v)
		}
	}
	return out
}

// AddSent completes the values stored with an alert for sending: it sets
// every Sent placeholder from d (replacing a stored one), and each Recorded
// placeholder marked SentDefault that vals lacks.
func AddSent(vals map[string]string, d *Data) {
	for i := range placeholders {
		p := &placeholders[i]
		switch {
		case p.Phase == Sent:
			vals[p.Name] = p.Value(d)
		case p.SentDefault:
			if _, ok := vals[p.Name]; !ok && (p.Has == nil || p.Has(d)) {
				vals[p.Name] = p.Value(d)
			}
		}
	}
}

// IsSent reports whether name is a placeholder known only when the message
// is sent (and so never stored with the alert).
func IsSent(name string) bool {
	p, ok := byName[name]
	return ok && p.Phase == Sent
}

// isVar reports whether name is in the vars family.
func isVar(name string) bool {
	return strings.HasPrefix(name, VarsPrefix) && len(name) > len(VarsPrefix)
}

// Check reports the names (a template's Names) that are no placeholder,
// listing the known ones.
func Check(names []string) error {
	var bad []string
	for _, n := range names {
		if _, ok := byName[n]; ok || isVar(n) {
			continue
		}
		bad = append(bad, "{"+n+"}")
	}
	if len(bad) == 0 {
		return nil
	}
	all := make([]string, 0, len(placeholders))
	for _, p := range placeholders {
		all = append(all, p.Name)
	}
	sort.Strings(all)
	return fmt.Errorf("unknown placeholder %s (known: %s, and vars.NAME)", strings.Join(bad, ", "), strings.Join(all, ", "))
}

// Docs returns what each placeholder holds, by name (the vars family
// aside: VarsDoc).
func Docs() map[string]string {
	out := make(map[string]string, len(placeholders))
	for _, p := range placeholders {
		out[p.Name] = p.Doc
	}
	return out
}

// MarkdownTable returns the placeholder table as Markdown: one row per
// placeholder in the documented order, then the vars family; what it holds,
// and when it is known. The README's table is this text.
func MarkdownTable() string {
	var b strings.Builder
	b.WriteString("| placeholder | value | known |\n|---|---|---|\n")
	row := func(name, doc string, ph Phase) {
		fmt.Fprintf(&b, "| `{%s}` | %s | when %s |\n", name, strings.ReplaceAll(doc, "|", `\|`), ph)
	}
	for _, p := range placeholders {
		row(p.Name, p.Doc, p.Phase)
	}
	row(VarsPrefix+"NAME", VarsDoc, Recorded)
	return b.String()
}

// FormatDuration writes a duration in whole minutes the way people read it:
// 45m, 2h, 1h30m, 3d4h (days of 24 hours); under a minute, 0m.
func FormatDuration(d time.Duration) string {
	m := int64(d / time.Minute)
	if m <= 0 {
		return "0m"
	}
	days, hours, mins := m/(24*60), m/60%24, m%60
	var b strings.Builder
	if days > 0 {
		fmt.Fprintf(&b, "%dd", days)
	}
	if hours > 0 {
		fmt.Fprintf(&b, "%dh", hours)
	}
	if mins > 0 && days == 0 {
		fmt.Fprintf(&b, "%dm", mins)
	}
	return b.String()
}
