package console

import (
	"html/template"
	"strconv"
	"time"
)

// funcs are the helpers the templates use.
func funcs() template.FuncMap {
	return template.FuncMap{
		"utc":  fmtUTC,
		"pct":  pct,
		"unix": func(t *time.Time) int64 { return t.Unix() },
		"ago":  ago,
		"ms":   func(d time.Duration) time.Duration { return d.Round(time.Millisecond) },
	}
}

// fmtUTC writes a time in UTC to the minute ("" for nil or zero).
func fmtUTC(t any) string {
	var v time.Time
	switch x := t.(type) {
	case time.Time:
		v = x
	case *time.Time:
		if x != nil {
			v = *x
		}
	}
	if v.IsZero() {
		return ""
	}
	return v.UTC().Format("2006-01-02 15:04") + " UTC"
}

// pct writes a rate as a percentage with up to 1 decimal.
func pct(r float64) string { return strconv.FormatFloat(r*100, 'f', 1, 64) + "%" }

// ago writes how long before now t was, roughly: "3h10m", "5m", "40s".
func ago(now time.Time, t *time.Time) string {
	if t == nil {
		return ""
	}
	d := now.Sub(*t)
	switch {
	case d < time.Minute:
		return strconv.Itoa(int(d.Seconds())) + "s"
	case d < time.Hour:
		return strconv.Itoa(int(d.Minutes())) + "m"
	case d < 48*time.Hour:
		return strconv.Itoa(int(d.Hours())) + "h" + strconv.Itoa(int(d.Minutes())%60) + "m"
	}
	return strconv.Itoa(int(d.Hours()/24)) + "d"
}
