package console_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/yujing-go/yujing/internal/testdb"
)

type css = chromedp.CSS

// TestBrowserSilenceMutes: in a real browser, an operator fills the new
// silence form for PH, which fires; the list shows it, and on the
// overview PH turns muted.
func TestBrowserSilenceMutes(t *testing.T) {
	ctx := newBrowser(t)
	for _, be := range testdb.Backends() {
		t.Run(be.Name, func(t *testing.T) {
			f := newFixture(t, be.Open, fixtureOpts{})
			f.fire()
			do(t, ctx, chromedp.Navigate(f.base), chromedp.WaitVisible(css(`#matrix`)))
			before := cellOf(t, ctx, "PH")
			do(t, ctx,
				chromedp.Navigate(f.base+"silences"),
				chromedp.SendKeys(css(`#new-silence select[name=scene]`), "1"),
				chromedp.Clear(css(`#new-silence input[name=country]`)),
				chromedp.SendKeys(css(`#new-silence input[name=country]`), "PH"),
				chromedp.SendKeys(css(`#new-silence input[name=comment]`), "carrier outage · 运营商故障"),
				chromedp.Click(css(`#create-silence`)),
				chromedp.WaitVisible(css(`.flash`)),
			)
			flash := read(t, ctx, chromedp.Text(css(`.flash`)))
			listed := read(t, ctx, chromedp.Text(css(`#silences`)))
			screenshot(t, ctx, "silences")
			do(t, ctx, chromedp.Navigate(f.base), chromedp.WaitVisible(css(`#matrix`)))
			after := cellOf(t, ctx, "PH")
			if before != "firing" || after != "muted" || !strings.Contains(flash, "Silence created") ||
				!strings.Contains(listed, "carrier outage · 运营商故障") {
				t.Errorf("PH before %q, after %q; flash %q; list %q", before, after, flash, listed)
			}
			screenshot(t, ctx, "overview-muted")
		})
	}
}

// TestBrowserAckFromTheMessage: the engine Ticks and sends PH's alert to
// the robot; the link in the message the robot received, opened in the
// browser, shows the confirmation page; confirmed with a name, PH is
// acknowledged, and the overview says so.
func TestBrowserAckFromTheMessage(t *testing.T) {
	ctx := newBrowser(t)
	for _, be := range testdb.Backends() {
		t.Run(be.Name, func(t *testing.T) {
			f := newFixture(t, be.Open, fixtureOpts{})
			f.fire()
			link := f.ackLink()
			do(t, ctx,
				chromedp.Navigate(link),
				chromedp.WaitVisible(css(`#name`)),
				chromedp.SendKeys(css(`#name`), "Maria (on call)"),
				chromedp.Submit(css(`#name`)),
				chromedp.WaitNotPresent(css(`#name`)),
			)
			if got := deref(f.state("PH").AckBy); got != "Maria (on call)" {
				t.Fatalf("PH acknowledged by %q", got)
			}
			do(t, ctx, chromedp.Navigate(f.base), chromedp.WaitVisible(css(`#matrix`)))
			if state := cellOf(t, ctx, "PH"); state != "acknowledged" {
				t.Errorf("PH on the overview: %q", state)
			}
			screenshot(t, ctx, "overview-acknowledged")
		})
	}
}

// TestBrowserLanguage: the header's link switches the console to Chinese,
// and it stays Chinese on the next page (the cookie).
func TestBrowserLanguage(t *testing.T) {
	ctx := newBrowser(t)
	f := newFixture(t, testdb.SQLite, fixtureOpts{})
	f.fire()
	do(t, ctx, chromedp.Navigate(f.base), chromedp.WaitVisible(css(`#matrix`)))
	screenshot(t, ctx, "overview")
	do(t, ctx, chromedp.Click(css(`#lang`)), chromedp.WaitVisible(css(`html[lang="zh-CN"]`)))
	heading := read(t, ctx, chromedp.Text(css(`h1`)))
	screenshot(t, ctx, "overview-zh")
	do(t, ctx, chromedp.Click(css(`header nav a[href="silences"]`)), chromedp.WaitVisible(css(`#new-silence`)))
	lang := read(t, ctx, chromedp.AttributeValue(css(`html`), "lang")).Value
	nav := read(t, ctx, chromedp.Text(css(`header nav`)))
	if heading != "总览" || lang != "zh-CN" || !strings.Contains(nav, "静默") {
		t.Errorf("heading %q, lang %q, nav %q", heading, lang, nav)
	}
}
