package console_test

import (
	"context"
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
	"github.com/yujing-go/yujing/alert"
	"github.com/yujing-go/yujing/console"
	"github.com/yujing-go/yujing/internal/testclock"
	"github.com/yujing-go/yujing/internal/testdb"
	"github.com/yujing-go/yujing/internal/webhooktest"
	"github.com/yujing-go/yujing/scene"
	"github.com/yujing-go/yujing/store"
)

var t0 = time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC)

const (
	smsScene      = 1
	webhookSecret = "whsec-console-do-not-show-5d1e"
	webhookToken  = "tok-console-do-not-show-77aa"
	ackKey        = "console-ack-key-do-not-show-0123456789abcdef"
	prefix        = "/ops/console" // where the host mounts the console
)

// rates is a scene whose countries' success rates a test sets.
type rates struct {
	mu        sync.Mutex
	name      string
	countries []string
	rate      map[string]float64 // 0.97 for a country not listed
}

func (s *rates) InfoType() int         { return smsScene }
func (s *rates) Name() string          { return s.name }
func (s *rates) Window() time.Duration { return 10 * time.Minute }
func (s *rates) Collect(_ context.Context, _ scene.Window) ([]scene.Sample, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []scene.Sample
	for _, c := range s.countries {
		r, ok := s.rate[c]
		if !ok {
			r = 0.97
		}
		out = append(out, scene.Sample{Country: c, Numerator: int64(r * 1000), Denominator: 1000})
	}
	return out, nil
}

func (s *rates) set(country string, r float64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.rate[country] = r
}

// fixture is an engine on a test clock with a webhook robot, and the
// console mounted under prefix in an httptest server, as a host would.
type fixture struct {
	t      *testing.T
	db     *store.DB
	clock  *testclock.Clock
	recv   *webhooktest.Receiver
	scene  *rates
	engine *alert.Engine
	srv    *httptest.Server
	base   string // srv.URL + prefix + "/"
	logs   *strings.Builder
	logMu  sync.Mutex
}

type fixtureOpts struct {
	sceneName string
	countries []string // besides PH, ID and TH
	console   []console.Option
}

// newFixture configures the SMS scene for PH, ID and TH (PH failing), an
// alert template that carries {ack_link}, and a webhook robot; the
// console's ack links point at the console's "ack".
func newFixture(t *testing.T, open testdb.Opener, o fixtureOpts) *fixture {
	t.Helper()
	f := &fixture{t: t, clock: testclock.New(t0), recv: webhooktest.New(webhookSecret), logs: &strings.Builder{}}
	t.Cleanup(f.recv.Close)
	f.db = open(t, store.WithClock(f.clock.Now))
	if o.sceneName == "" {
		o.sceneName = "SMS verification success"
	}
	f.scene = &rates{name: o.sceneName, countries: append([]string{"PH", "ID", "TH"}, o.countries...), rate: map[string]float64{"PH": 0.5}}
	mux := http.NewServeMux()
	f.srv = httptest.NewServer(mux)
	t.Cleanup(f.srv.Close)
	f.base = f.srv.URL + prefix + "/"
	signer, err := ack.NewSigner([]byte(ackKey), f.base+"ack", 24*time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	logger := slog.New(slog.NewTextHandler(lockedWriter{f}, &slog.HandlerOptions{Level: slog.LevelDebug}))
	f.engine, err = alert.New(alert.WithStore(f.db), alert.WithClock(f.clock.Now), alert.WithScenes(f.scene), alert.WithLogger(logger),
		alert.WithMaxMissedWindows(3), alert.WithRetryBackoff(time.Minute, 5*time.Minute), alert.WithAckLinks(signer))
	if err != nil {
		t.Fatal(err)
	}
	f.configure()
	h, err := console.New(f.engine, f.db, append([]console.Option{console.WithAckLinks(signer, time.Hour), console.WithLogger(logger)},
		o.console...)...)
	if err != nil {
		t.Fatal(err)
	}
	mux.Handle(prefix+"/", http.StripPrefix(prefix, h))
	return f
}

type lockedWriter struct{ f *fixture }

func (w lockedWriter) Write(p []byte) (int, error) {
	w.f.logMu.Lock()
	defer w.f.logMu.Unlock()
	return w.f.logs.Write(p)
}

func (f *fixture) logText() string {
	f.logMu.Lock()
	defer f.logMu.Unlock()
	return f.logs.String()
}

// configure writes a rule, a template with {ack_link}, and the webhook
// channel with its secret and token, through the validated API.
func (f *fixture) configure() {
	t := f.t
	t.Helper()
	ctx := context.Background()
	cfg := f.engine.Config(f.db, store.AsUser("setup"))
	r, err := cfg.CreateRule(ctx, store.Rule{RuleNo: new("R-SMS-LOW"), FunCode: new("denominator >= 100 && rate < threshold"),
		ThresholdVal: new("0.9"), FunDesc: new("SMS success below 90%")})
	if err != nil {
		t.Fatal(err)
	}
	// No-data detection makes the engine keep a state row for every
	// reporting country: the overview's rows.
	route := store.RuleRoute{InfoType: new(smsScene), CountryNo: new(store.AllCountries), RuleNo: r.RuleNo}
	route.SetNoDataWindows(3)
	if _, err := cfg.CreateRuleRoute(ctx, route); err != nil {
		t.Fatal(err)
	}
	tpl, err := cfg.CreateTemplate(ctx, store.Template{ModNo: new("MD-SMS"), Title: new("SMS success low"), InfoType: new(smsScene),
		SendType: new(store.SendRealtime), Content: new("{country}: SMS success {rate_pct}. Acknowledge: {ack_link}"),
		ContentChinese: new("{country}：短信成功率 {rate_pct}。确认：{ack_link}")})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := cfg.CreateCountryTemplate(ctx, store.CountryTemplate{CountryNo: new(store.AllCountries), ModNo: tpl.ModNo, InfoType: new(smsScene)}); err != nil {
		t.Fatal(err)
	}
	ch, err := cfg.CreateChannel(ctx, store.Channel{ChannelNo: new("CH-HOOK"), ChannelName: new("robot"), Type: new(store.ChannelWebhook)},
		[]store.ChannelDetail{{DataKey: new("url"), DataValue: new(f.recv.URL + "/alerts?token=" + webhookToken)},
			{DataKey: new("secret"), DataValue: new(webhookSecret)}, {DataKey: new("timeout"), DataValue: new("2s")}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := cfg.CreateRouting(ctx, store.Routing{CountryNo: store.AllCountries, CountryName: "every country", InfoType: new(smsScene),
		ChannelNo: ch.ChannelNo}); err != nil {
		t.Fatal(err)
	}
}

// tick moves the clock to at and runs a Tick, waiting for its sends.
func (f *fixture) tickAt(at time.Time) {
	f.t.Helper()
	f.clock.Set(at)
	ctx := context.Background()
	if _, err := f.engine.Tick(ctx); err != nil {
		f.t.Fatalf("tick at %s: %v", at.Format(time.RFC3339), err)
	}
	if err := f.engine.Wait(ctx); err != nil {
		f.t.Fatal(err)
	}
}

// fire runs the windows up to 00:31 (from 23:30, WithMaxMissedWindows):
// PH fires at its first window, and its message goes out.
func (f *fixture) fire() {
	f.t.Helper()
	for _, m := range []int{11, 21, 31} {
		f.tickAt(t0.Add(time.Duration(m) * time.Minute))
	}
}

// state returns the state row of the SMS scene in country.
func (f *fixture) state(country string) store.AlertState {
	f.t.Helper()
	got, err := f.db.AlertStates(context.Background(), store.StateFilter{InfoType: new(smsScene), CountryNo: country, Limit: 1})
	if err != nil || len(got) != 1 {
		f.t.Fatalf("state of %s: %+v %v", country, got, err)
	}
	return got[0]
}

// get fetches a console page (path relative to the console's root).
func (f *fixture) get(path string, hdr ...string) (int, string) {
	f.t.Helper()
	req, err := http.NewRequest(http.MethodGet, f.base+path, nil)
	if err != nil {
		f.t.Fatal(err)
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	return f.do(req)
}

// post sends a form to the console as the browser of a same-origin page
// would (Origin and Sec-Fetch-Site), unless hdr says otherwise; it does
// not follow the redirect.
func (f *fixture) post(path string, form url.Values, hdr ...string) (int, string, http.Header) {
	f.t.Helper()
	req, err := http.NewRequest(http.MethodPost, f.base+path, strings.NewReader(form.Encode()))
	if err != nil {
		f.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", f.srv.URL)
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	for i := 0; i+1 < len(hdr); i += 2 {
		if hdr[i+1] == "" {
			req.Header.Del(hdr[i])
		} else {
			req.Header.Set(hdr[i], hdr[i+1])
		}
	}
	res, err := noRedirect.Do(req)
	if err != nil {
		f.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b), res.Header
}

func (f *fixture) do(req *http.Request) (int, string) {
	f.t.Helper()
	res, err := noRedirect.Do(req)
	if err != nil {
		f.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}

var noRedirect = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

// ackLink returns the acknowledgement link of the robot's latest message.
func (f *fixture) ackLink() string {
	f.t.Helper()
	got := f.recv.Got()
	if len(got) == 0 {
		f.t.Fatal("the robot received no message")
	}
	link := regexp.MustCompile(`https?://\S+`).FindString(got[len(got)-1].Payload.English.Text)
	if !strings.HasPrefix(link, f.base+"ack?") {
		f.t.Fatalf("no console ack link in %q", got[len(got)-1].Payload.English.Text)
	}
	return link
}

// cellState returns the data-state of the overview's cell of country.
func cellState(t *testing.T, page, country string) string {
	t.Helper()
	re := regexp.MustCompile(`data-scene="1" data-country="` + regexp.QuoteMeta(country) + `" data-state="([a-z]+)"`)
	m := re.FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("no cell for %s in the overview", country)
	}
	return m[1]
}

// userHeader names the user from the X-User header, as a host's
// authentication would.
func userHeader() []console.Option {
	return []console.Option{console.WithUser(func(r *http.Request) string { return r.Header.Get("X-User") })}
}

func pageSize(n int) []console.Option { return []console.Option{console.WithPageSize(n)} }

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
