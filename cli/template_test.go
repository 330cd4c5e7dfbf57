package cli

import (
	"strings"
	"testing"
)

// TestTemplateRender: a text renders with the sample values, without a
// database; an unknown placeholder or a stray brace is refused (exit 3)
// with the known placeholders listed.
func TestTemplateRender(t *testing.T) {
	r := must(t, "template", "render", "--text", "{country_name}: {rate_pct}")
	if r.stdout != "Philippines: 81.23%\n" {
		t.Errorf("render: %q", r.stdout)
	}
	var res map[string]any
	decode(t, must(t, "template", "render", "--lang", "zh", "--text", "{country_name}：成功率 {rate_pct}，{ rate_pct }", "-o", "json"), &res)
	if res["rendered"] != "Philippines：成功率 81.23%，81.23%" || res["lang"] != "zh" || res["column"] != "content_chinese" ||
		res["text"] != "{country_name}：成功率 {rate_pct}，{ rate_pct }" {
		t.Errorf("render -o json: %v", res)
	}
	if ph, _ := res["placeholders"].([]any); len(ph) != 2 || ph[0] != "country_name" || ph[1] != "rate_pct" {
		t.Errorf("placeholders: %v", res["placeholders"])
	}
	decode(t, must(t, "template", "render", "--text", "no placeholder", "-o", "json"), &res)
	if ph, ok := res["placeholders"].([]any); !ok || len(ph) != 0 {
		t.Errorf("no placeholders: %v", res["placeholders"])
	}

	yujing(t, "template", "render", "--text", "{country_name}: {rat} {nope}").want(t, exitRefused,
		"content: unknown placeholder {rat}, {nope}", "known: ", "rate_pct", "country_name", "vars.NAME")
	yujing(t, "template", "render", "--lang", "zh", "--text", "{rat}").want(t, exitRefused, "content_chinese: unknown placeholder {rat}")
	yujing(t, "template", "render", "--text", "{country_name: x").want(t, exitRefused, "content:")
	yujing(t, "template", "render", "--text", "x", "--lang", "fr").want(t, exitUsage, `--lang "fr"`)
	yujing(t, "template", "render").want(t, exitUsage, "required flag", "text")
	if r := must(t, "template"); !strings.Contains(r.stdout, "render") {
		t.Errorf("template without a subcommand:\n%s", r.stdout)
	}
}
