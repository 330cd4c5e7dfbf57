package ack_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/yujing-go/yujing/ack"
)

// recorder is an Acknowledger that keeps every call in memory. answer, if
// set, gives the error of the nth call (from 1); a call answered nil is
// recorded.
type recorder struct {
	mu       sync.Mutex
	calls    int
	recorded []ack.Request
	answer   func(n int) error
}

func (r *recorder) Acknowledge(_ context.Context, req ack.Request) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.calls++
	if r.answer != nil {
		if err := r.answer(r.calls); err != nil {
			return err
		}
	}
	r.recorded = append(r.recorded, req)
	return nil
}

func (r *recorder) snapshot() (calls int, recorded []ack.Request) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.calls, append([]ack.Request(nil), r.recorded...)
}

// env is a handler under test with what it uses.
type env struct {
	t      *testing.T
	signer *ack.Signer
	rec    *recorder
	h      http.Handler
	now    time.Time // the handler's clock
	logs   bytes.Buffer
}

func newEnv(t *testing.T, opts ...ack.HandlerOption) *env {
	t.Helper()
	e := &env{t: t, signer: newSigner(t, testBase), rec: &recorder{}, now: t0}
	opts = append([]ack.HandlerOption{
		ack.WithClock(func() time.Time { return e.now }),
		ack.WithDurations(4*time.Hour, time.Hour, time.Hour),
		ack.WithLogger(slog.New(slog.NewTextHandler(&e.logs, &slog.HandlerOptions{Level: slog.LevelDebug}))),
	}, opts...)
	e.h = ack.NewHandler(e.signer, e.rec, opts...)
	return e
}

// form is a POST body.
func form(name, duration string) url.Values {
	return url.Values{"name": {name}, "duration": {duration}}
}

// sameOrigin is what a browser sends with a form posted from the page.
var sameOrigin = http.Header{"Sec-Fetch-Site": {"same-origin"}, "Origin": {"https://ops.example.com"}}

// serve sends a request for link (a form body for POST when body is not
// nil) and checks what every response must be.
func (e *env) serve(method, link string, body url.Values, h http.Header) *httptest.ResponseRecorder {
	e.t.Helper()
	var rd io.Reader
	if body != nil {
		rd = strings.NewReader(body.Encode())
	}
	r := httptest.NewRequest(method, link, rd)
	if body != nil {
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	for k, v := range h {
		r.Header[k] = v
	}
	w := httptest.NewRecorder()
	e.h.ServeHTTP(w, r)
	sig := sigOf(link)
	checkPage(e.t, w, sig)
	if bytes.Contains(e.logs.Bytes(), []byte("sig=")) || strings.Contains(e.logs.String(), "RawQuery") {
		e.t.Fatalf("the log holds a query:\n%s", e.logs.String())
	}
	if sig != "" && strings.Contains(e.logs.String(), sig) {
		e.t.Fatalf("the log holds the signature:\n%s", e.logs.String())
	}
	if containsKey(e.logs.String()) {
		e.t.Fatalf("the log holds the key:\n%s", e.logs.String())
	}
	return w
}

// sigOf is the signature in link, if any, even where the link's query is
// malformed.
func sigOf(link string) string {
	if m := regexp.MustCompile(`[?&]sig=([^&;]*)`).FindStringSubmatch(link); m != nil {
		return m[1]
	}
	return ""
}

// actionAttr is a form's action attribute.
var actionAttr = regexp.MustCompile(`action="[^"]*"`)

// checkPage checks what every response must be: an HTML page, uncached,
// sent without a Referer onwards, with no key, no external resource and no
// script, and the link's signature nowhere but in the form's action.
func checkPage(t *testing.T, w *httptest.ResponseRecorder, sig string) {
	t.Helper()
	h := w.Result().Header
	for k, want := range map[string]string{
		"Cache-Control":   "no-store",
		"Referrer-Policy": "no-referrer",
		"Content-Type":    "text/html; charset=utf-8",
	} {
		if got := h.Get(k); got != want {
			t.Errorf("status %d: %s = %q, want %q", w.Code, k, got, want)
		}
	}
	body := w.Body.String()
	if containsKey(body) {
		t.Errorf("status %d: the page holds the key", w.Code)
	}
	if sig != "" && strings.Contains(actionAttr.ReplaceAllString(body, ""), sig) {
		t.Errorf("status %d: the signature is on the page outside the form's action", w.Code)
	}
	for _, bad := range []string{"<script", "src=", "href=", "@import", "url("} {
		if strings.Contains(strings.ToLower(body), bad) {
			t.Errorf("status %d: the page holds %q", w.Code, bad)
		}
	}
}

func (e *env) wantRecorded(n int) []ack.Request {
	e.t.Helper()
	calls, rec := e.rec.snapshot()
	if len(rec) != n {
		e.t.Fatalf("recorded %d (in %d calls), want %d: %+v", len(rec), calls, n, rec)
	}
	return rec
}

func wantStatus(t *testing.T, w *httptest.ResponseRecorder, code int, says ...string) {
	t.Helper()
	if w.Code != code {
		t.Fatalf("status %d, want %d; page:\n%s", w.Code, code, mainOf(w))
	}
	for _, s := range says {
		if !strings.Contains(w.Body.String(), s) {
			t.Fatalf("status %d: the page does not say %q:\n%s", w.Code, s, mainOf(w))
		}
	}
}

// mainOf is the page's text without its head, for failure messages.
func mainOf(w *httptest.ResponseRecorder) string {
	b := w.Body.String()
	if i := strings.Index(b, "<main>"); i >= 0 {
		return b[i:]
	}
	return b
}

func TestGetShowsPageRecordsNothing(t *testing.T) {
	e := newEnv(t)
	link := e.signer.Link(target, t0)
	for _, method := range []string{http.MethodGet, http.MethodHead} {
		w := e.serve(method, link, nil, nil)
		wantStatus(t, w, http.StatusOK)
		if method == http.MethodHead {
			if w.Body.Len() != 0 || w.Header().Get("Content-Length") == "0" {
				t.Fatalf("HEAD: body of %d bytes, Content-Length %s", w.Body.Len(), w.Header().Get("Content-Length"))
			}
			continue
		}
		wantStatus(t, w, http.StatusOK,
			"Scene <b>7</b> in <b>PH</b> has been firing since <b>2026-11-24 10:00:00 UTC</b>",
			"场景 <b>7</b>，国家 <b>PH</b>，自 <b>2026-11-24 10:00:00 UTC</b> 起告警",
			`<form method="post" action="?type=7&amp;country=PH&amp;`,
			`name="name"`, "until it resolves · 直至告警恢复", "for 1 hour · 1 小时", "for 4 hours · 4 小时",
			`value="" checked`)
		// The action is the link's own query, so the POST goes where the
		// GET came from, whatever path the host mounted the handler at.
		u, _ := url.Parse(link)
		if !strings.Contains(w.Body.String(), `action="?`+strings.ReplaceAll(u.RawQuery, "&", "&amp;")+`"`) {
			t.Fatalf("the form's action is not the link's query:\n%s", w.Body)
		}
		if strings.Count(w.Body.String(), `value="1h0m0s"`) != 1 {
			t.Fatal("a duration given twice is offered twice")
		}
	}
	e.wantRecorded(0)
	if calls, _ := e.rec.snapshot(); calls != 0 {
		t.Fatalf("GET called the Acknowledger %d times", calls)
	}
}

func TestGetWithUser(t *testing.T) {
	e := newEnv(t, ack.WithUser(func(r *http.Request) string { return r.Header.Get("X-User") }))
	link := e.signer.Link(target, t0)
	w := e.serve(http.MethodGet, link, nil, http.Header{"X-User": {" ana@example.com "}})
	wantStatus(t, w, http.StatusOK, "Acknowledging as · 确认人：<b>ana@example.com</b>")
	if strings.Contains(w.Body.String(), `name="name"`) {
		t.Fatal("the page asks for a name the host gave")
	}
	// Without a user from the host, the page asks.
	w = e.serve(http.MethodGet, link, nil, nil)
	wantStatus(t, w, http.StatusOK, `name="name"`)
	e.wantRecorded(0)
}

func TestPostRecords(t *testing.T) {
	user := ack.WithUser(func(r *http.Request) string { return r.Header.Get("X-User") })
	for _, c := range []struct {
		name     string
		opts     []ack.HandlerOption
		header   http.Header
		form     url.Values
		by       string
		until    time.Duration // 0: until it resolves
		pageSays string
	}{
		{"typed name, until it resolves", nil, nil, form("Ana", ""), "Ana", 0, "by <b>Ana</b> until it resolves."},
		{"typed name trimmed, 4 hours", nil, nil, form("  Ana Cruz \t", "4h0m0s"), "Ana Cruz", 4 * time.Hour,
			"by <b>Ana Cruz</b> until 2026-11-24 15:30:00 UTC (4 hours)."},
		{"no duration field", nil, nil, url.Values{"name": {"Ana"}}, "Ana", 0, "until it resolves"},
		{"64 Chinese characters", nil, nil, form(strings.Repeat("李", 64), "1h0m0s"), strings.Repeat("李", 64), time.Hour,
			"有效至 2026-11-24 12:30:00 UTC（1 小时）"},
		{"the host's user", []ack.HandlerOption{user}, http.Header{"X-User": {"ana@example.com"}}, form("", ""), "ana@example.com", 0,
			"已由 <b>ana@example.com</b> 确认，直至告警恢复。"},
		{"the host's user over a typed name", []ack.HandlerOption{user}, http.Header{"X-User": {"ana@example.com"}},
			form("Mallory", ""), "ana@example.com", 0, "ana@example.com"},
		{"host without a user: the typed name", []ack.HandlerOption{user}, nil, form("Ana", ""), "Ana", 0, "Ana"},
	} {
		t.Run(c.name, func(t *testing.T) {
			e := newEnv(t, c.opts...)
			link := e.signer.Link(target, t0)
			e.now = t0.Add(time.Hour) // the form is sent an hour after the link was made
			h := sameOrigin.Clone()
			for k, v := range c.header {
				h[k] = v
			}
			w := e.serve(http.MethodPost, link, c.form, h)
			wantStatus(t, w, http.StatusOK, c.pageSays)
			got := e.wantRecorded(1)[0]
			want := ack.Request{Target: target, By: c.by, Via: "link"}
			if c.until > 0 {
				want.Until = e.now.Add(c.until)
			}
			if !got.Until.Equal(want.Until) || got.Target != want.Target || got.By != want.By || got.Via != want.Via {
				t.Fatalf("recorded %+v, want %+v", got, want)
			}
			if !strings.Contains(e.logs.String(), "alert acknowledged") {
				t.Fatalf("the acknowledgement is not logged:\n%s", e.logs.String())
			}
		})
	}
}

func TestPostRefusesBadForms(t *testing.T) {
	long := strings.Repeat("李", 65)
	for _, c := range []struct {
		name string
		form url.Values
		says string
	}{
		{"no name", url.Values{}, `<span lang="en">Enter your name.</span> <span lang="zh-CN">请填写您的姓名。</span>`},
		{"blank name", form(" \t ", ""), "Enter your name."},
		{"65 characters", form(long, ""), "longer than 64 characters"},
		{"control character", form("Ana\x07", ""), "control character"},
		{"newline", form("Ana\nCruz", ""), "control character"},
		{"invalid UTF-8", form("Ana\xff", ""), "not valid UTF-8"},
		{"duration not offered", form("Ana", "5h0m0s"), "Choose one of the durations offered."},
		{"duration in another spelling", form("Ana", "4h"), "Choose one of the durations offered."},
	} {
		t.Run(c.name, func(t *testing.T) {
			e := newEnv(t)
			w := e.serve(http.MethodPost, e.signer.Link(target, t0), c.form, sameOrigin)
			// The form again, with the problem and what was typed.
			wantStatus(t, w, http.StatusBadRequest, c.says, `<form method="post"`)
			if n := c.form.Get("name"); n == long && !strings.Contains(w.Body.String(), `value="`+long+`"`) {
				t.Fatal("the name typed is not shown again")
			}
			e.wantRecorded(0)
			if calls, _ := e.rec.snapshot(); calls != 0 {
				t.Fatalf("the Acknowledger was called %d times", calls)
			}
		})
	}

	t.Run("body too large", func(t *testing.T) {
		e := newEnv(t)
		w := e.serve(http.MethodPost, e.signer.Link(target, t0), form("Ana", strings.Repeat("x", 10<<10)), sameOrigin)
		wantStatus(t, w, http.StatusBadRequest, "The form could not be read")
		e.wantRecorded(0)
	})

	t.Run("unusable name from the host", func(t *testing.T) {
		e := newEnv(t, ack.WithUser(func(*http.Request) string { return strings.Repeat("u", 65) }))
		w := e.serve(http.MethodPost, e.signer.Link(target, t0), form("Ana", ""), sameOrigin)
		wantStatus(t, w, http.StatusInternalServerError, "could not be recorded")
		e.wantRecorded(0)
		if !strings.Contains(e.logs.String(), "the host's user name is unusable") {
			t.Fatalf("not logged:\n%s", e.logs.String())
		}
	})
}

// TestRefusedLinks: a forged or expired link is refused by GET and POST
// alike, and nothing is recorded.
func TestRefusedLinks(t *testing.T) {
	type link struct {
		name string
		make func(e *env) string
		code int
		says string
	}
	var links []link
	for _, f := range forgeries() {
		links = append(links, link{f.name, func(e *env) string {
			l := e.signer.Link(target, t0)
			q := query(t, l)
			f.change(q)
			return testBase + "?" + q.Encode()
		}, http.StatusForbidden, "This link is not valid"})
	}
	links = append(links,
		link{"malformed query", func(e *env) string { return e.signer.Link(target, t0) + "&%zz" }, http.StatusForbidden, "链接无效"},
		link{"semicolon", func(e *env) string { return e.signer.Link(target, t0) + ";a=b" }, http.StatusForbidden, "链接无效"},
		link{"no query", func(e *env) string { return testBase }, http.StatusForbidden, "链接无效"},
		link{"expired an hour ago", func(e *env) string { return e.signer.Link(target, t0.Add(-testTTL-time.Hour)) },
			http.StatusGone, "This link has expired"},
		link{"expired 1s ago", func(e *env) string { return e.signer.Link(target, t0.Add(-testTTL-time.Second)) },
			http.StatusGone, "此链接已过期"},
		link{"expiring now", func(e *env) string { return e.signer.Link(target, t0.Add(-testTTL)) },
			http.StatusGone, "This link has expired"},
	)
	for _, l := range links {
		for _, method := range []string{http.MethodGet, http.MethodPost} {
			t.Run(l.name+"/"+method, func(t *testing.T) {
				e := newEnv(t)
				var body url.Values
				if method == http.MethodPost {
					body = form("Ana", "")
				}
				w := e.serve(method, l.make(e), body, sameOrigin)
				wantStatus(t, w, l.code, l.says)
				if strings.Contains(w.Body.String(), "<form") {
					t.Fatal("a refused link's page has a form")
				}
				e.wantRecorded(0)
				if calls, _ := e.rec.snapshot(); calls != 0 {
					t.Fatalf("the Acknowledger was called %d times", calls)
				}
				if !strings.Contains(e.logs.String(), "link refused") {
					t.Fatalf("the refusal is not logged:\n%s", e.logs.String())
				}
			})
		}
	}

	// One second before the expiry it is still valid.
	e := newEnv(t)
	w := e.serve(http.MethodGet, e.signer.Link(target, t0.Add(-testTTL+time.Second)), nil, nil)
	wantStatus(t, w, http.StatusOK)
}

func TestAcknowledgerAnswers(t *testing.T) {
	t.Run("replayed", func(t *testing.T) {
		e := newEnv(t)
		e.rec.answer = func(n int) error {
			if n > 1 {
				return fmt.Errorf("scene 7 PH: %w", ack.ErrAlreadyAcknowledged)
			}
			return nil
		}
		link := e.signer.Link(target, t0)
		wantStatus(t, e.serve(http.MethodPost, link, form("Ana", ""), sameOrigin), http.StatusOK, "Acknowledged")
		w := e.serve(http.MethodPost, link, form("Bob", ""), sameOrigin)
		wantStatus(t, w, http.StatusConflict, "already acknowledged", "已被确认", "Scene 7 in PH")
		if rec := e.wantRecorded(1); rec[0].By != "Ana" {
			t.Fatalf("recorded %+v", rec)
		}
	})
	t.Run("stale", func(t *testing.T) {
		e := newEnv(t)
		e.rec.answer = func(int) error { return fmt.Errorf("fired again at 10:20: %w", ack.ErrStale) }
		w := e.serve(http.MethodPost, e.signer.Link(target, t0), form("Ana", ""), sameOrigin)
		wantStatus(t, w, http.StatusGone, "resolved or fired again", "告警已恢复或再次触发")
		if strings.Contains(w.Body.String(), "10:20") {
			t.Fatal("the page shows the Acknowledger's error")
		}
		e.wantRecorded(0)
	})
	t.Run("failed", func(t *testing.T) {
		e := newEnv(t)
		e.rec.answer = func(int) error { return errors.New("dial tcp 10.0.0.7:3306: connection refused") }
		w := e.serve(http.MethodPost, e.signer.Link(target, t0), form("Ana", ""), sameOrigin)
		wantStatus(t, w, http.StatusInternalServerError, "could not be recorded", "未能记录")
		if strings.Contains(w.Body.String(), "10.0.0.7") || strings.Contains(w.Body.String(), "refused") {
			t.Fatal("the page shows the Acknowledger's error")
		}
		for _, s := range []string{"recording the acknowledgement failed", "10.0.0.7:3306", "path=/alerts/ack", "country=PH"} {
			if !strings.Contains(e.logs.String(), s) {
				t.Fatalf("the log does not say %q:\n%s", s, e.logs.String())
			}
		}
	})
}

func TestMethods(t *testing.T) {
	e := newEnv(t)
	link := e.signer.Link(target, t0)
	wantStatus(t, e.serve(http.MethodGet, link, nil, nil), http.StatusOK)
	wantStatus(t, e.serve(http.MethodHead, link, nil, nil), http.StatusOK)
	for _, m := range []string{http.MethodPut, http.MethodDelete, http.MethodPatch, http.MethodOptions, "ACK"} {
		w := e.serve(m, link, form("Ana", ""), sameOrigin)
		wantStatus(t, w, http.StatusMethodNotAllowed, "Method not allowed")
		if got := w.Header().Get("Allow"); got != "GET, HEAD, POST" {
			t.Fatalf("%s: Allow = %q", m, got)
		}
	}
	e.wantRecorded(0)
	if calls, _ := e.rec.snapshot(); calls != 0 {
		t.Fatalf("the Acknowledger was called %d times", calls)
	}
}

func TestCrossOrigin(t *testing.T) {
	for _, c := range []struct {
		name   string
		header http.Header
		ok     bool
	}{
		{"Sec-Fetch-Site cross-site", http.Header{"Sec-Fetch-Site": {"cross-site"}, "Origin": {"https://evil.example"}}, false},
		{"Sec-Fetch-Site cross-site, Origin forged to match", http.Header{"Sec-Fetch-Site": {"cross-site"}, "Origin": {"https://ops.example.com"}}, false},
		{"Sec-Fetch-Site same-site", http.Header{"Sec-Fetch-Site": {"same-site"}, "Origin": {"https://other.example.com"}}, false},
		{"old browser, Origin of another host", http.Header{"Origin": {"https://evil.example"}}, false},
		{"old browser, Origin of another port", http.Header{"Origin": {"https://ops.example.com:8443"}}, false},
		{"old browser, Origin null", http.Header{"Origin": {"null"}}, false},
		{"same-origin", sameOrigin, true},
		{"Sec-Fetch-Site none (typed in)", http.Header{"Sec-Fetch-Site": {"none"}}, true},
		{"old browser, same Origin", http.Header{"Origin": {"https://ops.example.com"}}, true},
		{"not a browser", nil, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			e := newEnv(t)
			w := e.serve(http.MethodPost, e.signer.Link(target, t0), form("Ana", ""), c.header)
			if c.ok {
				wantStatus(t, w, http.StatusOK, "Acknowledged")
				e.wantRecorded(1)
				return
			}
			wantStatus(t, w, http.StatusForbidden, "came from another site", "来自其他网站")
			e.wantRecorded(0)
			if calls, _ := e.rec.snapshot(); calls != 0 {
				t.Fatalf("the Acknowledger was called %d times", calls)
			}
			// Cross-site GETs are fine: they change nothing.
			wantStatus(t, e.serve(http.MethodGet, e.signer.Link(target, t0), nil, c.header), http.StatusOK)
		})
	}
}

func TestEscaping(t *testing.T) {
	hostileName := `<script>alert("x")</script> O'Brien & "李雷"`
	hostileCountry := `P"H' onmouseover="alert(1)" <b>`
	tg := ack.Target{InfoType: 7, Country: hostileCountry, FiringSince: target.FiringSince}

	e := newEnv(t)
	link := e.signer.Link(tg, t0)
	escapedCountry := `P&#34;H&#39; onmouseover=&#34;alert(1)&#34; &lt;b&gt;`

	w := e.serve(http.MethodGet, link, nil, nil)
	wantStatus(t, w, http.StatusOK, "in <b>"+escapedCountry+"</b>", "国家 <b>"+escapedCountry+"</b>")
	// In the action, the country stays URL-escaped: no quote ends the
	// attribute.
	if strings.Contains(w.Body.String(), hostileCountry) || strings.Contains(w.Body.String(), `onmouseover="`) {
		t.Fatalf("the country is not escaped:\n%s", w.Body)
	}

	w = e.serve(http.MethodPost, link, form(hostileName, ""), sameOrigin)
	wantStatus(t, w, http.StatusOK,
		`by <b>&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; O&#39;Brien &amp; &#34;李雷&#34;</b>`,
		"in <b>"+escapedCountry+"</b>")
	if strings.Contains(w.Body.String(), "<script") || strings.Contains(w.Body.String(), hostileName) {
		t.Fatalf("the name is not escaped:\n%s", w.Body)
	}
	if rec := e.wantRecorded(1); rec[0].By != hostileName || rec[0].Country != hostileCountry {
		t.Fatalf("recorded %+v: the values must be stored as typed and signed", rec[0])
	}

	// Shown again in the form's value with a problem.
	w = e.serve(http.MethodPost, link, form(hostileName, "forever"), sameOrigin)
	wantStatus(t, w, http.StatusBadRequest, `value="&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; O&#39;Brien &amp; &#34;李雷&#34;"`)

	// And the host's user.
	e = newEnv(t, ack.WithUser(func(*http.Request) string { return hostileName }))
	w = e.serve(http.MethodGet, e.signer.Link(target, t0), nil, nil)
	wantStatus(t, w, http.StatusOK, `确认人：<b>&lt;script&gt;alert(&#34;x&#34;)`)
}

func TestBaseURLWithQueryServed(t *testing.T) {
	e := newEnv(t)
	s := newSigner(t, testBase+"?tenant=a")
	e.h = ack.NewHandler(s, e.rec, ack.WithClock(func() time.Time { return e.now }), ack.WithLogger(nil))
	link := s.Link(target, t0)
	w := e.serve(http.MethodGet, link, nil, nil)
	wantStatus(t, w, http.StatusOK, `action="?tenant=a&amp;type=7&amp;`)
	wantStatus(t, e.serve(http.MethodPost, link, form("Ana", ""), sameOrigin), http.StatusOK)
	wantStatus(t, e.serve(http.MethodPost, strings.Replace(link, "type=7", "type=8", 1), form("Ana", ""), sameOrigin), http.StatusForbidden)
	wantStatus(t, e.serve(http.MethodPost, link+"&tenant2=b", form("Ana", ""), sameOrigin), http.StatusForbidden)
	e.wantRecorded(1)
}

func TestNewHandlerPanics(t *testing.T) {
	s := newSigner(t, testBase)
	for name, f := range map[string]func(){
		"nil Signer":        func() { ack.NewHandler(nil, &recorder{}) },
		"nil Acknowledger":  func() { ack.NewHandler(s, nil) },
		"negative duration": func() { ack.WithDurations(time.Hour, -time.Hour) },
		"zero duration":     func() { ack.WithDurations(0) },
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s: no panic", name)
				}
			}()
			f()
		}()
	}
}

// TestConcurrent: one handler serves many requests at once (run with
// -race).
func TestConcurrent(t *testing.T) {
	e := newEnv(t, ack.WithLogger(nil))
	var wg sync.WaitGroup
	for i := range 16 {
		wg.Go(func() {
			tg := target
			tg.InfoType = i
			link := e.signer.Link(tg, t0)
			for _, m := range []string{http.MethodGet, http.MethodPost} {
				r := httptest.NewRequest(m, link, strings.NewReader(form("Ana", "1h0m0s").Encode()))
				r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
				w := httptest.NewRecorder()
				e.h.ServeHTTP(w, r)
				if w.Code != http.StatusOK {
					t.Errorf("%s %d: status %d", m, i, w.Code)
				}
			}
		})
	}
	wg.Wait()
	e.wantRecorded(16)
}

func TestDurationLabels(t *testing.T) {
	e := newEnv(t, ack.WithDurations(90*time.Second, 30*time.Minute, time.Minute, 24*time.Hour))
	w := e.serve(http.MethodGet, e.signer.Link(target, t0), nil, nil)
	wantStatus(t, w, http.StatusOK,
		`value="1m30s"> for 1m30s · 1m30s`, `value="30m0s"> for 30 minutes · 30 分钟`,
		`value="1m0s"> for 1 minute · 1 分钟`, `value="24h0m0s"> for 24 hours · 24 小时`)
	// Offered shortest first, after "until it resolves".
	b := w.Body.String()
	if !(strings.Index(b, `value=""`) < strings.Index(b, `"1m0s"`) && strings.Index(b, `"1m0s"`) < strings.Index(b, `"1m30s"`) &&
		strings.Index(b, `"1m30s"`) < strings.Index(b, `"30m0s"`) && strings.Index(b, `"30m0s"`) < strings.Index(b, `"24h0m0s"`)) {
		t.Fatalf("durations out of order:\n%s", mainOf(w))
	}
}
