// Package console is a web console for the alert engine that a host
// mounts in its own HTTP server: every scene × country at a glance, and
// the operator's hands on silences and acknowledgements.
//
//	h, err := console.New(engine, db,
//		console.WithUser(func(r *http.Request) string { return sessionUser(r) }),
//		console.WithAckLinks(signer)) // the signer given to alert.WithAckLinks
//	…
//	mux.Handle("/alerts/", requireLogin(http.StripPrefix("/alerts", h)))
//
// The console has no authentication of its own: the host wraps it with
// its own and names the user with WithUser (the name written to every row
// the console changes; DefaultUser without it). ReadOnly shows no write
// form and refuses every write with 403.
//
// # Pages
//
// Every page lives one path segment below the console's root and every
// link is relative, so the console works under any prefix that
// http.StripPrefix removes (the prefix must end in a path segment: mount
// "/alerts/" and strip "/alerts").
//
//	GET  /                  the overview: a matrix of countries (rows, paged: ?page=N) by scenes (columns);
//	                        each cell its state (ok, pending, firing, no data, muted, acknowledged), since
//	                        when it fires, the latest window's value and a trend of recent windows (inline SVG)
//	GET  /silences          the silences, current or all (?show=all), paged (?after=ID), and the form for a new one
//	POST /silences          create a silence: one-off (from, until or a duration) or recurring (a schedule)
//	POST /silence-expire    expire a silence (code)
//	POST /acknowledge       acknowledge a firing scene × country (info_type, country, since, for)
//	GET  /rules             the rules, paged (?after=ID), and the editor (?code=R1 a saved rule); with the editor's
//	                        fields the draft checked by the engine (check=1) or backtested (backtest=1: a scene,
//	                        1 to 10 countries, the last 1 to 31 days, drawn per country as an inline SVG chart)
//	POST /rules             create a rule, or update one (update=1), through engine.Config
//	GET  /rule-check        the editor's live check: a fragment with the engine's refusal and its line:column
//	GET  /templates         the templates, paged (?after=ID), the editor, its preview in both languages
//	                        (preview=1, ops.Preview) and the placeholder list
//	POST /templates         create a template, or update one (update=1), through engine.Config
//	GET  /template-preview  the editor's live preview: a fragment
//	GET|POST /ack           a signed acknowledgement link from a delivered message (WithAckLinks; package ack)
//	GET  /alerts            the alerts, sent and archived (ops.History): search by scene, country, channel, status, kind and
//	                        time (from, to; 24 h by default), a page at a time (?after=: the history's cursor, filters kept)
//	GET  /explain           an alert's (?code=sl_no) or a record's (?code=bu_no) whole path (ops.Explain)
//	GET  /channels          the channels, secrets masked (ops.Channels), and the editor (?edit=CODE); a saved secret is never sent back
//	POST /channels          create or update a channel and its details (a secret left empty keeps its value); action=test
//	                        sends the draft a test message instead (ops.TestDraftChannel)
//	POST /channel-test      send a saved channel a test message (ops.TestChannel): verdict, meaning, answer, duration
//	GET  /routes            the scene × country matrix of rule routes, templates and channel routes, paged by countries,
//	                        with ops.Check's findings in their cells and the others below
//	GET  /static/…          the style sheet, embedded
//
// The overview reloads itself every 30 s (WithRefresh) with a meta
// refresh: reading needs no JavaScript. The editors of rules and
// templates load one small embedded script, static/live.js, a progressive
// enhancement: as the operator types it asks rule-check or
// template-preview for a fragment the console rendered (and escaped);
// without it the editors' Check and Preview buttons load the page with
// the same answer. Nothing is fetched from elsewhere at run time; the
// Content-Security-Policy allows only the console's own style sheets and
// script ('self': no inline script, no eval) and requests to the console.
//
// A country is a row of the overview once it has a state row
// (yujing_alert_state) in one of the engine's scenes: the engine keeps one
// for every reporting country of a scene with no-data detection
// (store.RuleRoute.SetNoDataWindows), and for any country once a rule
// matches it. Report scenes and types raised only with Fire have no
// column.
//
// The overview reads, per page (25 countries by default, WithPageSize): the countries of each scene
// (StateCountries), the page's states (AlertStates by country, in batches
// of 500), the live silences, and the value columns of the page's
// records of the last WithTrend windows (store.RecordSamples, one query
// per scene, a range of the unique key of monitor_record per country). States are read as the engine reads them: a
// cell is muted when a silence mutes it on every channel now
// (alert.Engine.SilenceMatcher: matchers, bounds, schedules in the
// country's time zone), acknowledged while the acknowledgement holds
// (alert.Acknowledged); values are decoded with the engine's decoder
// (alert.DecodeRecordValue).
//
// # Writes
//
// Every write goes through the same code as the Go API: silences through
// engine.Config(db, store.AsUser(user)) (the store's checks and the
// engine's: the scene exists, the schedule parses; created_by, expired_by
// and yujing_alert_event record the user), acknowledgements through
// engine.Acknowledge (ack_by and the audit; a stale episode is refused
// with 409). A refused silence shows the form again, as typed, with the
// API's reason (422). Writes are refused with 403 when they come from
// another site (http.CrossOriginProtection: a POST whose Sec-Fetch-Site
// is neither same-origin nor none, or whose Origin's host is not the
// request's Host — a reverse proxy must pass the Host on), when the
// console is read-only, or when WithUser names nobody. After a write the
// browser is sent (303) to the page, relative to the request.
//
// # Languages
//
// English and Chinese (中文): WithLanguage sets the default; a visitor
// switches with ?lang=en or ?lang=zh (the link in the header), remembered
// in a cookie.
//
// # Tests
//
// The tests run on SQLite and MariaDB (ALERT_TEST_MYSQL_DSN), the engine
// against an httptest robot. The browser tests drive Debian's chromium
// (in PATH, or $CHROME_PATH) with chromedp, headless and --no-sandbox;
// without a browser they skip, saying so, and with
// ALERT_TEST_REQUIRE_BROWSER=1 (CI sets it when it could install
// chromium) they fail. Their screenshots, docs/console/*.png, are
// refreshed with
//
//	YUJING_SCREENSHOTS=1 go test ./console/ -run Browser -count=1
//
// BenchmarkOverview measures the pages over 4,000 states and 1,000,000
// records (YUJING_BENCH_RECORDS loads fewer):
//
//	ALERT_TEST_MYSQL_DSN='root@tcp(127.0.0.1:3306)/test' go test ./console/ -run XXX -bench Overview -benchtime 20x
//
// BenchmarkEditors measures the rules and templates pages over 4,000 rules
// and templates, the live check and preview, and a 7-day backtest of one
// country among 1,000,000 records (-bench Editors).
//
// # Adding a page
//
// A page is one handler file and one template: a pageHandler that fills
// pageData.Body, a templates/NAME.html that defines "content", and a line
// in pages() (nav.go), which puts it in the navigation.
package console
