package console_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/yujing-go/yujing/internal/testdb"
)

// TestBrowserChannelSendTest: in a real browser, an operator presses
// "send test" on the channels page; the page says "sent", and the
// httptest robot got the test message. The editor of the channel shows
// its secrets as unchanged, never their values; the routes page shows
// every country routed.
func TestBrowserChannelSendTest(t *testing.T) {
	ctx := newBrowser(t)
	for _, be := range testdb.Backends() {
		t.Run(be.Name, func(t *testing.T) {
			f := newFixture(t, be.Open, fixtureOpts{})
			do(t, ctx,
				chromedp.Navigate(f.base+"channels"),
				chromedp.WaitVisible(css(`#channel-list`)),
				chromedp.Click(css(`#test-CH-HOOK`)),
				chromedp.WaitVisible(css(`#test-result`)),
			)
			verdict := read(t, ctx, chromedp.Text(css(`#verdict`)))
			screenshot(t, ctx, "channels-test")
			got := f.recv.Got()
			if verdict != "sent" || len(got) != 1 || !strings.Contains(got[0].Payload.English.Title, "[TEST]") {
				t.Fatalf("verdict %q; the robot got %d messages", verdict, len(got))
			}
			do(t, ctx, chromedp.Navigate(f.base+"channels?edit=CH-HOOK"), chromedp.WaitVisible(css(`#channel-editor`)))
			html := read(t, ctx, chromedp.OuterHTML(css(`html`)))
			if strings.Contains(html, webhookSecret) || strings.Contains(html, webhookToken) ||
				!strings.Contains(html, "(unchanged — type to replace)") {
				t.Error("the editor shows a secret, or not that it is kept")
			}
			screenshot(t, ctx, "channels-editor")
			do(t, ctx, chromedp.Navigate(f.base+"routes"), chromedp.WaitVisible(css(`#routes`)))
			if class := read(t, ctx, chromedp.AttributeValue(css(`td[data-country="*"]`), "data-class")); class.Value != "ok" {
				t.Errorf("routes: every country's cell is %q, want ok", class.Value)
			}
			screenshot(t, ctx, "routes")
		})
	}
}

// TestBrowserExplainFromAlerts: the engine sends PH's alert and the robot
// refuses ID's; on the alerts page an operator searches the failed ones
// and opens its explain view, which shows the robot's answer.
func TestBrowserExplainFromAlerts(t *testing.T) {
	ctx := newBrowser(t)
	for _, be := range testdb.Backends() {
		t.Run(be.Name, func(t *testing.T) {
			f := newFixture(t, be.Open, fixtureOpts{})
			f.failID()
			do(t, ctx,
				chromedp.Navigate(f.base+"alerts"),
				chromedp.WaitVisible(css(`#alerts`)),
				chromedp.SetValue(css(`#search select[name=status]`), "failed"),
				chromedp.Click(css(`#search-go`)),
				chromedp.WaitVisible(css(`#alerts a.explain`)),
			)
			screenshot(t, ctx, "alerts")
			do(t, ctx, chromedp.Click(css(`#alerts a.explain`)), chromedp.WaitVisible(css(`#slot`)))
			status := read(t, ctx, chromedp.Text(css(`#alert-status`)))
			channels := read(t, ctx, chromedp.Text(css(`#channels`)))
			screenshot(t, ctx, "explain")
			if status != "failed" || !strings.Contains(channels, "HTTP 400") {
				t.Errorf("explain: status %q, channels %q", status, channels)
			}
		})
	}
}
