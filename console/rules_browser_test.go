package console_test

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/yujing-go/yujing/internal/testdb"
)

// TestBrowserRuleTypoBacktest: in a real browser, an operator types a rule
// with a typo and sees the engine's error with its position appear while
// typing (static/live.js), fixes it and sees it compile, saves it, then
// backtests it over the last day for PH: the chart marks the windows that
// would fire.
func TestBrowserRuleTypoBacktest(t *testing.T) {
	ctx := newBrowser(t)
	for _, be := range testdb.Backends() {
		t.Run(be.Name, func(t *testing.T) {
			f := newFixture(t, be.Open, fixtureOpts{})
			f.fire()
			for m := 41; m <= 91; m += 10 {
				f.tickAt(t0.Add(time.Duration(m) * time.Minute))
			}
			do(t, ctx,
				chromedp.Navigate(f.base+"rules"),
				chromedp.WaitVisible(css(`#rule-editor`)),
				chromedp.SendKeys(css(`#rule-editor input[name=rule_no]`), "R-TYPO"),
				chromedp.SendKeys(css(`#threshold_val`), "0.8"),
				chromedp.SendKeys(css(`#fun_code`), "denominator >= 100 && rat < threshold"),
			)
			settled(t, ctx, "rule-editor", `#rule-problem`)
			problem := read(t, ctx, chromedp.Text(css(`#rule-problem`)))
			screenshot(t, ctx, "rule-typo")
			read(t, ctx, chromedp.Evaluate[bool](`document.getElementById("fun_code").value = ""; true`))
			do(t, ctx,
				chromedp.SendKeys(css(`#fun_code`), "denominator >= 100 && rate < threshold"),
			)
			settled(t, ctx, "rule-editor", `#rule-ok`)
			do(t, ctx,
				chromedp.Click(css(`#save-rule`)),
				chromedp.WaitVisible(css(`.flash`)),
			)
			flash := read(t, ctx, chromedp.Text(css(`.flash`)))
			if !strings.Contains(problem, "line 1, column 23") || !strings.Contains(problem, "rat") || !strings.Contains(flash, "Rule saved") {
				t.Fatalf("problem %q, flash %q", problem, flash)
			}
			do(t, ctx,
				chromedp.SetValue(css(`#bt-countries`), "PH TH"),
				chromedp.SetValue(css(`#rule-editor input[name=days]`), "1"),
				chromedp.Click(css(`#run-backtest`)),
				chromedp.WaitVisible(css(`figure.bt-chart[data-country="PH"] svg`)),
			)
			fired := read(t, ctx, chromedp.AttributeValue(css(`figure.bt-chart[data-country="PH"]`), "data-fired")).Value
			marks := read(t, ctx, chromedp.Evaluate[int](`document.querySelectorAll('figure.bt-chart[data-country="PH"] rect.fire-mark').length`))
			screenshot(t, ctx, "rule-backtest")
			if fired == "" || fired == "0" || marks == 0 {
				t.Errorf("PH's chart: %s windows fired, %d marks", fired, marks)
			}
		})
	}
}

// TestBrowserTemplatePreview: typing a template shows its preview in
// English and Chinese as it is typed, and an unknown placeholder as the
// engine's objection.
func TestBrowserTemplatePreview(t *testing.T) {
	ctx := newBrowser(t)
	f := newFixture(t, testdb.SQLite, fixtureOpts{})
	do(t, ctx,
		chromedp.Navigate(f.base+"templates"),
		chromedp.WaitVisible(css(`#template-editor`)),
		chromedp.SendKeys(css(`#template-editor input[name=title]`), "SMS low"),
		chromedp.SendKeys(css(`#content`), "{country}: SMS success {rate_pct} {oops}"),
		chromedp.SendKeys(css(`#content_chinese`), "{country}：短信成功率 {rate_pct}"),
	)
	settled(t, ctx, "template-editor", `#preview-problems`)
	problems := read(t, ctx, chromedp.Text(css(`#preview-problems`)))
	read(t, ctx, chromedp.Evaluate[bool](`document.getElementById("content").value = ""; true`))
	do(t, ctx,
		chromedp.SendKeys(css(`#content`), "{country}: SMS success {rate_pct}"),
	)
	settled(t, ctx, "template-editor", `#preview-en`)
	en := read(t, ctx, chromedp.Text(css(`#preview-en`)))
	zh := read(t, ctx, chromedp.Text(css(`#preview-zh`)))
	screenshot(t, ctx, "template-preview")
	if !strings.Contains(problems, "oops") || !strings.Contains(en, "PH: SMS success") || !strings.Contains(zh, "短信成功率") {
		t.Errorf("problems %q; en %q; zh %q", problems, en, zh)
	}
}

// settled waits until the live check of the form has answered the last
// keystroke (static/live.js sets data-live-state="done") and the answer
// holds the element sel: a check that replaces the fragment as the
// operator types would leave a wait on a replaced node hanging.
func settled(t *testing.T, ctx context.Context, form, sel string) {
	t.Helper()
	expr := `document.getElementById(` + strconv.Quote(form) + `).getAttribute("data-live-state") === "done" && !!document.querySelector(` + strconv.Quote(sel) + `)`
	deadline := time.Now().Add(30 * time.Second)
	for !read(t, ctx, chromedp.Evaluate[bool](expr)) {
		if time.Now().After(deadline) {
			t.Fatalf("the live check of #%s did not show %s", form, sel)
		}
		do(t, ctx, chromedp.Sleep(100*time.Millisecond))
	}
}
