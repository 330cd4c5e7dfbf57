package ops_test

import (
	"context"
	"log/slog"
	"testing"
	"time"

	"github.com/yujing-go/yujing/alert"
	"github.com/yujing-go/yujing/internal/testclock"
	"github.com/yujing-go/yujing/internal/testdb"
	"github.com/yujing-go/yujing/internal/webhooktest"
	"github.com/yujing-go/yujing/ops"
	"github.com/yujing-go/yujing/scene"
	"github.com/yujing-go/yujing/store"
)

const (
	btScene      = 1
	btHookSecret = "whsec-backtest-do-not-log-41d9"
	hookToken    = "tok-backtest-do-not-log-77ab"
	historyStart = "2027-03-13 12:00" // the first window's begin
	historyEnd   = "2027-03-13 18:00" // the last window's end
)

func at(s string) time.Time {
	t, err := time.Parse("2006-01-02 15:04", s)
	if err != nil {
		panic(err)
	}
	return t
}

// series is a scene whose rates a test scripts per country and window.
type series struct {
	countries []string
	rate      func(country string, w scene.Window) float64
}

func (s *series) InfoType() int         { return btScene }
func (s *series) Name() string          { return "SMS verification success" }
func (s *series) Window() time.Duration { return 10 * time.Minute }
func (s *series) Collect(_ context.Context, w scene.Window) ([]scene.Sample, error) {
	out := make([]scene.Sample, 0, len(s.countries))
	for _, c := range s.countries {
		out = append(out, scene.Sample{Country: c, Numerator: int64(s.rate(c, w) * 1000), Denominator: 1000})
	}
	return out, nil
}

// history is the stored history the backtests replay, made by the engine
// itself over six hours of 10-minute windows:
//
//   - PH flaps (bad, bad, good…): pending 2/3 again and again, never
//     firing;
//   - ID is bad from 13:00 to 15:00: it fires on its third bad window
//     (13:20–13:30), repeats an hour later (14:20–14:30, the template's
//     repeat interval), and resolves after two good windows (15:10–15:20).
//
// The saved rule R-BT is "denominator >= 100 && rate < threshold" with
// threshold 0.9, 3 windows to fire and 2 to resolve.
type history struct {
	logs   *syncBuffer // the engine's log
	db     *store.DB
	engine *alert.Engine
	kit    *ops.Toolkit
	clock  *testclock.Clock
}

func sampleRate(country string, w scene.Window) float64 {
	switch country {
	case "PH":
		if w.Begin.Minute()/10%3 != 2 {
			return 0.5
		}
	case "ID":
		if !w.Begin.Before(at("2027-03-13 13:00")) && w.Begin.Before(at("2027-03-13 15:00")) {
			return 0.4
		}
	}
	return 0.97
}

// newHistory runs the engine over the history on a fresh database.
func newHistory(t *testing.T, open testdb.Opener, edits ...func(*store.Template, *store.Routing)) *history {
	t.Helper()
	h := &history{clock: testclock.New(at(historyStart).Add(-time.Hour)), logs: &syncBuffer{}}
	h.db = open(t, store.WithClock(h.clock.Now))
	recv := webhooktest.New(btHookSecret)
	t.Cleanup(recv.Close)
	sc := &series{countries: []string{"ID", "PH"}, rate: sampleRate}
	var err error
	h.engine, err = alert.New(alert.WithStore(h.db), alert.WithScenes(sc), alert.WithClock(h.clock.Now),
		alert.WithMaxMissedWindows(1), alert.WithLogger(slog.New(slog.NewTextHandler(h.logs, &slog.HandlerOptions{Level: slog.LevelDebug}))))
	if err != nil {
		t.Fatal(err)
	}
	configure(t, h.engine, h.db, recv.URL, edits...)
	ctx := context.Background()
	for h.clock.Set(at(historyStart).Add(10*time.Minute + time.Minute)); !h.clock.Now().After(at(historyEnd).Add(time.Minute)); h.clock.Advance(10 * time.Minute) {
		if _, err := h.engine.Tick(ctx); err != nil {
			t.Fatalf("tick at %s: %v", h.clock.Now().Format(time.RFC3339), err)
		}
	}
	if err := h.engine.Wait(ctx); err != nil {
		t.Fatal(err)
	}
	h.kit = ops.New(h.engine, h.db, ops.WithClock(h.clock.Now))
	return h
}

// configure writes the saved rule, its route, a realtime template that
// repeats hourly and has a resolved message, and a webhook for every
// country.
func configure(t *testing.T, e *alert.Engine, db *store.DB, url string, edits ...func(*store.Template, *store.Routing)) {
	t.Helper()
	ctx := context.Background()
	cfg := e.Config(db, store.AsUser("ops"))
	check := func(_ any, err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	r := store.Rule{RuleNo: new("R-BT"), FunCode: new("denominator >= 100 && rate < threshold"), ThresholdVal: new("0.9"),
		FunDesc: new("SMS success below 90%")}
	r.SetPendingWindows(3)
	r.SetResolveWindows(2)
	check(cfg.CreateRule(ctx, r))
	check(cfg.CreateRuleRoute(ctx, store.RuleRoute{InfoType: new(btScene), CountryNo: new(store.AllCountries), RuleNo: r.RuleNo}))
	tpl := store.Template{ModNo: new("MD-BT"), Title: new("SMS success"), InfoType: new(btScene), SendType: new(store.SendRealtime),
		Content:         new("{country}: SMS success {rate_pct} in {window}"),
		ResolvedContent: new("{country}: recovered after {duration}; now {rate_pct}")}
	tpl.SetRepeatSeconds(3600)
	var escalation store.Routing // an escalation route, when an edit gives it a level
	for _, edit := range edits {
		edit(&tpl, &escalation)
	}
	check(cfg.CreateTemplate(ctx, tpl))
	check(cfg.CreateCountryTemplate(ctx, store.CountryTemplate{CountryNo: new(store.AllCountries), ModNo: tpl.ModNo, InfoType: new(btScene)}))
	ch, err := cfg.CreateChannel(ctx, store.Channel{ChannelNo: new("CH-BT"), ChannelName: new("ops hook"), Type: new(store.ChannelWebhook)},
		[]store.ChannelDetail{{DataKey: new("url"), DataValue: new(url + "/alerts?token=" + hookToken)}, {DataKey: new("secret"), DataValue: new(btHookSecret)}})
	check(ch, err)
	check(cfg.CreateRouting(ctx, store.Routing{CountryNo: store.AllCountries, CountryName: "all", InfoType: new(btScene), ChannelNo: ch.ChannelNo}))
	if escalation.EscalationLevel() > 0 {
		oncall, err := cfg.CreateChannel(ctx, store.Channel{ChannelNo: new("CH-ONCALL"), ChannelName: new("on call"), Type: new(store.ChannelWebhook)},
			[]store.ChannelDetail{{DataKey: new("url"), DataValue: new(url + "/oncall?token=" + hookToken)}, {DataKey: new("secret"), DataValue: new(btHookSecret)}})
		check(oncall, err)
		escalation.CountryNo, escalation.CountryName, escalation.InfoType, escalation.ChannelNo = store.AllCountries, "all", new(btScene), oncall.ChannelNo
		check(cfg.CreateRouting(ctx, escalation))
	}
}

// run backtests q and returns the summary and every window.
func (h *history) run(t *testing.T, q ops.BacktestQuery) (ops.BacktestSummary, []ops.BacktestWindow) {
	t.Helper()
	if q.From.IsZero() {
		q.From, q.To = at(historyStart), at(historyEnd)
	}
	var got []ops.BacktestWindow
	sum, err := h.kit.Backtest(context.Background(), q, func(w ops.BacktestWindow) error {
		got = append(got, w)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return sum, got
}

// messages returns "country end kind" of every window message that sends.
func messages(ws []ops.BacktestWindow) []string {
	var out []string
	for _, w := range ws {
		for _, m := range w.Messages {
			if m.Sends {
				out = append(out, w.Country+" "+w.End.Format("15:04")+" "+m.Kind)
			}
		}
	}
	return out
}
