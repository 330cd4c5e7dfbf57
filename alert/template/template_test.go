package template_test

import (
	"reflect"
	"testing"

	"github.com/yujing-go/yujing/alert/template"
)

func TestParse(t *testing.T) {
	vals := map[string]string{"country": "PH", "rate_pct": "81.23%", "a": "A", "b": "B", "vars.x": "X"}
	for _, tc := range []struct {
		src   string
		names []string
		out   string // rendered with vals
	}{
		{src: "", out: ""},
		{src: "no placeholders", out: "no placeholders"},
		{src: "{country} {rate_pct}", names: []string{"country", "rate_pct"}, out: "PH 81.23%"},
		{src: "{ country }", names: []string{"country"}, out: "PH"},
		{src: "{{country}}", out: "{country}"},
		{src: "{{{country}}}", names: []string{"country"}, out: "{PH}"},
		{src: "a {{ b }} c", out: "a { b } c"},
		{src: "}}{{", out: "}{"},
		{src: "{a}{b}{a}{vars.x}", names: []string{"a", "b", "vars.x"}, out: "ABAX"},
		{src: "国家：{country}，{{中文}}", names: []string{"country"}, out: "国家：PH，{中文}"},
	} {
		tpl, err := template.Parse(tc.src)
		if err != nil {
			t.Errorf("Parse(%q): %v", tc.src, err)
			continue
		}
		if got := tpl.Names(); !reflect.DeepEqual(got, tc.names) {
			t.Errorf("Parse(%q).Names() = %q, want %q", tc.src, got, tc.names)
		}
		if got, err := tpl.Render(vals); err != nil || got != tc.out {
			t.Errorf("Parse(%q).Render = %q, %v; want %q", tc.src, got, err, tc.out)
		}
	}
}

func TestParseErrors(t *testing.T) {
	for _, tc := range []struct{ src, err string }{
		{"abc {country", "character 5: '{' without a closing '}' (write {{ for a literal brace)"},
		{"{{{", "character 3: '{' without a closing '}' (write {{ for a literal brace)"},
		{"abc } x", "character 5: '}' without an opening '{' (write }} for a literal brace)"},
		{"}}}", "character 3: '}' without an opening '{' (write }} for a literal brace)"},
		{"{country}}", "character 10: '}' without an opening '{' (write }} for a literal brace)"},
		{"{}", "character 1: {} is not a placeholder name (letters, digits, '_' and '.')"},
		{"x { }", "character 3: {} is not a placeholder name (letters, digits, '_' and '.')"},
		{"{.a}", "character 1: {.a} is not a placeholder name (letters, digits, '_' and '.')"},
		{"{vars.}", "character 1: {vars.} is not a placeholder name (letters, digits, '_' and '.')"},
		{"{a-b}", "character 1: {a-b} is not a placeholder name (letters, digits, '_' and '.')"},
		{"{a b}", "character 1: {a b} is not a placeholder name (letters, digits, '_' and '.')"},
		{"{a{b}", "character 1: {a{b} is not a placeholder name (letters, digits, '_' and '.')"},
		// Positions count characters, not bytes: 国 is three bytes.
		{"国家：{国家}", "character 4: {国家} is not a placeholder name (letters, digits, '_' and '.')"},
		{"告警 {rate_pct} 低于 }", "character 18: '}' without an opening '{' (write }} for a literal brace)"},
		{"告警 {rate_pct} 低于 {", "character 18: '{' without a closing '}' (write {{ for a literal brace)"},
	} {
		_, err := template.Parse(tc.src)
		if err == nil || err.Error() != tc.err {
			t.Errorf("Parse(%q) = %v, want %q", tc.src, err, tc.err)
		}
	}
}

func TestRenderMissing(t *testing.T) {
	for _, tc := range []struct {
		src  string
		vals map[string]string
		out  string
		err  string
	}{
		{src: "{a}", vals: map[string]string{"a": ""}, out: ""}, // an empty value is a value
		{src: "{a}", err: "no value for {a}"},
		{src: "{begin} {rate} {begin} {end} {vars.x}", vals: map[string]string{"rate": "0.1"}, err: "no value for {begin}, {end}, {vars.x}"},
		{src: "{b}{a}{b}{a}", err: "no value for {b}, {a}"},
	} {
		tpl, err := template.Parse(tc.src)
		if err != nil {
			t.Fatalf("Parse(%q): %v", tc.src, err)
		}
		out, err := tpl.Render(tc.vals)
		switch {
		case tc.err == "" && (err != nil || out != tc.out):
			t.Errorf("Render(%q) = %q, %v; want %q", tc.src, out, err, tc.out)
		case tc.err != "" && (err == nil || err.Error() != tc.err || out != ""):
			t.Errorf("Render(%q) = %q, %v; want error %q", tc.src, out, err, tc.err)
		}
	}
}
