package cli

import (
	"context"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/yujing-go/yujing/alert"
	"github.com/yujing-go/yujing/internal/testclock"
	"github.com/yujing-go/yujing/internal/webhooktest"
	"github.com/yujing-go/yujing/scene"
	"github.com/yujing-go/yujing/store"
)

// flapScene: PH is bad two windows in three (never fires with pending 3),
// ID is bad from one hour to three hours after begin.
type flapScene struct{ begin time.Time }

func (flapScene) InfoType() int         { return 1 }
func (flapScene) Name() string          { return "SMS verification success" }
func (flapScene) Window() time.Duration { return 10 * time.Minute }
func (s flapScene) Collect(_ context.Context, w scene.Window) ([]scene.Sample, error) {
	ph, id := int64(970), int64(970)
	if w.Begin.Minute()/10%3 != 2 {
		ph = 500
	}
	if d := w.Begin.Sub(s.begin); d >= time.Hour && d < 3*time.Hour {
		id = 400
	}
	return []scene.Sample{{Country: "ID", Numerator: id, Denominator: 1000}, {Country: "PH", Numerator: ph, Denominator: 1000}}, nil
}

// seedHistory runs an engine over the six hours before now on the
// backend, with the saved rule R-BT (rate < 0.9, 3 windows to fire), a
// template repeating hourly with a resolved message, and a webhook. It
// returns the first window's begin.
func seedHistory(t *testing.T, b *backend) time.Time {
	t.Helper()
	begin := time.Now().UTC().Truncate(10 * time.Minute).Add(-7 * time.Hour)
	clock := testclock.New(begin)
	db := b.open(t)
	recv := webhooktest.New("")
	t.Cleanup(recv.Close)
	e, err := alert.New(alert.WithStore(db), alert.WithScenes(flapScene{begin}), alert.WithClock(clock.Now), alert.WithMaxMissedWindows(1),
		alert.WithLogger(slog.New(slog.NewTextHandler(io.Discard, nil))))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	cfg := e.Config(db, store.AsUser("ops"))
	r := store.Rule{RuleNo: new("R-BT"), FunCode: new("denominator >= 100 && rate < threshold"), ThresholdVal: new("0.9")}
	r.SetPendingWindows(3)
	r.SetResolveWindows(2)
	tpl := store.Template{ModNo: new("MD-BT"), Title: new("SMS"), InfoType: new(1), SendType: new(store.SendRealtime),
		Content: new("{country}: {rate_pct}"), ResolvedContent: new("{country}: recovered")}
	tpl.SetRepeatSeconds(3600)
	for _, step := range []func() error{
		func() error { _, err := cfg.CreateRule(ctx, r); return err },
		func() error {
			_, err := cfg.CreateRuleRoute(ctx, store.RuleRoute{InfoType: new(1), CountryNo: new("*"), RuleNo: r.RuleNo})
			return err
		},
		func() error { _, err := cfg.CreateTemplate(ctx, tpl); return err },
		func() error {
			_, err := cfg.CreateCountryTemplate(ctx, store.CountryTemplate{CountryNo: new("*"), ModNo: tpl.ModNo, InfoType: new(1)})
			return err
		},
		func() error {
			ch, err := cfg.CreateChannel(ctx, store.Channel{ChannelNo: new("CH-BT"), ChannelName: new("hook"), Type: new(store.ChannelWebhook)},
				[]store.ChannelDetail{{DataKey: new("url"), DataValue: new(recv.URL)}})
			if err != nil {
				return err
			}
			_, err = cfg.CreateRouting(ctx, store.Routing{CountryNo: "*", CountryName: "all", InfoType: new(1), ChannelNo: ch.ChannelNo})
			return err
		},
	} {
		if err := step(); err != nil {
			t.Fatal(err)
		}
	}
	for clock.Set(begin.Add(11 * time.Minute)); clock.Now().Before(begin.Add(6 * time.Hour)); clock.Advance(10 * time.Minute) {
		if _, err := e.Tick(ctx); err != nil {
			t.Fatal(err)
		}
	}
	if err := e.Wait(ctx); err != nil {
		t.Fatal(err)
	}
	return begin
}

// backtestDoc is the JSON output of backtest and rule test.
type backtestDoc struct {
	Summary struct {
		Rule        string           `json:"rule"`
		Draft       bool             `json:"draft"`
		Windows     int64            `json:"windows"`
		Fired       int64            `json:"fired"`
		Messages    map[string]int64 `json:"messages"`
		Differences int64            `json:"differences"`
		ByDiff      map[string]int64 `json:"by_difference"`
	} `json:"summary"`
	Windows []struct {
		Country  string `json:"country"`
		Fired    bool   `json:"fired"`
		Messages []struct {
			Kind  string `json:"kind"`
			Sends bool   `json:"sends"`
		} `json:"messages"`
		Difference string `json:"difference"`
	} `json:"windows"`
	More int `json:"more"`
}

// TestBacktestCommands: the saved rule replays as the engine ran it (no
// difference), a draft that fires at once differs, the listing is bounded
// by --limit, and CEL that does not compile is refused with exit 3.
func TestBacktestCommands(t *testing.T) {
	forEachBackend(t, func(t *testing.T, b *backend) {
		b.migrated(t)
		begin := seedHistory(t, b)
		from := begin.Format(time.RFC3339)
		var doc backtestDoc
		decode(t, must(t, b.args("backtest", "--rule", "R-BT", "--from", from, "-o", "json")...), &doc)
		s := doc.Summary
		if s.Rule != "R-BT" || s.Windows < 60 || s.Differences != 0 || s.Messages["firing"] != 1 || s.Messages["repeat"] != 1 || s.Messages["resolved"] != 1 {
			t.Errorf("saved rule: %+v", s)
		}
		out := must(t, b.args("backtest", "--rule", "R-BT", "--from", from)...).stdout
		for _, want := range []string{"COUNTRY", "firing enqueued", "pending 2/3", "differences from what was sent 0", "would send 1 firing, 1 repeat, 1 resolved"} {
			if !strings.Contains(out, want) {
				t.Errorf("table does not say %q:\n%s", want, out)
			}
		}

		doc = backtestDoc{}
		decode(t, must(t, b.args("rule", "test", "--scene", "1", "--country", "ID", "--expr", "rate < threshold", "--threshold", "0.9",
			"--days", "1", "--limit", "2", "-o", "json")...), &doc)
		if s := doc.Summary; !s.Draft || s.ByDiff["would send, was not sent"] != 3 || s.ByDiff["was sent, would not send"] != 3 ||
			len(doc.Windows) != 2 || doc.More != 12 {
			t.Errorf("draft: %+v, %d windows listed, %d more", s, len(doc.Windows), doc.More)
		}
		out = must(t, b.args("rule", "test", "--scene", "1", "--expr", "rate < threshold", "--threshold", "0.9", "--pending", "3", "--resolve", "2")...).stdout
		if !strings.Contains(out, "draft rule over scene 1") || !strings.Contains(out, "differences from what was sent 0") {
			t.Errorf("rule test table:\n%s", out)
		}

		yujing(t, b.args("rule", "test", "--scene", "1", "--expr", "rate < < threshold")...).want(t, exitRefused, "monitor_rule.fun_code", "1:8")
		yujing(t, b.args("backtest", "--scene", "1", "--expr", "rate <", "--from", from)...).want(t, exitRefused, "fun_code")
		yujing(t, b.args("backtest", "--rule", "R-NONE", "--from", from)...).want(t, exitNotFound, "R-NONE")
		yujing(t, b.args("backtest", "--rule", "R-BT", "--expr", "rate < 1", "--from", from)...).want(t, exitUsage)
		yujing(t, b.args("backtest", "--expr", "rate < 1", "--from", from)...).want(t, exitUsage, "--scene")
	})
}
