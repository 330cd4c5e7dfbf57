package cli

import (
	"encoding/json"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"
	"unicode"
)

// writeJSON writes v as the command's one JSON document.
func (a *app) writeJSON(v any) error {
	enc := json.NewEncoder(a.stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// table writes aligned columns (text/tabwriter).
type table struct{ tw *tabwriter.Writer }

func newTable(w io.Writer, headers ...string) *table {
	t := &table{tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)}
	t.row(headers...)
	return t
}

// row writes one row; an empty cell shows as "-", and a cell's control
// characters (tabs, newlines, terminal escapes) as spaces.
func (t *table) row(cells ...string) {
	for i, c := range cells {
		if i > 0 {
			_, _ = io.WriteString(t.tw, "\t")
		}
		if c = strings.TrimSpace(strings.Map(printable, c)); c == "" {
			c = "-"
		}
		_, _ = io.WriteString(t.tw, c)
	}
	_, _ = io.WriteString(t.tw, "\n")
}

func (t *table) flush() error { return t.tw.Flush() }

// printable maps a control character, or one that reorders text, to a
// space: a value from the database cannot break the table or the terminal.
func printable(r rune) rune {
	if unicode.IsControl(r) || unicode.Is(unicode.Bidi_Control, r) {
		return ' '
	}
	return r
}

// fmtTime writes a time as RFC 3339 in UTC; nil as "".
func fmtTime(t *time.Time) string {
	if t == nil || t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

func str(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func itoa(n int) string { return strconv.Itoa(n) }

// utc returns t in UTC (nil stays nil), for JSON.
func utc(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := t.UTC()
	return &u
}

// parseTime reads an RFC 3339 flag value.
func parseTime(flag, v string) (time.Time, error) {
	t, err := time.Parse(time.RFC3339, strings.TrimSpace(v))
	if err != nil {
		return time.Time{}, usagef("--%s %q is not an RFC 3339 time (e.g. 2026-11-24T02:00:00Z or 2026-11-24T10:00:00+08:00)", flag, v)
	}
	return t, nil
}

// positive refuses a --limit that is not positive.
func positive(flag string, n int) error {
	if n <= 0 {
		return usagef("--%s %d: want a positive number", flag, n)
	}
	return nil
}
