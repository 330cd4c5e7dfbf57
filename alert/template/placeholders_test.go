package template_test

import (
	"maps"
	"reflect"
	"regexp"
	"slices"
	"testing"
	"time"

	"github.com/yujing-go/yujing/alert/template"
)

// documented is the order of the placeholders in the docs and the README.
var documented = []string{"country", "country_name", "scene", "info_type", "begin", "end", "window", "tz",
	"rate", "rate_pct", "numerator", "denominator", "threshold", "rule", "rule_desc", "state", "firing_since", "duration", "escalation_level", "ack_link", "link", "count", "sl_no", "sent_at"}

func TestTable(t *testing.T) {
	var names []string
	name := regexp.MustCompile(`^[a-z][a-z0-9_]*$`)
	for _, p := range template.Placeholders() {
		names = append(names, p.Name)
		if !name.MatchString(p.Name) || p.Doc == "" || p.Value == nil || (p.Phase != template.Recorded && p.Phase != template.Sent) {
			t.Errorf("row %+v: want a lower-case name, a doc, a value and a phase", p)
		}
		if p.SentDefault && p.Phase != template.Recorded {
			t.Errorf("row %s: SentDefault is for Recorded placeholders", p.Name)
		}
	}
	if !slices.Equal(names, documented) {
		t.Errorf("Placeholders() = %q, want %q", names, documented)
	}
	docs := template.Docs()
	if !slices.Equal(slices.Sorted(maps.Keys(docs)), slices.Sorted(slices.Values(documented))) {
		t.Errorf("Docs() names = %q", slices.Sorted(maps.Keys(docs)))
	}
	if docs["rate"] != "numerator/denominator, 4 decimals, e.g. 0.8123" {
		t.Errorf(`Docs()["rate"] = %q`, docs["rate"])
	}
	// Placeholders returns a copy.
	template.Placeholders()[0].Name = "changed"
	if template.Placeholders()[0].Name != "country" {
		t.Error("changing Placeholders()' result changed the table")
	}
}

func TestIsSent(t *testing.T) {
	sent := []string{"country", "info_type", "ack_link", "link", "count", "sl_no", "sent_at"}
	for _, n := range append(slices.Clone(documented), "vars.x", "nope", "") {
		if got, want := template.IsSent(n), slices.Contains(sent, n); got != want {
			t.Errorf("IsSent(%q) = %v, want %v", n, got, want)
		}
	}
}

func TestCheck(t *testing.T) {
	const known = "(known: ack_link, begin, count, country, country_name, denominator, duration, end, escalation_level, firing_since, info_type, link, numerator, rate, rate_pct, rule, rule_desc, scene, sent_at, sl_no, state, threshold, tz, window, and vars.NAME)"
	for _, tc := range []struct {
		names []string
		err   string
	}{
		{names: nil},
		{names: documented},
		{names: []string{"vars.x", "vars.a.b", "rate"}},
		{names: []string{"rate", "countryy"}, err: "unknown placeholder {countryy} " + known},
		{names: []string{"vars.", "Rate", "vars"}, err: "unknown placeholder {vars.}, {Rate}, {vars} " + known},
	} {
		err := template.Check(tc.names)
		if (tc.err == "" && err != nil) || (tc.err != "" && (err == nil || err.Error() != tc.err)) {
			t.Errorf("Check(%q) = %v, want %q", tc.names, err, tc.err)
		}
	}
}

func TestValues(t *testing.T) {
	ist := time.FixedZone("Asia/Kolkata", 5*3600+1800) // +05:30
	utc := func(s string) time.Time {
		tm, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return tm
	}
	base := func() *template.Data {
		return &template.Data{
			Country: "IN", CountryName: "India", Scene: "SMS verification success", InfoType: 7, Location: ist,
			Begin: utc("2026-11-24T04:30:00Z"), End: utc("2026-11-24T04:40:00Z"),
			Rate: 0.81234, Numerator: 81234, Denominator: 100000,
			Rule: "RU1", Threshold: "0.9", RuleDesc: "rate < 0.9",
			Vars: map[string]any{"provider": "acme", "retries": int64(3), "ratio": 1250.5, "none": nil, "tags": []any{"a", int64(1)}, "obj": map[string]any{"k": true}},
			Link: "https://x/r.xlsx", Count: 2, SlNo: "SL1", SentAt: utc("2026-11-24T04:41:30Z"),
		}
	}
	recorded := map[string]string{
		"country_name": "India", "scene": "SMS verification success", "tz": "Asia/Kolkata",
		"begin": "2026-11-24 10:00", "end": "2026-11-24 10:10", "window": "2026-11-24 10:00–10:10",
		"rate": "0.8123", "rate_pct": "81.23%", "numerator": "81234", "denominator": "100000",
		"rule": "RU1", "threshold": "0.9", "rule_desc": "rate < 0.9", "state": "firing", "duration": "0m", "escalation_level": "0",
		"vars.provider": "acme", "vars.retries": "3", "vars.ratio": "1250.5", "vars.none": "", "vars.tags": `["a",1]`, "vars.obj": `{"k":true}`,
	}
	sent := map[string]string{"country": "IN", "info_type": "7", "ack_link": "", "link": "https://x/r.xlsx", "count": "2", "sl_no": "SL1", "sent_at": "2026-11-24 10:11"}
	with := func(m map[string]string, kv ...string) map[string]string {
		m = maps.Clone(m)
		for i := 0; i < len(kv); i += 2 {
			if kv[i+1] == "-" {
				delete(m, kv[i])
			} else {
				m[kv[i]] = kv[i+1]
			}
		}
		return m
	}
	for _, tc := range []struct {
		name           string
		change         func(*template.Data)
		recorded, sent map[string]string
	}{
		{name: "+05:30", recorded: recorded, sent: sent},
		{name: "window not on a minute", change: func(d *template.Data) { d.Begin, d.End = utc("2026-11-24T04:30:15Z"), utc("2026-11-24T04:40:15Z") },
			recorded: with(recorded, "begin", "2026-11-24 10:00:15", "end", "2026-11-24 10:10:15", "window", "2026-11-24 10:00:15–10:10:15"), sent: sent},
		{name: "end not on a minute", change: func(d *template.Data) { d.End = utc("2026-11-24T04:40:01Z") },
			recorded: with(recorded, "begin", "2026-11-24 10:00:00", "end", "2026-11-24 10:10:01", "window", "2026-11-24 10:00:00–10:10:01"), sent: sent},
		{name: "across midnight in the country, not in UTC", change: func(d *template.Data) { d.Begin, d.End = utc("2026-11-24T18:25:00Z"), utc("2026-11-24T18:35:00Z") },
			recorded: with(recorded, "begin", "2026-11-24 23:55", "end", "2026-11-25 00:05", "window", "2026-11-24 23:55–2026-11-25 00:05"), sent: sent},
		{name: "same day in the country, not in UTC", change: func(d *template.Data) { d.Begin, d.End = utc("2026-11-24T23:00:00Z"), utc("2026-11-25T00:10:00Z") },
			recorded: with(recorded, "begin", "2026-11-25 04:30", "end", "2026-11-25 05:40", "window", "2026-11-25 04:30–05:40"), sent: sent},
		{name: "across a year", change: func(d *template.Data) { d.Begin, d.End = utc("2026-12-31T18:25:00Z"), utc("2026-12-31T18:35:00Z") },
			recorded: with(recorded, "begin", "2026-12-31 23:55", "end", "2027-01-01 00:05", "window", "2026-12-31 23:55–2027-01-01 00:05"), sent: sent},
		{name: "no window", change: func(d *template.Data) { d.Begin, d.End = time.Time{}, time.Time{} },
			recorded: with(recorded, "begin", "-", "end", "-", "window", "-"), sent: sent},
		{name: "a window without an end is none", change: func(d *template.Data) { d.End = time.Time{} },
			recorded: with(recorded, "begin", "-", "end", "-", "window", "-"), sent: sent},
		{name: "no zone is UTC", change: func(d *template.Data) { d.Location = nil },
			recorded: with(recorded, "tz", "UTC", "begin", "2026-11-24 04:30", "end", "2026-11-24 04:40", "window", "2026-11-24 04:30–04:40"),
			sent:     with(sent, "sent_at", "2026-11-24 04:41")},
		{name: "rates round; no vars; unknown rule", change: func(d *template.Data) {
			d.Rate, d.Vars, d.Threshold, d.RuleDesc, d.Rule = 2.0/3, nil, "", "", "FIRE"
		}, recorded: with(recorded, "rate", "0.6667", "rate_pct", "66.67%", "threshold", "", "rule_desc", "", "rule", "FIRE",
			"vars.provider", "-", "vars.retries", "-", "vars.ratio", "-", "vars.none", "-", "vars.tags", "-", "vars.obj", "-"), sent: sent},
		{name: "lifecycle", change: func(d *template.Data) {
			d.State, d.FiringSince, d.Duration, d.EscalationLevel = "resolved", utc("2026-11-24T02:00:00Z"), 26*time.Hour+90*time.Minute, 2
		}, recorded: with(recorded, "state", "resolved", "firing_since", "2026-11-24 07:30", "duration", "1d3h", "escalation_level", "2"), sent: sent},
		{name: "zero values", change: func(d *template.Data) { *d = template.Data{} },
			recorded: map[string]string{"country_name": "", "scene": "", "tz": "UTC", "rate": "0.0000", "rate_pct": "0.00%", "numerator": "0", "denominator": "0", "rule": "", "threshold": "", "rule_desc": "", "state": "firing", "duration": "0m", "escalation_level": "0"},
			sent:     map[string]string{"country": "", "info_type": "0", "ack_link": "", "link": "", "count": "0", "sl_no": "", "sent_at": "0001-01-01 00:00"}},
	} {
		d := base()
		if tc.change != nil {
			tc.change(d)
		}
		if got := template.Values(template.Recorded, d); !reflect.DeepEqual(got, tc.recorded) {
			t.Errorf("%s: Values(Recorded) =\n%v\nwant\n%v", tc.name, got, tc.recorded)
		}
		if got := template.Values(template.Sent, d); !reflect.DeepEqual(got, tc.sent) {
			t.Errorf("%s: Values(Sent) =\n%v\nwant\n%v", tc.name, got, tc.sent)
		}
	}
}

// Every placeholder is in exactly one phase's values, and {vars.NAME} in
// Recorded.
func TestValuesCoverTable(t *testing.T) {
	d := template.SampleData()
	rec, sent := template.Values(template.Recorded, d), template.Values(template.Sent, d)
	for _, p := range template.Placeholders() {
		_, inRec := rec[p.Name]
		_, inSent := sent[p.Name]
		if inRec != (p.Phase == template.Recorded) || inSent != (p.Phase == template.Sent) {
			t.Errorf("%s (%s): in Recorded %v, in Sent %v", p.Name, p.Phase, inRec, inSent)
		}
	}
	if rec["vars.provider"] != "acme-sms" || rec["vars.retries"] != "3" {
		t.Errorf("vars: %v", rec)
	}
	if len(rec)+len(sent) != len(template.Placeholders())+len(d.Vars) {
		t.Errorf("Values hold %d + %d names, want the %d placeholders and %d vars", len(rec), len(sent), len(template.Placeholders()), len(d.Vars))
	}
}

func TestAddSent(t *testing.T) {
	d := &template.Data{Country: "PH", CountryName: "Philippines", Scene: "SMS", InfoType: 1, Count: 3, SlNo: "SL1",
		SentAt: time.Date(2026, 11, 24, 2, 0, 0, 0, time.UTC), Location: time.FixedZone("Asia/Manila", 8*3600)}
	// Stored without country_name and scene: filled in. Sent values are
	// set even when stored; stored Recorded values stay.
	vals := map[string]string{"rate": "0.5000", "count": "9", "window": "stored"}
	template.AddSent(vals, d)
	want := map[string]string{"rate": "0.5000", "window": "stored", "country_name": "Philippines", "scene": "SMS",
		"country": "PH", "info_type": "1", "ack_link": "", "link": "", "count": "3", "sl_no": "SL1", "sent_at": "2026-11-24 10:00"}
	if !reflect.DeepEqual(vals, want) {
		t.Errorf("AddSent =\n%v\nwant\n%v", vals, want)
	}
	vals = map[string]string{"country_name": "stored name", "scene": "stored scene"}
	template.AddSent(vals, d)
	if vals["country_name"] != "stored name" || vals["scene"] != "stored scene" {
		t.Errorf("AddSent replaced stored values: %v", vals)
	}
}

func TestPhaseString(t *testing.T) {
	for p, want := range map[template.Phase]string{template.Recorded: "recorded", template.Sent: "sent", 0: "Phase(0)"} {
		if p.String() != want {
			t.Errorf("Phase(%d).String() = %q, want %q", int(p), p.String(), want)
		}
	}
}

func TestPreview(t *testing.T) {
	for _, tc := range []struct{ src, out, err string }{
		{src: "{country_name} {window} {tz}: {rate_pct} ({numerator}/{denominator}) < {threshold}, {vars.provider} #{count} {sl_no} {sent_at}",
			out: "Philippines 2026-11-24 10:00–10:10 Asia/Manila: 81.23% (8123/10000) < 0.9, acme-sms #1 SL01KAXW4P0R2T4V6X8Z0B2D4F6H 2026-11-24 10:10"},
		{src: "{countryy}", err: "unknown placeholder {countryy} (known: ack_link, begin, count, country, country_name, denominator, duration, end, escalation_level, firing_since, info_type, link, numerator, rate, rate_pct, rule, rule_desc, scene, sent_at, sl_no, state, threshold, tz, window, and vars.NAME)"},
		{src: "{vars.other}", err: "no value for {vars.other}"},
		{src: "{", err: "character 1: '{' without a closing '}' (write {{ for a literal brace)"},
	} {
		out, err := template.Preview(tc.src, nil)
		if out != tc.out || (err == nil) != (tc.err == "") || (err != nil && err.Error() != tc.err) {
			t.Errorf("Preview(%q) = %q, %v; want %q, %q", tc.src, out, err, tc.out, tc.err)
		}
	}
	// Every placeholder has a sample value.
	for _, p := range template.Placeholders() {
		if _, err := template.Preview("{"+p.Name+"}", nil); err != nil {
			t.Errorf("Preview({%s}): %v", p.Name, err)
		}
	}
	// SampleData returns a fresh Data each time.
	template.SampleData().Vars["provider"] = "changed"
	if template.SampleData().Vars["provider"] != "acme-sms" {
		t.Error("SampleData shares its Vars")
	}
}
