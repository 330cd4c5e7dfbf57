package alert

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/yujing-go/yujing/store"
)

// A record's content (monitor_record.content) holds the sample as
// store.EncodeValues pairs: numerator, denominator, rate, and each extra
// value as vars.NAME with its value in JSON (so that a number stays a
// number when a rule is evaluated again from the row). compare_val holds
// the rate.

const varsPrefix = "vars."

// sampleContent encodes a sample for monitor_record.content.
func sampleContent(num, den int64, rate float64, vars map[string]any) (string, error) {
	vals := map[string]string{
		"numerator":   strconv.FormatInt(num, 10),
		"denominator": strconv.FormatInt(den, 10),
		"rate":        formatRate(rate),
	}
	for k, v := range vars {
		j, err := json.Marshal(v)
		if err != nil {
			return "", fmt.Errorf("vars.%s: %w", k, err)
		}
		vals[varsPrefix+k] = string(j)
	}
	return store.EncodeValues(vals), nil
}

// sample is a record's content, decoded.
type sample struct {
	num, den int64
	rate     float64
	vars     map[string]any
}

// decodeSample reads a record's content (and compare_val for the rate when
// the content lacks it).
func decodeSample(content, compareVal *string) (sample, error) {
	var s sample
	vals, err := store.DecodeValues(str(content))
	if err != nil {
		return s, fmt.Errorf("content: %w", err)
	}
	if v, ok := vals["numerator"]; ok {
		if s.num, err = strconv.ParseInt(v, 10, 64); err != nil {
			return s, fmt.Errorf("content: numerator %q: %w", v, err)
		}
	}
	if v, ok := vals["denominator"]; ok {
		if s.den, err = strconv.ParseInt(v, 10, 64); err != nil {
			return s, fmt.Errorf("content: denominator %q: %w", v, err)
		}
	}
	rate, ok := vals["rate"]
	if !ok {
		rate = str(compareVal)
	}
	switch {
	case rate != "":
		if s.rate, err = strconv.ParseFloat(rate, 64); err != nil {
			return s, fmt.Errorf("content: rate %q: %w", rate, err)
		}
	case s.den != 0:
		s.rate = float64(s.num) / float64(s.den)
	}
	for k, v := range vals {
		name, ok := strings.CutPrefix(k, varsPrefix)
		if !ok {
			continue
		}
		if s.vars == nil {
			s.vars = map[string]any{}
		}
		s.vars[name] = decodeVar(v)
	}
	return s, nil
}

// decodeVar reads a JSON value (an integer stays an int64); text that is
// not JSON is kept as a string.
func decodeVar(v string) any {
	d := json.NewDecoder(strings.NewReader(v))
	d.UseNumber()
	var x any
	if err := d.Decode(&x); err != nil || d.More() {
		return v
	}
	return fromJSON(x)
}

func fromJSON(x any) any {
	switch v := x.(type) {
	case json.Number:
		if i, err := v.Int64(); err == nil {
			return i
		}
		f, _ := v.Float64()
		return f
	case []any:
		for i := range v {
			v[i] = fromJSON(v[i])
		}
	case map[string]any:
		for k := range v {
			v[k] = fromJSON(v[k])
		}
	}
	return x
}

// formatRate writes a rate with up to 8 decimals, no trailing zeros.
func formatRate(r float64) string { return strconv.FormatFloat(r, 'f', -1, 64) }

// templateValues are the values a template may use that are known when the
// alert is recorded (the send-time ones are added when it is sent).
func templateValues(cat *catalog, ix *configIndex, rec *store.Record, s sample) map[string]string {
	country := str(rec.CountryNo)
	loc := cat.zone(country)
	vals := map[string]string{
		"country_name": ix.countryName(country),
		"scene":        cat.sceneName(intOr(rec.InfoType, 0)),
		"tz":           loc.String(),
		"rate":         strconv.FormatFloat(s.rate, 'f', 4, 64),
		"rate_pct":     strconv.FormatFloat(s.rate*100, 'f', 2, 64) + "%",
		"numerator":    strconv.FormatInt(s.num, 10),
		"denominator":  strconv.FormatInt(s.den, 10),
		"rule":         str(rec.Param5),
	}
	if rec.BeginTime != nil && rec.EndTime != nil {
		b, en := rec.BeginTime.In(loc), rec.EndTime.In(loc)
		layout := minuteLayout
		if b.Second() != 0 || en.Second() != 0 {
			layout = secondLayout
		}
		vals["begin"] = b.Format(layout)
		vals["end"] = en.Format(layout)
		vals["window"] = b.Format(layout) + "–" + en.Format(windowEndLayout(b, en, layout))
	}
	if r, ok := ix.rules[str(rec.Param5)]; ok {
		vals["threshold"] = str(r.ThresholdVal)
		vals["rule_desc"] = str(r.FunDesc)
	} else {
		vals["threshold"], vals["rule_desc"] = "", ""
	}
	for k, v := range s.vars {
		vals[varsPrefix+k] = plainVar(v)
	}
	return vals
}

const (
	minuteLayout = "2006-01-02 15:04"
	secondLayout = "2006-01-02 15:04:05" // for windows that do not start on a minute
)

// windowEndLayout shows only the time of a window's end on the same day.
func windowEndLayout(b, e time.Time, layout string) string {
	if b.YearDay() == e.YearDay() && b.Year() == e.Year() {
		return layout[len("2006-01-02 "):]
	}
	return layout
}

// plainVar writes an extra value for a message: strings without quotes.
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

func intOr(p *int, def int) int {
	if p == nil {
		return def
	}
	return *p
}
