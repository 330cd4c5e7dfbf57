package alert

import (
	"fmt"
	"sort"
	"strings"
)

// A message template (monitor_mod.content, content_chinese) is text with
// {placeholders}: {country}, {rate_pct}, {vars.channel}… "{{" and "}}" write
// literal braces. The placeholders are listed in the README and in
// Placeholders; a template that names another is refused when it is saved.

// template is a parsed message template.
type template struct {
	parts []templatePart
}

type templatePart struct {
	text string // literal text, or
	name string // a placeholder's name
}

// parseTemplate parses src, reporting the position of a brace that does not
// open or close a placeholder.
func parseTemplate(src string) (*template, error) {
	t := &template{}
	var lit strings.Builder
	for i := 0; i < len(src); i++ {
		c := src[i]
		switch {
		case c == '{' && i+1 < len(src) && src[i+1] == '{':
			lit.WriteByte('{')
			i++
		case c == '}' && i+1 < len(src) && src[i+1] == '}':
			lit.WriteByte('}')
			i++
		case c == '{':
			end := strings.IndexByte(src[i:], '}')
			if end < 0 {
				return nil, fmt.Errorf("character %d: '{' without a closing '}' (write {{ for a literal brace)", runeOffset(src, i))
			}
			name := strings.TrimSpace(src[i+1 : i+end])
			if !validPlaceholder(name) {
				return nil, fmt.Errorf("character %d: {%s} is not a placeholder name (letters, digits, '_' and '.')", runeOffset(src, i), name)
			}
			if lit.Len() > 0 {
				t.parts = append(t.parts, templatePart{text: lit.String()})
				lit.Reset()
			}
			t.parts = append(t.parts, templatePart{name: name})
			i += end
		case c == '}':
			return nil, fmt.Errorf("character %d: '}' without an opening '{' (write }} for a literal brace)", runeOffset(src, i))
		default:
			lit.WriteByte(c)
		}
	}
	if lit.Len() > 0 {
		t.parts = append(t.parts, templatePart{text: lit.String()})
	}
	return t, nil
}

func runeOffset(s string, byteIndex int) int { return len([]rune(s[:byteIndex])) + 1 }

func validPlaceholder(name string) bool {
	if name == "" || name[0] == '.' || name[len(name)-1] == '.' {
		return false
	}
	for _, r := range name {
		if !(r == '_' || r == '.' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			return false
		}
	}
	return true
}

// names returns the placeholders the template uses, each once, in order.
func (t *template) names() []string {
	var out []string
	seen := map[string]bool{}
	for _, p := range t.parts {
		if p.name != "" && !seen[p.name] {
			seen[p.name] = true
			out = append(out, p.name)
		}
	}
	return out
}

// render fills the placeholders from vals; a placeholder without a value is
// an error naming every missing one (never a silent blank).
func (t *template) render(vals map[string]string) (string, error) {
	var b strings.Builder
	var missing []string
	for _, p := range t.parts {
		if p.name == "" {
			b.WriteString(p.text)
			continue
		}
		v, ok := vals[p.name]
		if !ok {
			missing = append(missing, "{"+p.name+"}")
			continue
		}
		b.WriteString(v)
	}
	if len(missing) > 0 {
		return "", fmt.Errorf("no value for %s", strings.Join(missing, ", "))
	}
	return b.String(), nil
}

// Placeholders lists the names a template may use, with what they hold.
// Besides these, {vars.NAME} is the sample's extra value NAME (a scene's
// Sample.Vars, or the Values of an alert raised with Fire).
func Placeholders() map[string]string {
	out := map[string]string{}
	for _, p := range placeholderDocs() {
		out[p[0]] = p[1]
	}
	return out
}

// placeholderDocs is the list of placeholders: name, meaning, and whether
// the value is known when the alert is recorded (stored in
// monitor_send_log.content) or only when it is sent.
func placeholderDocs() [][2]string {
	return [][2]string{
		{"country", "country code (country_no), e.g. PH"},
		{"country_name", "country name from monitor_country_mod (or monitor_routing), else the code"},
		{"scene", "the scene's name"},
		{"info_type", "the scene's code"},
		{"begin", "window start in the country's time zone, 2006-01-02 15:04"},
		{"end", "window end in the country's time zone, 2006-01-02 15:04"},
		{"window", "the window, e.g. 2026-11-24 10:00–10:10 (country's time zone)"},
		{"tz", "the country's time zone name"},
		{"rate", "numerator/denominator, 4 decimals, e.g. 0.8123"},
		{"rate_pct", "the rate in percent, 2 decimals, e.g. 81.23%"},
		{"numerator", "the sample's numerator"},
		{"denominator", "the sample's denominator"},
		{"threshold", "the threshold of the rule that fired (threshold_val)"},
		{"rule", "the rule that fired (rule_no), or FIRE for an alert raised with Fire"},
		{"rule_desc", "the description of the rule that fired (fun_desc)"},
		{"link", "the report's file URL (report scenes), else empty"},
		{"count", "how many alerts were merged into this message (1 when none)"},
		{"sl_no", "the alert's code in monitor_send_log"},
		{"sent_at", "when the message is sent, country's time zone, 2006-01-02 15:04"},
	}
}

// sendTimePlaceholders are known only when the message is sent; the rest
// are stored with the alert.
func isSendTimePlaceholder(name string) bool {
	switch name {
	case "country", "info_type", "count", "sl_no", "sent_at", "link":
		return true
	}
	return false
}

// checkPlaceholders reports names a template may not use.
func checkPlaceholders(names []string) error {
	known := Placeholders()
	var bad []string
	for _, n := range names {
		if _, ok := known[n]; ok || (strings.HasPrefix(n, "vars.") && len(n) > len("vars.")) {
			continue
		}
		bad = append(bad, "{"+n+"}")
	}
	if len(bad) == 0 {
		return nil
	}
	all := make([]string, 0, len(known))
	for k := range known {
		all = append(all, k)
	}
	sort.Strings(all)
	return fmt.Errorf("unknown placeholder %s (known: %s, and vars.NAME)", strings.Join(bad, ", "), strings.Join(all, ", "))
}
