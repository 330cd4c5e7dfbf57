package ops_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/yujing-go/yujing/alert/template"
	"github.com/yujing-go/yujing/internal/testdb"
	"github.com/yujing-go/yujing/ops"
	"github.com/yujing-go/yujing/store"
)

// lang returns a preview's message in one language.
func lang(t *testing.T, p *ops.Preview, l string) ops.Rendered {
	t.Helper()
	for _, r := range p.Languages {
		if r.Lang == l {
			return r
		}
	}
	t.Fatalf("no %s message in %+v (error %q)", l, p.Languages, p.Error)
	return ops.Rendered{}
}

// TestPreviewSavedTemplate: a saved template renders in both languages
// with the sample values in the engine's time zone for the country, the
// placeholders it uses listed with their docs; its resolved message has
// the engine's title prefix.
func TestPreviewSavedTemplate(t *testing.T) {
	for _, be := range testdb.Backends() {
		t.Run(be.Name, func(t *testing.T) {
			db := be.Open(t)
			e, k := checkKit(t, db)
			c := configureClean(t, e, db)
			ctx := context.Background()
			p := must(k.Preview(ctx, ops.PreviewRequest{ModNo: c.sms}))(t)
			en, zh := lang(t, p, "en"), lang(t, p, "zh")
			if en.Title != "SMS success low" || en.Text != "Philippines: SMS success 81.23% in 2026-11-24 10:00–10:10, below 0.9. Provider: acme-sms." {
				t.Errorf("en: %+v", en)
			}
			if zh.Title != "短信验证成功率低" || zh.Text != "Philippines：短信验证成功率 81.23%，时段 2026-11-24 10:00–10:10，低于阈值 0.9。" {
				t.Errorf("zh: %+v", zh)
			}
			if p.ModNo != c.sms || p.Kind != "alert" || p.Country != "PH" || p.InfoType != smsScene || p.Error != "" ||
				len(p.Problems) != 0 || len(p.OverLimit) != 0 || len(p.Notes) != 0 {
				t.Errorf("preview: %+v", p)
			}
			var names []string
			for _, u := range p.Placeholders {
				names = append(names, u.Name)
				if !u.Known || u.Doc == "" {
					t.Errorf("placeholder %+v: want known, with its doc", u)
				}
				if u.Name == "vars.provider" && (u.Doc != template.VarsDoc || !slices.Equal(u.Columns, []string{"content"})) {
					t.Errorf("vars.provider: %+v", u)
				}
				if u.Name == "country_name" && !slices.Equal(u.Columns, []string{"content", "content_chinese", "resolved_content"}) {
					t.Errorf("country_name: %+v", u)
				}
			}
			if want := []string{"country_name", "duration", "rate_pct", "threshold", "vars.provider", "window"}; !slices.Equal(names, want) {
				t.Errorf("placeholders %v, want %v", names, want)
			}

			r := must(k.Preview(ctx, ops.PreviewRequest{ModNo: c.sms, Kind: store.KindResolved}))(t)
			if en := lang(t, r, "en"); en.Title != "[Resolved] SMS success low" || en.Text != "Philippines: SMS success is back after 30m." {
				t.Errorf("resolved en: %+v", en)
			}
			if zh := lang(t, r, "zh"); zh.Text != "" {
				t.Errorf("resolved zh: the template has no Chinese resolved text, got %+v", zh)
			}

			_, err := k.Preview(ctx, ops.PreviewRequest{ModNo: "MD-NO-SUCH"})
			if !errors.Is(err, store.ErrNotFound) || !strings.Contains(err.Error(), "MD-NO-SUCH") {
				t.Errorf("missing template: %v", err)
			}
		})
	}
}

// TestPreviewGivenValuesAndKinds: given values replace the sample's; the
// no-data and escalated messages say so as the engine's do; a value the
// engine fills when it sends is not taken, and the preview says so.
func TestPreviewGivenValuesAndKinds(t *testing.T) {
	db := testdb.SQLite(t)
	e, k := checkKit(t, db)
	c := configureClean(t, e, db)
	ctx := context.Background()
	vals := map[string]string{"country": "ID", "country_name": "Indonesia", "rate_pct": "12.00%", "vars.provider": "sms-co", "sent_at": "never"}
	p := must(k.Preview(ctx, ops.PreviewRequest{ModNo: c.sms, Values: vals}))(t)
	if en := lang(t, p, "en"); en.Text != "Indonesia: SMS success 12.00% in 2026-11-24 09:00–09:10, below 0.9. Provider: sms-co." {
		t.Errorf("given values: %+v", en)
	}
	if p.Country != "ID" || len(p.Notes) != 1 || !strings.Contains(p.Notes[0], "{sent_at}") {
		t.Errorf("country %q, notes %q", p.Country, p.Notes)
	}

	nd := must(k.Preview(ctx, ops.PreviewRequest{ModNo: c.sms, Kind: store.KindNoData}))(t)
	if en := lang(t, nd, "en"); en.Title != "[No data] SMS success low" || !strings.HasPrefix(en.Text, "[No data] Philippines: ") {
		t.Errorf("no data: %+v", en)
	}
	esc := must(k.Preview(ctx, ops.PreviewRequest{ModNo: c.sms, Kind: store.KindEscalated}))(t)
	if zh := lang(t, esc, "zh"); zh.Title != "【升级】短信验证成功率低" || !strings.HasPrefix(zh.Text, "【告警升级 1 级】已持续 30m\n") {
		t.Errorf("escalated: %+v", zh)
	}

	th := must(k.Preview(ctx, ops.PreviewRequest{ModNo: c.sms, Values: map[string]string{"country": "TH"}}))(t)
	if en := lang(t, th, "en"); !strings.HasPrefix(en.Text, "Thailand: ") { // monitor_country_mod's name, as the engine's
		t.Errorf("TH: %+v", en)
	}
	vn := must(k.Preview(ctx, ops.PreviewRequest{ModNo: c.sms, Values: map[string]string{"country": "VN"}}))(t)
	if len(vn.Notes) != 1 || !strings.Contains(vn.Notes[0], "VN has no time zone") || !strings.Contains(lang(t, vn, "en").Text, "2026-11-24 02:00–02:10") {
		t.Errorf("VN without a time zone: %q %+v", vn.Notes, vn.Languages)
	}
}

// TestPreviewDraftProblems: a draft's unknown placeholders and stray
// braces are reported per column, as the engine's checks say them; the
// message does not render, and the preview says why.
func TestPreviewDraftProblems(t *testing.T) {
	db := testdb.SQLite(t)
	_, k := checkKit(t, db)
	draft := store.Template{InfoType: new(smsScene), Title: new("{scene} low"), Content: new("{country_name}: {rat} {nope} {rate_pct}"),
		ContentChinese: new("{country_name：坏")}
	p := must(k.Preview(context.Background(), ops.PreviewRequest{Draft: &draft}))(t)
	if p.ModNo != "draft" || p.Error == "" || len(p.Languages) != 0 {
		t.Errorf("draft: %+v", p)
	}
	if len(p.Problems) != 2 {
		t.Fatalf("problems: %+v", p.Problems)
	}
	if pr := p.Problems[0]; pr.Column != "content" || pr.Kind != "unknown_placeholder" || !slices.Equal(pr.Unknown, []string{"rat", "nope"}) ||
		!strings.Contains(pr.Message, "unknown placeholder {rat}, {nope}") {
		t.Errorf("content: %+v", pr)
	}
	if pr := p.Problems[1]; pr.Column != "content_chinese" || pr.Kind != "syntax" || len(pr.Unknown) != 0 || !strings.Contains(pr.Message, "character 1") {
		t.Errorf("content_chinese: %+v", pr)
	}
	for _, u := range p.Placeholders {
		if known := u.Name != "rat" && u.Name != "nope"; u.Known != known || (u.Known && u.Doc == "") {
			t.Errorf("placeholder %+v", u)
		}
	}
	if _, err := k.Preview(context.Background(), ops.PreviewRequest{}); err == nil {
		t.Error("no template and no draft: no error")
	}
}

// TestPreviewOverLimit: a text over WeCom's text limit and a title over
// DingTalk's are reported with their lengths; Slack's larger limit is not.
func TestPreviewOverLimit(t *testing.T) {
	db := testdb.SQLite(t)
	_, k := checkKit(t, db)
	long := strings.Repeat("成功率过低。", 120) // 2160 bytes
	draft := store.Template{InfoType: new(smsScene), Title: new("SMS"), Content: new("{country_name}: " + long)}
	draft.SetTitleChinese(strings.Repeat("短信验证成功率低", 6)) // 144 bytes
	draft.ContentChinese = new("{country_name}")
	p := must(k.Preview(context.Background(), ops.PreviewRequest{Draft: &draft}))(t)
	got := map[string]ops.OverLimit{}
	for _, o := range p.OverLimit {
		got[o.Lang+" "+o.ChannelType+" "+o.Part] = o
	}
	if o := got["en wecom text"]; o.Limit != 2048 || o.Bytes != len("SMS\nPH: "+long) {
		t.Errorf("en wecom text: %+v", o)
	}
	if o := got["zh dingtalk title"]; o.Limit != 128 || o.Bytes != 144 {
		t.Errorf("zh dingtalk title: %+v", o)
	}
	if len(got) != 2 {
		t.Errorf("over limit: %+v", p.OverLimit)
	}
}

// ParseKind reads the kinds the CLI's --kind takes.
func TestParseKind(t *testing.T) {
	for in, want := range map[string]store.MessageKind{"": store.KindAlert, "alert": store.KindAlert, " Resolved ": store.KindResolved,
		"nodata": store.KindNoData, "no data": store.KindNoData, "escalated": store.KindEscalated, "repeat": store.KindRepeat, "firing": store.KindFiring} {
		if got, err := ops.ParseKind(in); err != nil || got != want {
			t.Errorf("ParseKind(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	if _, err := ops.ParseKind("sideways"); err == nil || !strings.Contains(err.Error(), `"sideways"`) {
		t.Errorf("ParseKind(sideways): %v", err)
	}
}
