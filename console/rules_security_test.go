package console_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/yujing-go/yujing/console"
	"github.com/yujing-go/yujing/internal/testdb"
	"github.com/yujing-go/yujing/store"
)

// editorWrites are a valid rule and a valid template, as the editors post them.
func editorWrites() map[string]url.Values {
	return map[string]url.Values{
		"rules":     {"rule_no": {"R-X"}, "fun_code": {"rate < threshold"}, "threshold_val": {"0.5"}},
		"templates": {"mod_no": {"MD-X"}, "info_type": {"1"}, "send_type": {"1"}, "content": {"{country}"}},
	}
}

// TestEditorWritesCrossOriginRefused: the editors' saves sent as another
// site's page would send them are refused with 403 and write nothing.
func TestEditorWritesCrossOriginRefused(t *testing.T) {
	for _, be := range testdb.Backends() {
		t.Run(be.Name, func(t *testing.T) {
			f := newFixture(t, be.Open, fixtureOpts{})
			for path, form := range editorWrites() {
				for _, hdr := range [][]string{{"Sec-Fetch-Site", "cross-site", "Origin", "https://evil.example"},
					{"Sec-Fetch-Site", "", "Origin", "https://evil.example"}} {
					if code, _, _ := f.post(path, form, hdr...); code != http.StatusForbidden {
						t.Errorf("POST %s with %v: %d, want 403", path, hdr, code)
					}
				}
			}
			ctx := context.Background()
			if _, err := f.engine.Config(f.db).GetRule(ctx, "R-X"); err == nil {
				t.Error("a cross-origin save created a rule")
			}
			if _, err := f.engine.Config(f.db).GetTemplate(ctx, "MD-X"); err == nil {
				t.Error("a cross-origin save created a template")
			}
		})
	}
}

// TestEditorsReadOnly: a read-only console shows the editors without a
// save button (check, preview and backtest still work) and refuses the
// saves with 403.
func TestEditorsReadOnly(t *testing.T) {
	f := newFixture(t, testdb.SQLite, fixtureOpts{console: []console.Option{console.ReadOnly()}})
	for _, path := range []string{"rules", "templates"} {
		if code, page := f.get(path); code != http.StatusOK || strings.Contains(page, `id="save-`) {
			t.Errorf("GET %s: %d, or a save button", path, code)
		}
	}
	for path, form := range editorWrites() {
		if code, page, _ := f.post(path, form); code != http.StatusForbidden || !strings.Contains(page, "read-only") {
			t.Errorf("POST %s: %d, want 403", path, code)
		}
	}
	if _, frag := f.get("rule-check?fun_code=rate"); !strings.Contains(frag, "field-") {
		t.Error("the check does not answer on a read-only console")
	}
}

// TestEditorsHostileText: a rule's and a template's texts, a scene name
// and a country made to break the page are shown escaped on the lists,
// the editors, the check, the preview and the backtest.
func TestEditorsHostileText(t *testing.T) {
	for _, be := range testdb.Backends() {
		t.Run(be.Name, func(t *testing.T) {
			f := newFixture(t, be.Open, fixtureOpts{sceneName: hostile, console: userHeader()})
			ctx := context.Background()
			cfg := f.engine.Config(f.db, store.AsUser("ops"))
			if _, err := cfg.CreateRule(ctx, store.Rule{RuleNo: new("R-H"), FunCode: new(`country != "<script>x</script>" && rate < threshold`),
				ThresholdVal: new("0.5"), FunDesc: new(hostile)}); err != nil {
				t.Fatal(err)
			}
			if _, err := cfg.CreateTemplate(ctx, store.Template{ModNo: new("MD-H"), Title: new("<img src=x>"), InfoType: new(smsScene),
				SendType: new(store.SendRealtime), Content: new(`{country} <script>alert(1)</script>`)}); err != nil {
				t.Fatal(err)
			}
			hostileQ := url.Values{"fun_code": {`rate < "<img src=x onerror=alert(1)>"`}, "content": {hostile + " {nope<b>}"}, "info_type": {"1"},
				"send_type": {"1"}, "countries": {`<b onclick="x">`}, "scene": {"1"}, "backtest": {"1"}, "threshold_val": {"1"}}.Encode()
			for _, path := range []string{"rules", "rules?code=R-H", "templates", "templates?code=MD-H", "rules?" + hostileQ,
				"rule-check?" + hostileQ, "template-preview?" + hostileQ, "templates?" + hostileQ, "rules?lang=zh"} {
				_, page := f.get(path, "X-User", `<u>"mallory"</u>`)
				for _, bad := range []string{"<script>", "<img", "<b onclick", "<u>", "<b>}"} {
					if strings.Contains(page, bad) {
						t.Errorf("GET %q holds %q unescaped", path, bad)
					}
				}
			}
		})
	}
}

// TestEditorsNoSecret: the channel's secret and token and the ack key
// appear in no answer of the editors (the preview renders {ack_link}) nor
// in the log.
func TestEditorsNoSecret(t *testing.T) {
	f := newFixture(t, testdb.SQLite, fixtureOpts{})
	f.fire()
	var all strings.Builder
	q := url.Values{"info_type": {"1"}, "send_type": {"1"}, "content": {"{country} {ack_link} {link}"}, "content_chinese": {"{ack_link}"}}.Encode()
	for _, path := range []string{"rules", "templates", "templates?code=MD-SMS", "template-preview?" + q, "templates?" + q,
		"rules?code=R-SMS-LOW&backtest=1&scene=1&countries=PH&days=1", "static/live.js", "static/editor.css"} {
		_, page := f.get(path)
		all.WriteString(page)
	}
	for path, form := range editorWrites() {
		form.Set("content", "{ack_link} {bad")
		_, page, _ := f.post(path, form)
		all.WriteString(page)
	}
	all.WriteString(f.logText())
	for _, secret := range []string{webhookSecret, webhookToken, ackKey} {
		if strings.Contains(all.String(), secret) {
			t.Errorf("a secret (%.6s…) is in an answer or the log", secret)
		}
	}
	if !regexp.MustCompile(`id="preview-en"`).MatchString(all.String()) {
		t.Error("no preview was rendered")
	}
}
