package alert_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/yujing-go/yujing/alert"
	"github.com/yujing-go/yujing/internal/testclock"
	"github.com/yujing-go/yujing/internal/testdb"
	"github.com/yujing-go/yujing/internal/webhooktest"
	"github.com/yujing-go/yujing/scene"
	"github.com/yujing-go/yujing/store"
)

var t0 = time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC)

const (
	smsScene      = 1
	webhookSecret = "whsec-do-not-log-7f3a"
	webhookToken  = "tok-do-not-log-91c2"
)

// smsSuccess is a scene whose countries' success rates a test sets.
type smsSuccess struct {
	mu        sync.Mutex
	countries []string
	rate      func(country string, w scene.Window) float64
	fail      atomic.Int32 // fail this many Collect calls
	calls     atomic.Int32
}

func (s *smsSuccess) InfoType() int         { return smsScene }
func (s *smsSuccess) Name() string          { return "SMS verification success" }
func (s *smsSuccess) Window() time.Duration { return 10 * time.Minute }
func (s *smsSuccess) Collect(_ context.Context, w scene.Window) ([]scene.Sample, error) {
	s.calls.Add(1)
	if s.fail.Load() > 0 {
		s.fail.Add(-1)
		return nil, errors.New("metrics backend unavailable")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []scene.Sample
	for _, c := range s.countries {
		r := s.rate(c, w)
		out = append(out, scene.Sample{Country: c, Numerator: int64(r * 1000), Denominator: 1000, Vars: map[string]any{"provider": "acme"}})
	}
	return out, nil
}

// syncBuffer collects log output from several goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

type fixture struct {
	t      *testing.T
	db     *store.DB
	clock  *testclock.Clock
	recv   *webhooktest.Receiver
	scene  *smsSuccess
	logs   *syncBuffer
	engine *alert.Engine
}

// newFixture opens a store, starts a webhook receiver, and makes an
// engine on a test clock with the SMS scene.
func newFixture(t *testing.T, open testdb.Opener, opts ...alert.Option) *fixture {
	t.Helper()
	f := &fixture{t: t, clock: testclock.New(t0), recv: webhooktest.New(webhookSecret), logs: &syncBuffer{}}
	t.Cleanup(f.recv.Close)
	f.db = open(t, store.WithClock(f.clock.Now))
	f.scene = &smsSuccess{countries: []string{"PH", "ID", "TH"}, rate: func(string, scene.Window) float64 { return 0.95 }}
	f.engine = f.newEngine(opts...)
	return f
}

func (f *fixture) newEngine(opts ...alert.Option) *alert.Engine {
	f.t.Helper()
	base := []alert.Option{
		alert.WithStore(f.db),
		alert.WithClock(f.clock.Now),
		alert.WithLogger(slog.New(slog.NewJSONHandler(f.logs, &slog.HandlerOptions{Level: slog.LevelDebug}))),
		alert.WithMaxMissedWindows(3),
		alert.WithRetryBackoff(time.Minute, 5*time.Minute),
	}
	if f.scene != nil { // a test with a scene of its own sets f.scene to nil
		base = append(base, alert.WithScenes(f.scene))
	}
	e, err := alert.New(append(base, opts...)...)
	if err != nil {
		f.t.Fatal(err)
	}
	return e
}

// configure writes the usual configuration through the validated API: a
// rule rate < threshold for every country, a realtime template in both
// languages, and a webhook channel routed for the given countries.
func (f *fixture) configure(countries ...string) (ruleNo, channelNo string) {
	f.t.Helper()
	ctx := context.Background()
	cfg := f.engine.Config(f.db, store.AsUser("ops"))
	r, err := cfg.CreateRule(ctx, store.Rule{RuleNo: new("R-SMS-LOW"), FunCode: new("denominator >= 100 && rate < threshold"),
		ThresholdVal: new("0.9"), FunDesc: new("SMS success rate below 90%")})
	if err != nil {
		f.t.Fatal(err)
	}
	if _, err := cfg.CreateRuleRoute(ctx, store.RuleRoute{InfoType: new(smsScene), CountryNo: new(store.AllCountries), RuleNo: r.RuleNo}); err != nil {
		f.t.Fatal(err)
	}
	tpl, err := cfg.CreateTemplate(ctx, store.Template{ModNo: new("MD-SMS"), Title: new("SMS success low"), InfoType: new(smsScene),
		SendType:       new(store.SendRealtime),
		Content:        new("{country_name}: SMS success {rate_pct} ({numerator}/{denominator}) in {window}, below {threshold}. Provider {vars.provider}."),
		ContentChinese: new("{country_name}：短信验证成功率 {rate_pct}（{numerator}/{denominator}），时段 {window}，低于阈值 {threshold}。")})
	if err != nil {
		f.t.Fatal(err)
	}
	names := map[string]string{"PH": "Philippines", "ID": "Indonesia", "TH": "Thailand"}
	for _, c := range countries {
		if _, err := cfg.CreateCountryTemplate(ctx, store.CountryTemplate{CountryNo: new(c), CountryName: new(names[c]), ModNo: tpl.ModNo, InfoType: new(smsScene)}); err != nil {
			f.t.Fatal(err)
		}
	}
	channelNo = f.addWebhook("CH-HOOK", "/alerts")
	for _, c := range countries {
		f.route(c, channelNo)
	}
	return *r.RuleNo, channelNo
}

// addWebhook creates a webhook channel posting to the receiver at path.
func (f *fixture) addWebhook(no, path string) string {
	f.t.Helper()
	ch, err := f.engine.Config(f.db).CreateChannel(context.Background(), store.Channel{ChannelNo: new(no), ChannelName: new("hook " + no),
		Type: new(store.ChannelWebhook), Sort: new(decimal.RequireFromString("1"))}, []store.ChannelDetail{
		{DataKey: new("url"), DataValue: new(f.recv.URL + path + "?token=" + webhookToken)},
		{DataKey: new("secret"), DataValue: new(webhookSecret)},
		{DataKey: new("timeout"), DataValue: new("2s")},
	})
	if err != nil {
		f.t.Fatal(err)
	}
	return *ch.ChannelNo
}

func (f *fixture) route(country, channelNo string) {
	f.t.Helper()
	if _, err := f.engine.Config(f.db).CreateRouting(context.Background(), store.Routing{CountryNo: country, CountryName: country,
		InfoType: new(smsScene), ChannelNo: new(channelNo)}); err != nil {
		f.t.Fatal(err)
	}
}

// tick runs one Tick and fails the test on an error.
func (f *fixture) tick() alert.TickResult {
	f.t.Helper()
	res, err := f.engine.Tick(context.Background())
	if err != nil {
		f.t.Fatalf("tick at %s: %v", f.clock.Now().Format(time.RFC3339), err)
	}
	return res
}

// records returns the records of the SMS scene, by country and window begin.
func (f *fixture) records() map[string]store.Record {
	f.t.Helper()
	var rows []store.Record
	if err := f.db.Select(context.Background(), &rows, "WHERE `info_type` = ? ORDER BY `id`", smsScene); err != nil {
		f.t.Fatal(err)
	}
	out := map[string]store.Record{}
	for _, r := range rows {
		out[fmt.Sprintf("%s@%s", *r.CountryNo, r.BeginTime.UTC().Format("15:04"))] = r
	}
	return out
}

// sendLogs reads monitor_send_log, or monitor_send_log_hist (as SendLog,
// without the claim).
func (f *fixture) sendLogs(table string) []store.SendLog {
	f.t.Helper()
	ctx := context.Background()
	var rows []store.SendLog
	if table == "monitor_send_log" {
		if err := f.db.Select(ctx, &rows, "ORDER BY `id`"); err != nil {
			f.t.Fatal(err)
		}
		return rows
	}
	var hist []store.SendLogHist
	if err := f.db.Select(ctx, &hist, "ORDER BY `id`"); err != nil {
		f.t.Fatal(err)
	}
	for _, h := range hist {
		rows = append(rows, store.SendLog{ID: h.ID, SlNo: h.SlNo, CountryNo: h.CountryNo, ModNo: h.ModNo, Content: h.Content,
			InfoType: h.InfoType, ExpectSendTime: h.ExpectSendTime, RealitySendTime: h.RealitySendTime, Status: h.Status,
			RetryTimes: h.RetryTimes, Stamps: h.Stamps, Params: h.Params, Reason: h.Reason, ChannelState: h.ChannelState})
	}
	return rows
}

func (f *fixture) count(query string, args ...any) int {
	f.t.Helper()
	var n int
	if err := f.db.SQL().Get(&n, query, args...); err != nil {
		f.t.Fatal(err)
	}
	return n
}

// engineSlot is the realtime slot of the fixture's template (the engine's
// default): advancing by it moves alerts into the next slot.
func (f *fixture) engineSlot() time.Duration { return 10 * time.Minute }

// editTemplate changes the fixture's template MD-SMS through the checked
// configuration API.
func (f *fixture) editTemplate(edit func(*store.Template)) {
	f.t.Helper()
	ctx := context.Background()
	cfg := f.engine.Config(f.db)
	tpl, err := cfg.GetTemplate(ctx, "MD-SMS")
	if err != nil {
		f.t.Fatal(err)
	}
	edit(&tpl)
	if _, err := cfg.UpdateTemplate(ctx, tpl); err != nil {
		f.t.Fatal(err)
	}
}

// onceEach fails the test unless want distinct alerts reached the
// receiver, each exactly once.
func (f *fixture) onceEach(want int) {
	f.t.Helper()
	accepted := f.recv.Accepted()
	if len(accepted) != want {
		f.t.Fatalf("%d distinct deliveries, want %d", len(accepted), want)
	}
	for key, n := range accepted {
		if n != 1 {
			f.t.Errorf("%s delivered %d times", key, n)
		}
	}
}
