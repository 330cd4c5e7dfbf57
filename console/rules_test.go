package console_test

import (
	"context"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/yujing-go/yujing/internal/testdb"
)

// TestRulesCreateUpdateRefuse: a rule is created and updated through the
// editor as the signed-in user (create_uid, update_uid); a rule whose
// expression does not compile is refused with 422, the form kept as typed
// and the error shown with its position; the list shows the rules.
func TestRulesCreateUpdateRefuse(t *testing.T) {
	for _, be := range testdb.Backends() {
		t.Run(be.Name, func(t *testing.T) {
			f := newFixture(t, be.Open, fixtureOpts{console: userHeader()})
			typo := url.Values{"rule_no": {"R-NEW"}, "fun_desc": {"low"}, "fun_code": {"denominator >= 10 && rat < threshold"},
				"threshold_val": {"0.8"}, "param1": {"2"}, "param2": {"3"}}
			code, page, _ := f.post("rules", typo, "X-User", "maria")
			if code != http.StatusUnprocessableEntity || !strings.Contains(page, "line 1, column 22") ||
				!strings.Contains(page, "undeclared reference to &#39;rat&#39;") || !strings.Contains(page, "denominator &gt;= 10 &amp;&amp; rat &lt; threshold") {
				t.Fatalf("a typo: %d\n%s", code, page)
			}
			fixed := url.Values{}
			for k, v := range typo {
				fixed[k] = v
			}
			fixed.Set("fun_code", "denominator >= 10 && rate < threshold")
			code, _, hdr := f.post("rules", fixed, "X-User", "maria")
			if code != http.StatusSeeOther || !strings.HasPrefix(hdr.Get("Location"), "rules?done=rule&code=R-NEW") {
				t.Fatalf("create: %d %v", code, hdr)
			}
			ctx := context.Background()
			r, err := f.engine.Config(f.db).GetRule(ctx, "R-NEW")
			if err != nil || *r.Param1 != 2 || *r.Param2 != 3 || !strings.Contains(f.logText(), "rule=R-NEW update=false by=maria") {
				t.Fatalf("created %+v %v", r, err)
			}
			upd := url.Values{"update": {"1"}, "rule_no": {"R-NEW"}, "fun_desc": {"lower"}, "fun_code": {"rate < threshold"},
				"threshold_val": {"0.7"}, "param1": {"1"}, "param2": {"1"}}
			if code, _, _ := f.post("rules", upd, "X-User", "li.wei"); code != http.StatusSeeOther {
				t.Fatalf("update: %d", code)
			}
			r, _ = f.engine.Config(f.db).GetRule(ctx, "R-NEW")
			if deref(r.ThresholdVal) != "0.7" || !strings.Contains(f.logText(), "update=true by=li.wei") {
				t.Errorf("updated %+v", r)
			}
			_, page = f.get("rules")
			if !strings.Contains(page, `data-code="R-NEW"`) || !strings.Contains(page, `data-code="R-SMS-LOW"`) || !strings.Contains(page, "<td>enabled</td>") {
				t.Error("the list lacks a rule")
			}
			if code, page, _ := f.post("rules", url.Values{"update": {"1"}, "rule_no": {"R-NONE"}, "fun_code": {"rate < 1"}}, "X-User", "x"); code != http.StatusNotFound {
				t.Errorf("update of a missing rule: %d %s", code, page)
			}
		})
	}
}

// TestRuleCheckEndpoint: the live check answers a fragment with the
// engine's error and its position, or that it compiles; without
// JavaScript, the Check button's GET shows the same on the page.
func TestRuleCheckEndpoint(t *testing.T) {
	for _, be := range testdb.Backends() {
		t.Run(be.Name, func(t *testing.T) {
			f := newFixture(t, be.Open, fixtureOpts{})
			code, frag := f.get("rule-check?" + url.Values{"fun_code": {"rate <\n  threshlod"}, "threshold_val": {"0.9"}}.Encode())
			if code != http.StatusOK || !strings.Contains(frag, `data-column="fun_code" data-line="2" data-col="3"`) ||
				!strings.Contains(frag, "did you mean &#39;threshold&#39;") || strings.Contains(frag, "<html") {
				t.Errorf("check: %d %s", code, frag)
			}
			_, frag = f.get("rule-check?" + url.Values{"fun_code": {"rate < threshold"}, "threshold_val": {"abc"}}.Encode())
			if !strings.Contains(frag, `data-column="threshold_val"`) {
				t.Errorf("a bad threshold: %s", frag)
			}
			_, frag = f.get("rule-check?" + url.Values{"fun_code": {"rate < threshold"}, "threshold_val": {"0.9"}}.Encode())
			if !strings.Contains(frag, `id="rule-ok"`) {
				t.Errorf("a good rule: %s", frag)
			}
			_, page := f.get("rules?" + url.Values{"check": {"1"}, "fun_code": {"rat < 1"}}.Encode())
			if !strings.Contains(page, `id="rule-problem"`) || !strings.Contains(page, "line 1, column 1") {
				t.Errorf("the Check button's page lacks the error")
			}
		})
	}
}

// TestRuleBacktestPage: after PH fired, the backtest of the saved rule
// and of a draft over the last day draws PH's chart with its fired
// windows marked, and lists them; bounds are refused on the page.
func TestRuleBacktestPage(t *testing.T) {
	for _, be := range testdb.Backends() {
		t.Run(be.Name, func(t *testing.T) {
			f := newFixture(t, be.Open, fixtureOpts{})
			f.fire()
			for m := 41; m <= 91; m += 10 {
				f.tickAt(t0.Add(time.Duration(m) * time.Minute))
			}
			_, page := f.get("rules?" + url.Values{"code": {"R-SMS-LOW"}, "backtest": {"1"}, "scene": {"1"}, "countries": {"PH TH"}, "days": {"1"}}.Encode())
			if !strings.Contains(page, `<figure class="bt-chart" data-country="PH" data-fired="`) || strings.Contains(page, `data-country="PH" data-fired="0"`) ||
				!strings.Contains(page, `class="fire-mark"`) || !strings.Contains(page, `class="thr"`) || !strings.Contains(page, `id="bt-windows"`) ||
				!strings.Contains(page, `data-country="TH" data-fired="0"`) {
				t.Fatalf("the saved rule's backtest:\n%s", page)
			}
			_, page = f.get("rules?" + url.Values{"fun_code": {"rate < threshold"}, "threshold_val": {"0.1"}, "backtest": {"1"}, "scene": {"1"},
				"countries": {"PH"}, "days": {"1"}}.Encode())
			if !strings.Contains(page, `data-country="PH" data-fired="0"`) || !strings.Contains(page, "(draft)") {
				t.Errorf("a draft that never fires:\n%s", page)
			}
			for _, bad := range []url.Values{{"countries": {"A B C D E F G H I J K"}, "days": {"1"}}, {"countries": {"PH"}, "days": {"90"}}} {
				bad.Set("code", "R-SMS-LOW")
				bad.Set("backtest", "1")
				bad.Set("scene", "1")
				if _, page := f.get("rules?" + bad.Encode()); !strings.Contains(page, `id="bt-error"`) {
					t.Errorf("%v is not refused", bad)
				}
			}
		})
	}
}

// TestTemplatesCreatePreview: the preview shows the draft in both
// languages, its unknown placeholders per column; a template is created
// and updated as the user; a refused save keeps the form.
func TestTemplatesCreatePreview(t *testing.T) {
	for _, be := range testdb.Backends() {
		t.Run(be.Name, func(t *testing.T) {
			f := newFixture(t, be.Open, fixtureOpts{console: userHeader()})
			draft := url.Values{"mod_no": {"MD-NEW"}, "info_type": {"1"}, "send_type": {"1"}, "param2": {"0"}, "title": {"Low SMS"},
				"param6": {"短信低"}, "content": {"{country}: {rate_pct} {bogus}"}, "content_chinese": {"{country}：{rate_pct}"}}
			code, frag := f.get("template-preview?" + draft.Encode())
			if code != http.StatusOK || !strings.Contains(frag, `data-column="content"`) || !strings.Contains(frag, `<code class="unknown">{bogus}</code>`) {
				t.Errorf("preview of an unknown placeholder: %d %s", code, frag)
			}
			code, page, _ := f.post("templates", draft, "X-User", "maria")
			if code != http.StatusUnprocessableEntity || !strings.Contains(page, "{country}: {rate_pct} {bogus}") {
				t.Fatalf("refused save: %d", code)
			}
			draft.Set("content", "{country}: SMS {rate_pct}")
			draft.Set("resolved_content", "{country} recovered after {duration}")
			_, frag = f.get("template-preview?" + draft.Encode())
			if !strings.Contains(frag, `id="preview-en"`) || !strings.Contains(frag, `id="preview-zh"`) || !strings.Contains(frag, "PH: SMS ") ||
				!strings.Contains(frag, "短信低") || !strings.Contains(frag, "Resolved message") || !strings.Contains(frag, "PH recovered after") {
				t.Errorf("preview in both languages: %s", frag)
			}
			if code, _, _ := f.post("templates", draft, "X-User", "maria"); code != http.StatusSeeOther {
				t.Fatalf("create: %d", code)
			}
			draft.Set("update", "1")
			draft.Set("param2", "3600")
			if code, _, _ := f.post("templates", draft, "X-User", "li.wei"); code != http.StatusSeeOther {
				t.Fatalf("update: %d", code)
			}
			tpl, err := f.engine.Config(f.db).GetTemplate(context.Background(), "MD-NEW")
			if err != nil || deref(tpl.CreateUID) != "maria" || deref(tpl.UpdateUID) != "li.wei" || tpl.RepeatSeconds() != 3600 {
				t.Errorf("saved %+v %v", tpl, err)
			}
			_, page = f.get("templates?code=MD-NEW")
			if !strings.Contains(page, `data-code="MD-NEW"`) || !strings.Contains(page, `id="placeholders"`) || !strings.Contains(page, "{rate_pct}") ||
				!strings.Contains(page, "<td>realtime</td>\n<td>enabled</td>") {
				t.Error("the page lacks the template or the placeholder list")
			}
			_, page = f.get("templates?" + url.Values{"preview": {"1"}, "info_type": {"1"}, "send_type": {"1"}, "content": {"{country} x"}}.Encode())
			if !strings.Contains(page, `id="preview-en"`) {
				t.Error("the Preview button's page lacks the preview")
			}
		})
	}
}

// TestCheckKeepsNewRuleNew: the Check button of a new rule whose code is
// typed keeps it a new rule (no update), and its save creates it.
func TestCheckKeepsNewRuleNew(t *testing.T) {
	f := newFixture(t, testdb.SQLite, fixtureOpts{})
	_, page := f.get("rules?" + url.Values{"check": {"1"}, "rule_no": {"R-TYPED"}, "fun_code": {"rate < threshold"}, "threshold_val": {"0.3"}}.Encode())
	if strings.Contains(page, `name="update"`) || !strings.Contains(page, `name="rule_no" value="R-TYPED"`) || !strings.Contains(page, `id="rule-ok"`) {
		t.Errorf("a checked new rule is shown as a saved one")
	}
	_, page = f.get("rules?" + url.Values{"check": {"1"}, "update": {"1"}, "rule_no": {"R-SMS-LOW"}, "fun_code": {"rate < threshold"}}.Encode())
	if !strings.Contains(page, `name="update" value="1"`) {
		t.Errorf("a checked saved rule is not kept as saved")
	}
}

// TestEditorsChinese: the editors and their answers speak Chinese after
// ?lang=zh.
func TestEditorsChinese(t *testing.T) {
	f := newFixture(t, testdb.SQLite, fixtureOpts{})
	_, page := f.get("rules?lang=zh")
	_, frag := f.get("rule-check?lang=zh&fun_code=rate")
	_, tpl := f.get("templates?lang=zh&code=MD-SMS")
	if !strings.Contains(page, "表达式 (CEL)") || !strings.Contains(page, "运行回测") || !strings.Contains(frag, "fun_code") ||
		!strings.Contains(tpl, "编辑模板") || !strings.Contains(tpl, "占位符") {
		t.Errorf("not in Chinese:\n%s\n%s", frag, tpl)
	}
}

// TestEditorsPaged: the lists page by id (?after=), a page at a time, on
// both databases.
func TestEditorsPaged(t *testing.T) {
	for _, be := range testdb.Backends() {
		t.Run(be.Name, func(t *testing.T) {
			f := newFixture(t, be.Open, fixtureOpts{console: pageSize(1)})
			if code, _, _ := f.post("rules", url.Values{"rule_no": {"R-2"}, "fun_code": {"rate < threshold"}, "threshold_val": {"0.2"}}); code != http.StatusSeeOther {
				t.Fatal(code)
			}
			_, first := f.get("rules")
			next := regexp.MustCompile(`href="(\?after=\d+)" rel="next"`).FindStringSubmatch(first)
			if next == nil || !strings.Contains(first, `data-code="R-SMS-LOW"`) || strings.Contains(first, `data-code="R-2"`) {
				t.Fatalf("first page:\n%s", first)
			}
			if _, second := f.get("rules" + html.UnescapeString(next[1])); !strings.Contains(second, `data-code="R-2"`) || strings.Contains(second, `data-code="R-SMS-LOW"`) {
				t.Errorf("second page lacks R-2")
			}
			if _, tpl := f.get("templates"); !strings.Contains(tpl, `data-code="MD-SMS"`) || !strings.Contains(tpl, `rel="next"`) {
				t.Errorf("templates' first page")
			}
		})
	}
}
