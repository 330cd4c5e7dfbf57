package cli

import (
	"context"
	"strings"
	"testing"

	"github.com/yujing-go/yujing/store"
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
	yujing(t, "template", "render").want(t, exitUsage, "give --text", "or --mod")
	yujing(t, "template", "render", "--text", "x", "--value", "a=b").want(t, exitUsage, "--value and --kind go with --mod")
	if r := must(t, "template"); !strings.Contains(r.stdout, "render") {
		t.Errorf("template without a subcommand:\n%s", r.stdout)
	}
}

// TestTemplateRenderMod: a saved template renders in both languages
// through the engine (its time zone for the country, given values over
// the sample's, the kind's title prefix), in a table and in JSON; a
// template the engine objects to exits 3 after the report; a code that
// does not exist exits 4; bad flags exit 2.
func TestTemplateRenderMod(t *testing.T) {
	forEachBackend(t, func(t *testing.T, b *backend) {
		b.migrated(t)
		db := b.open(t)
		mod, _ := configured(t, db)
		r := yujingHost(t, b.args("template", "render", "--mod", mod)...)
		r.want(t, exitOK)
		for _, s := range []string{"[en] SMS success low", "Philippines: SMS success 81.23% in 2026-11-24 10:00–10:10",
			"[zh] 短信验证成功率低", "Philippines：短信验证成功率 81.23%", "{rate_pct}", "yes", "content,content_chinese"} {
			if !strings.Contains(r.stdout, s) {
				t.Errorf("render --mod does not say %q:\n%s", s, r.stdout)
			}
		}
		var p struct {
			Kind      string `json:"kind"`
			Languages []struct {
				Lang, Title, Text string
			} `json:"languages"`
			Problems  []any    `json:"problems"`
			OverLimit []any    `json:"over_limit"`
			Notes     []string `json:"notes"`
		}
		decode(t, yujingHost(t, b.args("template", "render", "--mod", mod, "--kind", "resolved", "--value", "rate_pct=42.00%",
			"--value", "country=ID", "--value", "country_name=Indonesia", "-o", "json")...), &p)
		if p.Kind != "resolved" || len(p.Languages) != 2 || p.Problems == nil || p.OverLimit == nil {
			t.Fatalf("-o json: %+v", p)
		}
		// No resolved text: the engine sends no resolved message.
		if p.Languages[0].Text != "" || p.Languages[1].Text != "" || len(p.Notes) != 1 || !strings.Contains(p.Notes[0], "sends none") {
			t.Errorf("resolved without a resolved text: %+v %q", p.Languages, p.Notes)
		}
		decode(t, yujingHost(t, b.args("template", "render", "--mod", mod, "--value", "rate_pct=42.00%", "--value", "country=ID", "-o", "json")...), &p)
		if p.Languages[0].Text != "Indonesia: SMS success 42.00% in 2026-11-24 09:00–09:10" {
			t.Errorf("given values: %+v", p.Languages)
		}

		bad := mustDo(db.UncheckedConfig().CreateTemplate(context.Background(), store.Template{Title: new("Bad"), InfoType: new(checkScene),
			SendType: new(store.SendRealtime), Content: new("{country_name}: {rat}"), ContentChinese: new("{country_name")}))(t)
		r = yujingHost(t, b.args("template", "render", "--mod", *bad.ModNo)...)
		r.want(t, exitRefused, "2 problem(s)", "content: unknown placeholder {rat}")
		for _, s := range []string{"PROBLEM IN", "unknown_placeholder", "syntax", "{rat}", "no"} {
			if !strings.Contains(r.stdout, s) {
				t.Errorf("render --mod of a bad template does not say %q:\n%s", s, r.stdout)
			}
		}
		yujingHost(t, b.args("template", "render", "--mod", "MD-NO-SUCH")...).want(t, exitNotFound, "MD-NO-SUCH")
		yujingHost(t, b.args("template", "render", "--mod", mod, "--value", "rate_pct")...).want(t, exitUsage, "NAME=VALUE")
		yujingHost(t, b.args("template", "render", "--mod", mod, "--kind", "sideways")...).want(t, exitUsage, "--kind")
		yujingHost(t, b.args("template", "render", "--mod", mod, "--text", "x")...).want(t, exitUsage, "not both")
		yujingHost(t, b.args("template", "render", "--mod", mod, "--lang", "zh")...).want(t, exitUsage, "--lang goes with --text")
	})
}

// TestTemplateRenderModOverLimit: a text over a channel type's limit is
// a warning (exit 0) with the lengths.
func TestTemplateRenderModOverLimit(t *testing.T) {
	forEachBackend(t, func(t *testing.T, b *backend) {
		b.migrated(t)
		db := b.open(t)
		long := mustDo(db.UncheckedConfig().CreateTemplate(context.Background(), store.Template{Title: new("Long"), InfoType: new(checkScene),
			SendType: new(store.SendRealtime), Content: new("{country_name}: {vars.detail}")}))(t)
		r := yujingHost(t, b.args("template", "render", "--mod", *long.ModNo, "--value", "vars.detail="+strings.Repeat("x", 2100))...)
		r.want(t, exitOK)
		if !strings.Contains(r.stdout, "OVER LIMIT") || !strings.Contains(r.stdout, "wecom") || !strings.Contains(r.stdout, "2048") {
			t.Errorf("over limit:\n%s", r.stdout)
		}
	})
}
