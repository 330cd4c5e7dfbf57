package console_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// EnvRequireBrowser, set to 1 (CI sets it when it could install
// chromium), turns a missing browser into a failure instead of a skip.
const EnvRequireBrowser = "ALERT_TEST_REQUIRE_BROWSER"

// EnvScreenshots, set to 1, writes the browser tests' screenshots to
// docs/console/*.png (refresh them with
// `YUJING_SCREENSHOTS=1 go test ./console/ -run Browser -count=1`).
const EnvScreenshots = "YUJING_SCREENSHOTS"

// findBrowser returns the path of a Chrome or Chromium: $CHROME_PATH, or
// chromium (chromium-browser, google-chrome) in PATH. Without one the
// test skips, saying how to get one, or fails under EnvRequireBrowser=1.
func findBrowser(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("CHROME_PATH"); p != "" {
		if _, err := os.Stat(p); err == nil {
			return p
		}
		t.Fatalf("CHROME_PATH=%s: no such file", p)
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	msg := "no browser for the console's browser tests: install Debian's chromium (apt-get install -y chromium) or set CHROME_PATH"
	if os.Getenv(EnvRequireBrowser) == "1" {
		t.Fatalf("%s (%s=1 requires one)", msg, EnvRequireBrowser)
	}
	t.Skip(msg)
	return ""
}

// newBrowser starts a headless browser for the test (--no-sandbox: the
// tests may run as root) and returns the context of its first tab.
func newBrowser(t *testing.T) context.Context {
	t.Helper()
	path := findBrowser(t)
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(path), chromedp.NoSandbox, chromedp.Headless,
		chromedp.DisableGPU, chromedp.WindowSize(1280, 720), chromedp.Flag("lang", "en-US"))
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelTab := chromedp.NewContext(alloc)
	t.Cleanup(func() { cancelTab(); cancelAlloc() })
	if err := chromedp.Do(ctx); err != nil { // start it, with no timeout: a timeout here would end the browser
		t.Fatalf("start the browser %s: %v", path, err)
	}
	return ctx
}

// do runs the steps in the browser, within a minute.
func do(t *testing.T, ctx context.Context, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	tctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	if err := chromedp.Do(tctx, steps...); err != nil {
		t.Fatal(err)
	}
}

// read runs one action that reads the page, within a minute.
func read[T any](t *testing.T, ctx context.Context, a chromedp.Action[T]) T {
	t.Helper()
	tctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	v, err := chromedp.Run(tctx, a)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// screenshot writes the page to docs/console/NAME.png when
// EnvScreenshots is 1.
func screenshot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	if os.Getenv(EnvScreenshots) != "1" {
		return
	}
	png := read(t, ctx, chromedp.FullScreenshot(100))
	dir := filepath.Join("..", "docs", "console")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644); err != nil {
		t.Fatal(err)
	}
}

// cellOf reads the data-state of the overview's cell of country.
func cellOf(t *testing.T, ctx context.Context, country string) string {
	t.Helper()
	return read(t, ctx, chromedp.AttributeValue(chromedp.CSS(`td[data-scene="1"][data-country="`+country+`"]`), "data-state")).Value
}
