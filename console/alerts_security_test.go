package console_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/yujing-go/yujing/console"
	"github.com/yujing-go/yujing/internal/testdb"
)

// TestOpsPagesEscapeAndReadOnly: a hostile scene name, country and
// search input are shown escaped on the alerts, explain, channels and
// routes pages, in both languages; a read-only console still shows them
// all.
func TestOpsPagesEscapeAndReadOnly(t *testing.T) {
	for _, be := range testdb.Backends() {
		t.Run(be.Name, func(t *testing.T) {
			country := `<b onclick="x">'&"`
			f := newFixture(t, be.Open, fixtureOpts{sceneName: hostile, countries: []string{country},
				console: []console.Option{console.ReadOnly()}})
			f.scene.set(country, 0.2)
			f.fire()
			_, list := f.get("alerts?country=" + url.QueryEscape(country))
			sl := codes(list)
			if len(sl) == 0 || !strings.Contains(list, "&lt;b onclick=&#34;x&#34;&gt;") {
				t.Fatalf("the hostile country's alert: %v", sl)
			}
			for _, path := range []string{"alerts", "alerts?lang=zh", "alerts?channel=%3Cscript%3E", "explain?code=" + sl[0],
				"explain?code=" + sl[0] + "&lang=zh", "channels", "routes", "routes?lang=zh", "explain?code=%3Cscript%3E"} {
				code, page := f.get(path)
				if code != http.StatusOK && code != http.StatusNotFound {
					t.Errorf("GET %s: %d", path, code)
				}
				for _, bad := range []string{"<script", "<img", "<b onclick"} {
					if strings.Contains(page, bad) {
						t.Errorf("GET %q holds %q unescaped", path, bad)
					}
				}
				if strings.Contains(page, `action="channels"`) || strings.Contains(page, `action="channel-test"`) {
					t.Errorf("the read-only GET %s offers a channel write", path)
				}
			}
			assertNoSecret(t, list+f.logText())
		})
	}
}
