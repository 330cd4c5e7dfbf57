package console_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/yujing-go/yujing/console"
	"github.com/yujing-go/yujing/internal/testdb"
	"github.com/yujing-go/yujing/store"
)

// TestCrossOriginWritesRefused: every write, sent as another site's page
// would send it (a browser's Sec-Fetch-Site, or only an Origin), is
// refused with 403 and changes nothing; reading is not affected.
func TestCrossOriginWritesRefused(t *testing.T) {
	for _, be := range testdb.Backends() {
		t.Run(be.Name, func(t *testing.T) {
			f := newFixture(t, be.Open, fixtureOpts{})
			f.fire()
			ctx := context.Background()
			s, err := f.engine.Config(f.db, store.AsUser("ops")).CreateSilence(ctx, store.Silence{CountryNo: "TH", StartsAt: new(f.clock.Now()),
				EndsAt: new(f.clock.Now().Add(3600e9)), Comment: new("x")})
			if err != nil {
				t.Fatal(err)
			}
			since := strconv.FormatInt(f.state("PH").FiringSince.Unix(), 10)
			writes := map[string]url.Values{
				"silences":                              {"country": {"PH"}, "for": {"1h"}, "comment": {"evil"}},
				"silence-expire":                        {"code": {s.SilenceNo}},
				"acknowledge":                           {"info_type": {"1"}, "country": {"PH"}, "since": {since}},
				strings.TrimPrefix(f.ackLink(), f.base): {"name": {"evil"}},
			}
			for path, form := range writes {
				for _, hdr := range [][]string{{"Sec-Fetch-Site", "cross-site", "Origin", "https://evil.example"},
					{"Sec-Fetch-Site", "", "Origin", "https://evil.example"}, {"Sec-Fetch-Site", "same-site", "Origin", "https://a." + f.srv.Listener.Addr().String()}} {
					if code, _, _ := f.post(path, form, hdr...); code != http.StatusForbidden {
						t.Errorf("POST %s with %v: %d, want 403", path, hdr, code)
					}
				}
			}
			list, _ := f.engine.Config(f.db).ListSilences(ctx, store.SilenceFilter{})
			if len(list) != 1 || f.state("PH").AckBy != nil {
				t.Errorf("a cross-origin write changed something: %d silences, ack by %v", len(list), f.state("PH").AckBy)
			}
			if code, _ := f.get("", "Sec-Fetch-Site", "cross-site"); code != http.StatusOK {
				t.Errorf("a cross-site GET: %d", code)
			}
			if !strings.Contains(f.logText(), "cross-origin request refused") {
				t.Error("the refusals are not logged")
			}
		})
	}
}

// TestReadOnly: a read-only console shows no write form and refuses every
// write with 403, the link's confirmation included.
func TestReadOnly(t *testing.T) {
	f := newFixture(t, testdb.SQLite, fixtureOpts{console: []console.Option{console.ReadOnly()}})
	f.fire()
	for _, path := range []string{"", "silences"} {
		_, page := f.get(path)
		if strings.Contains(page, "<form") || !strings.Contains(page, "read-only") {
			t.Errorf("GET %q: a form, or no read-only badge", path)
		}
	}
	since := strconv.FormatInt(f.state("PH").FiringSince.Unix(), 10)
	for path, form := range map[string]url.Values{"silences": {"country": {"PH"}, "for": {"1h"}, "comment": {"x"}},
		"silence-expire": {"code": {"SI1"}}, "acknowledge": {"info_type": {"1"}, "country": {"PH"}, "since": {since}},
		strings.TrimPrefix(f.ackLink(), f.base): {"name": {"maria"}}} {
		if code, page, _ := f.post(path, form); code != http.StatusForbidden || !strings.Contains(page, "read-only") {
			t.Errorf("POST %s: %d, want 403", path, code)
		}
	}
	if f.state("PH").AckBy != nil {
		t.Error("acknowledged through a read-only console")
	}
}

// TestNoUserNoWrite: when the host's WithUser names nobody (or a name
// longer than the audit holds), writes are refused with 403.
func TestNoUserNoWrite(t *testing.T) {
	f := newFixture(t, testdb.SQLite, fixtureOpts{console: userHeader()})
	for _, user := range []string{"", strings.Repeat("x", 65)} {
		if code, _, _ := f.post("silences", url.Values{"country": {"PH"}, "for": {"1h"}, "comment": {"x"}}, "X-User", user); code != http.StatusForbidden {
			t.Errorf("user %q: %d, want 403", user, code)
		}
	}
}

// hostile is text meant to break out of HTML, attributes and scripts.
const hostile = `<script>alert("x")</script>'"><img src=x onerror=alert(1)> 短信`

// TestHostileNamesEscaped: a scene name, a country code and a silence
// comment made to break the page are shown as text on every page, in
// both languages.
func TestHostileNamesEscaped(t *testing.T) {
	for _, be := range testdb.Backends() {
		t.Run(be.Name, func(t *testing.T) {
			country := `<b onclick="x">'&"`
			f := newFixture(t, be.Open, fixtureOpts{sceneName: hostile, countries: []string{country}, console: userHeader()})
			f.scene.set(country, 0.2)
			f.fire()
			if _, err := f.engine.Config(f.db, store.AsUser(`"ops"<i>`)).CreateSilence(context.Background(), store.Silence{CountryNo: "ID",
				StartsAt: new(f.clock.Now()), EndsAt: new(f.clock.Now().Add(3600e9)), Comment: new(hostile)}); err != nil {
				t.Fatal(err)
			}
			for _, path := range []string{"", "silences", "silences?show=all", "?lang=zh", "silences?lang=zh", "nowhere"} {
				_, page := f.get(path, "X-User", `<u>"mallory"</u>`)
				for _, bad := range []string{"<script", "<img", "<b onclick", "<u>", "<i>", `"mallory"`} {
					if strings.Contains(page, bad) {
						t.Errorf("GET %q holds %q unescaped", path, bad)
					}
				}
			}
			_, page := f.get("", "X-User", "x")
			for _, want := range []string{"&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;&#39;&#34;&gt;&lt;img src=x onerror=alert(1)&gt; 短信",
				`data-country="&lt;b onclick=&#34;x&#34;&gt;&#39;&amp;&#34;"`} {
				if !strings.Contains(page, want) {
					t.Errorf("the overview lacks %q", want)
				}
			}
			_, page = f.get("silences", "X-User", "x")
			if !strings.Contains(page, "&lt;script&gt;alert(&#34;x&#34;)") || !strings.Contains(page, "&#34;ops&#34;&lt;i&gt;") {
				t.Error("the silence's comment or creator is not shown escaped")
			}
		})
	}
}

// TestNoSecretInAnyAnswer: the webhook's secret and token, and the ack
// key, appear in no page, refusal or log line of the console.
func TestNoSecretInAnyAnswer(t *testing.T) {
	f := newFixture(t, testdb.SQLite, fixtureOpts{})
	f.fire()
	var all strings.Builder
	for _, path := range []string{"", "silences", "silences?show=all", "?lang=zh", "static/console.css", "nowhere",
		strings.TrimPrefix(f.ackLink(), f.base)} {
		_, page := f.get(path)
		all.WriteString(page)
	}
	for _, form := range []url.Values{{"country": {"PH"}, "for": {"1h"}}, {"scene": {"9"}, "for": {"1h"}, "comment": {"x"}}} {
		_, page, _ := f.post("silences", form)
		all.WriteString(page)
	}
	all.WriteString(f.logText())
	for _, secret := range []string{webhookSecret, webhookToken, ackKey} {
		if strings.Contains(all.String(), secret) {
			t.Errorf("a secret (%.6s…) is in an answer or the log", secret)
		}
	}
}

// TestLanguageSwitch: ?lang=zh shows the pages in Chinese and a cookie
// remembers it; ?lang=en switches back.
func TestLanguageSwitch(t *testing.T) {
	f := newFixture(t, testdb.SQLite, fixtureOpts{})
	f.fire()
	res, err := http.Get(f.base + "?lang=zh")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	var ck *http.Cookie
	for _, c := range res.Cookies() {
		if c.Value == "zh" {
			ck = c
		}
	}
	if ck == nil || !ck.HttpOnly {
		t.Fatalf("no language cookie: %v", res.Cookies())
	}
	_, page := f.get("silences", "Cookie", ck.Name+"=zh")
	if !strings.Contains(page, `<html lang="zh-CN">`) || !strings.Contains(page, "新建静默") || !strings.Contains(page, "总览") {
		t.Error("the cookie's language is not used")
	}
	if _, page := f.get("?lang=en", "Cookie", ck.Name+"=zh"); !strings.Contains(page, "Overview") {
		t.Error("?lang=en does not switch back")
	}
}

// TestNotFound: an unknown path is 404 with the console's page.
func TestNotFound(t *testing.T) {
	f := newFixture(t, testdb.SQLite, fixtureOpts{})
	if code, page := f.get("nowhere"); code != http.StatusNotFound || !strings.Contains(page, "Not found.") {
		t.Errorf("%d", code)
	}
}

// TestSecurityHeaders: every page allows only the console's own script
// (no inline script, no eval) and forbids framing and outside resources,
// is not cached, and sends no referrer.
func TestSecurityHeaders(t *testing.T) {
	f := newFixture(t, testdb.SQLite, fixtureOpts{})
	for _, path := range []string{"", "silences", "rules", "templates", "rule-check?fun_code=x", "nowhere"} {
		res, err := http.Get(f.base + path)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		h := res.Header
		if csp := h.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'none'") || !strings.Contains(csp, "script-src 'self';") ||
			strings.Contains(csp, "unsafe-inline") || strings.Contains(csp, "unsafe-eval") || !strings.Contains(csp, "connect-src 'self';") ||
			h.Get("X-Frame-Options") != "DENY" || h.Get("Cache-Control") != "no-store" || h.Get("Referrer-Policy") != "no-referrer" ||
			h.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("GET %q: headers %v", path, h)
		}
	}
}
