package console_test

import (
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/yujing-go/yujing/internal/testdb"
)

// TestOverviewShowsStates: PH fires, ID and TH are fine; the overview
// shows each cell's state, PH's firing time, the latest value with a
// trend, a form to acknowledge PH only, and refreshes by itself.
func TestOverviewShowsStates(t *testing.T) {
	for _, be := range testdb.Backends() {
		t.Run(be.Name, func(t *testing.T) {
			f := newFixture(t, be.Open, fixtureOpts{})
			f.fire()
			code, page := f.get("")
			if code != http.StatusOK {
				t.Fatalf("GET overview: %d\n%s", code, page)
			}
			for c, want := range map[string]string{"PH": "firing", "ID": "ok", "TH": "ok"} {
				if got := cellState(t, page, c); got != want {
					t.Errorf("%s: %s, want %s", c, got, want)
				}
			}
			for _, want := range []string{`<meta http-equiv="refresh" content="30">`, "firing since " + f.state("PH").FiringSince.Format("2006-01-02 15:04") + " UTC",
				"50.0%", "97.0%", `<polyline points="`, `action="acknowledge"`, `name="country" value="PH"`,
				`href="static/console.css"`, `href="silences"`} {
				if !strings.Contains(page, want) {
					t.Errorf("the overview lacks %q", want)
				}
			}
			if strings.Count(page, `action="acknowledge"`) != 1 {
				t.Errorf("%d acknowledge forms, want 1 (PH)", strings.Count(page, `action="acknowledge"`))
			}
			if strings.Contains(page, "<script") {
				t.Error("the overview has a script")
			}
		})
	}
}

// TestLinksRelative: every link, form action and style sheet of every
// page is relative, so the console works under whatever prefix the host
// strips; the style sheet is served from the binary.
func TestLinksRelative(t *testing.T) {
	f := newFixture(t, testdb.SQLite, fixtureOpts{})
	f.fire()
	attr := regexp.MustCompile(`(?:href|action|src)="([^"]*)"`)
	for _, path := range []string{"", "?page=1", "silences", "silences?show=all", "nowhere"} {
		_, page := f.get(path)
		for _, m := range attr.FindAllStringSubmatch(page, -1) {
			if strings.HasPrefix(m[1], "/") || strings.Contains(m[1], "://") {
				t.Errorf("GET %q links to %q", path, m[1])
			}
		}
	}
	code, css := f.get("static/console.css")
	if code != http.StatusOK || !strings.Contains(css, ".matrix") {
		t.Errorf("the style sheet: %d", code)
	}
}

// TestOverviewPaged: the countries are shown a page at a time, sorted,
// with links between the pages; a page beyond the last shows the last.
func TestOverviewPaged(t *testing.T) {
	f := newFixture(t, testdb.SQLite, fixtureOpts{console: pageSize(2)})
	f.fire()
	_, one := f.get("")
	_, two := f.get("?page=2")
	_, far := f.get("?page=99")
	if !strings.Contains(one, `data-country="ID"`) || !strings.Contains(one, `data-country="PH"`) || strings.Contains(one, `data-country="TH"`) ||
		!strings.Contains(one, `href="?page=2" rel="next"`) || !strings.Contains(one, "Page 1 of 2 · 3 countries") {
		t.Error("page 1 is not ID and PH with a link to page 2")
	}
	if !strings.Contains(two, `data-country="TH"`) || strings.Contains(two, `data-country="PH"`) || !strings.Contains(two, `href="?page=1" rel="prev"`) {
		t.Error("page 2 is not TH with a link to page 1")
	}
	if !strings.Contains(far, "Page 2 of 2") {
		t.Error("a page beyond the last is not the last")
	}
}
