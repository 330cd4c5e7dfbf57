package ops_test

import (
	"context"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/yujing-go/yujing/alert"
	"github.com/yujing-go/yujing/internal/testclock"
	"github.com/yujing-go/yujing/internal/testdb"
	"github.com/yujing-go/yujing/internal/webhooktest"
	"github.com/yujing-go/yujing/ops"
	"github.com/yujing-go/yujing/scene"
	"github.com/yujing-go/yujing/store"
)

var histT0 = time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC)

const (
	histScene     = 1
	webhookSecret = "whsec-do-not-log-7f3a"
	webhookToken  = "tok-do-not-log-91c2"
)

// lowRate is a scene whose every country's success rate is 50%.
type lowRate struct{ countries []string }

func (s *lowRate) InfoType() int         { return histScene }
func (s *lowRate) Name() string          { return "SMS verification success" }
func (s *lowRate) Window() time.Duration { return 10 * time.Minute }
func (s *lowRate) Collect(context.Context, scene.Window) ([]scene.Sample, error) {
	var out []scene.Sample
	for _, c := range s.countries {
		out = append(out, scene.Sample{Country: c, Numerator: 500, Denominator: 1000, Vars: map[string]any{"provider": "acme"}})
	}
	return out, nil
}

// fixture is a real engine on a test clock, a webhook receiver that
// accepts /ok and refuses /bad with 400 (a permanent answer), and a
// toolkit on both.
type fixture struct {
	t      *testing.T
	db     *store.DB
	clock  *testclock.Clock
	recv   *webhooktest.Receiver
	engine *alert.Engine
	kit    *ops.Toolkit
}

// newFixture configures PH to reach CH-OK and ID to reach CH-BAD, with a
// rule that fires on every window.
func newFixture(t *testing.T, open testdb.Opener) *fixture {
	t.Helper()
	f := &fixture{t: t, clock: testclock.New(histT0), recv: webhooktest.New(webhookSecret)}
	t.Cleanup(f.recv.Close)
	f.recv.Answer(func(r webhooktest.Received, _ int) webhooktest.Reply {
		if r.Path == "/bad" {
			return webhooktest.Reply{Status: 400}
		}
		return webhooktest.Reply{}
	})
	f.db = open(t, store.WithClock(f.clock.Now))
	e, err := alert.New(alert.WithStore(f.db), alert.WithClock(f.clock.Now), alert.WithScenes(&lowRate{countries: []string{"PH", "ID"}}),
		alert.WithLogger(slog.New(slog.NewTextHandler(io.Discard, nil))), alert.WithMaxMissedWindows(3),
		alert.WithRetryBackoff(time.Minute, 5*time.Minute))
	if err != nil {
		t.Fatal(err)
	}
	f.engine = e
	f.kit = ops.New(e, f.db, ops.WithClock(f.clock.Now))
	f.configure()
	return f
}

func (f *fixture) configure() {
	f.t.Helper()
	ctx := context.Background()
	cfg := f.engine.Config(f.db, store.AsUser("ops"))
	r, err := cfg.CreateRule(ctx, store.Rule{RuleNo: new("R-SMS-LOW"), FunCode: new("denominator >= 100 && rate < threshold"),
		ThresholdVal: new("0.9"), FunDesc: new("SMS success rate below 90%")})
	histMust(f.t, err)
	_, err = cfg.CreateRuleRoute(ctx, store.RuleRoute{InfoType: new(histScene), CountryNo: new(store.AllCountries), RuleNo: r.RuleNo})
	histMust(f.t, err)
	tpl, err := cfg.CreateTemplate(ctx, store.Template{ModNo: new("MD-SMS"), Title: new("SMS success low"), InfoType: new(histScene),
		SendType: new(store.SendRealtime), Content: new("{country_name}: SMS success {rate_pct} in {window}, below {threshold}."),
		ContentChinese: new("{country_name}：短信验证成功率 {rate_pct}，时段 {window}，低于阈值 {threshold}。")})
	histMust(f.t, err)
	for c, ch := range map[string]string{"PH": "CH-OK", "ID": "CH-BAD"} {
		_, err = cfg.CreateCountryTemplate(ctx, store.CountryTemplate{CountryNo: new(c), CountryName: new(c), ModNo: tpl.ModNo, InfoType: new(histScene)})
		histMust(f.t, err)
		path := "/" + strings.ToLower(strings.TrimPrefix(ch, "CH-"))
		_, err = cfg.CreateChannel(ctx, store.Channel{ChannelNo: new(ch), ChannelName: new("hook " + ch), Type: new(store.ChannelWebhook),
			Sort: new(decimal.RequireFromString("1"))}, []store.ChannelDetail{
			{DataKey: new("url"), DataValue: new(f.recv.URL + path + "?token=" + webhookToken)},
			{DataKey: new("secret"), DataValue: new(webhookSecret)},
			{DataKey: new("timeout"), DataValue: new("2s")},
		})
		histMust(f.t, err)
		_, err = cfg.CreateRouting(ctx, store.Routing{CountryNo: c, CountryName: c, InfoType: new(histScene), ChannelNo: new(ch)})
		histMust(f.t, err)
	}
}

// tickAt sets the clock and runs one Tick.
func (f *fixture) tickAt(d time.Duration) alert.TickResult {
	f.t.Helper()
	f.clock.Set(histT0.Add(d))
	res, err := f.engine.Tick(context.Background())
	if err != nil {
		f.t.Fatalf("tick at %s: %v", f.clock.Now().Format(time.RFC3339), err)
	}
	return res
}

// run makes the usual history: the windows 00:00 and 00:10 alert in PH
// (sent) and ID (failed for good, 400), and are archived an hour later;
// the window 01:50 alerts and is not archived yet.
func (f *fixture) run() {
	f.t.Helper()
	f.tickAt(11 * time.Minute)
	f.tickAt(21 * time.Minute)
	f.tickAt(2 * time.Hour)
	var archived int
	histMust(f.t, f.db.SQL().Get(&archived, "SELECT COUNT(*) FROM monitor_send_log_hist"))
	if archived < 4 {
		f.t.Fatalf("%d archived alerts, want at least 4", archived)
	}
}

func histMust(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// forEachBackend runs fn on SQLite and MariaDB.
func forEachBackend(t *testing.T, fn func(t *testing.T, open testdb.Opener)) {
	for _, b := range testdb.Backends() {
		t.Run(b.Name, func(t *testing.T) { fn(t, b.Open) })
	}
}
