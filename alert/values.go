package alert

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/yujing-go/yujing/alert/template"
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
	return template.Values(template.Recorded, recordData(cat, ix, rec, s))
}

// recordData is what the placeholders of a recorded alert are made of.
func recordData(cat *catalog, ix *configIndex, rec *store.Record, s sample) *template.Data {
	country := str(rec.CountryNo)
	d := &template.Data{Country: country, CountryName: ix.countryName(country), Scene: cat.sceneName(intOr(rec.InfoType, 0)),
		InfoType: intOr(rec.InfoType, 0), Location: cat.zone(country), Rate: s.rate, Numerator: s.num, Denominator: s.den,
		Rule: rec.RuleNo(), Vars: s.vars}
	if rec.BeginTime != nil && rec.EndTime != nil {
		d.Begin, d.End = *rec.BeginTime, *rec.EndTime
	}
	if r, ok := ix.rules[rec.RuleNo()]; ok {
		d.Threshold, d.RuleDesc = str(r.ThresholdVal), str(r.FunDesc)
	}
	return d
}

func intOr(p *int, def int) int {
	if p == nil {
		return def
	}
	return *p
}
