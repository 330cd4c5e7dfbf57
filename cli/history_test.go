package cli

import (
	"context"
	"io"
	"log/slog"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/yujing-go/yujing/alert"
	"github.com/yujing-go/yujing/internal/testclock"
	"github.com/yujing-go/yujing/internal/webhooktest"
	"github.com/yujing-go/yujing/scene"
	"github.com/yujing-go/yujing/store"
)

const (
	hookSecret = "whsec-cli-history-5d1e"
	hookToken  = "tok-cli-history-77aa"
)

var histT0 = time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC)

// halfRate is a scene whose every country's success rate is 50%.
type halfRate struct{}

func (halfRate) InfoType() int         { return 1 }
func (halfRate) Name() string          { return "SMS verification success" }
func (halfRate) Window() time.Duration { return 10 * time.Minute }
func (halfRate) Collect(context.Context, scene.Window) ([]scene.Sample, error) {
	return []scene.Sample{{Country: "PH", Numerator: 500, Denominator: 1000}, {Country: "ID", Numerator: 500, Denominator: 1000}}, nil
}

// seedAlerts runs a real engine on the backend: PH alerts reach CH-OK,
// ID alerts are refused by CH-BAD (400); the first hour's alerts are
// archived. It returns the sl_no of an archived failed alert.
func seedAlerts(t *testing.T, b *backend) string {
	t.Helper()
	ctx := context.Background()
	recv := webhooktest.New(hookSecret)
	t.Cleanup(recv.Close)
	recv.Answer(func(r webhooktest.Received, _ int) webhooktest.Reply {
		if r.Path == "/bad" {
			return webhooktest.Reply{Status: 400}
		}
		return webhooktest.Reply{}
	})
	clock := testclock.New(histT0)
	db := b.open(t)
	e, err := alert.New(alert.WithStore(db), alert.WithClock(clock.Now), alert.WithScenes(halfRate{}), alert.WithMaxMissedWindows(2),
		alert.WithLogger(slog.New(slog.NewTextHandler(io.Discard, nil))))
	if err != nil {
		t.Fatal(err)
	}
	cfg := e.Config(db, store.AsUser("ops"))
	check := func(_ any, err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	check(cfg.CreateRule(ctx, store.Rule{RuleNo: new("R-LOW"), FunCode: new("rate < threshold"), ThresholdVal: new("0.9")}))
	check(cfg.CreateRuleRoute(ctx, store.RuleRoute{InfoType: new(1), CountryNo: new("*"), RuleNo: new("R-LOW")}))
	check(cfg.CreateTemplate(ctx, store.Template{ModNo: new("MD-1"), Title: new("low"), InfoType: new(1), SendType: new(store.SendRealtime),
		Content: new("{country} rate {rate_pct}"), ContentChinese: new("{country} 成功率 {rate_pct}")}))
	for c, ch := range map[string]string{"PH": "CH-OK", "ID": "CH-BAD"} {
		check(cfg.CreateCountryTemplate(ctx, store.CountryTemplate{CountryNo: new(c), CountryName: new(c), ModNo: new("MD-1"), InfoType: new(1)}))
		path := "/" + strings.ToLower(strings.TrimPrefix(ch, "CH-"))
		check(cfg.CreateChannel(ctx, store.Channel{ChannelNo: new(ch), ChannelName: new(ch), Type: new(store.ChannelWebhook),
			Sort: new(decimal.RequireFromString("1"))}, []store.ChannelDetail{
			{DataKey: new("url"), DataValue: new(recv.URL + path + "?token=" + hookToken)}, {DataKey: new("secret"), DataValue: new(hookSecret)}}))
		check(cfg.CreateRouting(ctx, store.Routing{CountryNo: c, CountryName: c, InfoType: new(1), ChannelNo: new(ch)}))
	}
	for _, at := range []time.Duration{11 * time.Minute, 21 * time.Minute, 2 * time.Hour} {
		clock.Set(histT0.Add(at))
		if _, err := e.Tick(ctx); err != nil {
			t.Fatal(err)
		}
	}
	var hist []store.SendLogHist
	if err := db.Select(ctx, &hist, "WHERE `status` = ? ORDER BY `id`", int(store.SendFailed)); err != nil || len(hist) == 0 {
		t.Fatalf("no archived failed alert: %v", err)
	}
	return *hist[0].SlNo
}

// historyDoc is a page as the JSON output names its fields.
type historyDoc struct {
	Alerts []struct {
		SlNo     string `json:"sl_no"`
		Archived bool   `json:"archived"`
		Country  string `json:"country"`
		Status   string `json:"status"`
		Channels []struct {
			ChannelNo string `json:"channel_no"`
			Outcome   string `json:"outcome"`
			Attempts  int    `json:"attempts"`
			Answer    string `json:"answer"`
		} `json:"channels"`
	} `json:"alerts"`
	Next *string `json:"next"`
}

// TestHistoryCommand: filters, paging with --after and the printed
// cursor, JSON, bad flags, and no secret in the output.
func TestHistoryCommand(t *testing.T) {
	forEachBackend(t, func(t *testing.T, b *backend) {
		b.migrated(t)
		seedAlerts(t, b)
		from := "--from=" + histT0.Format(time.RFC3339)
		var all historyDoc
		decode(t, must(t, b.args("history", from, "--limit", "500", "-o", "json")...), &all)
		if len(all.Alerts) < 4 || all.Next != nil {
			t.Fatalf("history: %+v", all)
		}
		var seen []string
		after := ""
		for range 100 {
			var page historyDoc
			args := b.args("history", from, "--limit", "3", "-o", "json")
			if after != "" {
				args = append(args, "--after", after)
			}
			decode(t, must(t, args...), &page)
			for _, a := range page.Alerts {
				seen = append(seen, a.SlNo)
			}
			if page.Next == nil {
				break
			}
			after = *page.Next
		}
		if len(seen) != len(all.Alerts) {
			t.Fatalf("paged %d alerts, want %d", len(seen), len(all.Alerts))
		}
		for i, a := range all.Alerts {
			if seen[i] != a.SlNo {
				t.Fatalf("paged alert %d is %s, want %s", i, seen[i], a.SlNo)
			}
		}
		var failed historyDoc
		decode(t, must(t, b.args("history", from, "--status", "failed", "--channel", "CH-BAD", "-o", "json")...), &failed)
		if len(failed.Alerts) == 0 {
			t.Fatal("no failed alert")
		}
		for _, a := range failed.Alerts {
			if a.Status != "failed" || a.Country != "ID" || a.Channels[0].Answer != "HTTP 400" || a.Channels[0].Attempts != 1 {
				t.Errorf("failed alert %+v", a)
			}
		}
		table := must(t, b.args("history", from, "--country", "ID", "--limit", "1")...)
		if !strings.Contains(table.stdout, "CH-BAD:failed×1(HTTP 400)") || !strings.Contains(table.stdout, "next page: --after ") {
			t.Errorf("table:\n%s", table.stdout)
		}
		if os.Getenv("YUJING_SHOW_EXPLAIN") != "" {
			t.Log("\n" + table.stdout)
		}
		for _, out := range []string{table.stdout, table.stderr} {
			if strings.Contains(out, hookToken) || strings.Contains(out, hookSecret) {
				t.Errorf("the history shows a secret:\n%s", out)
			}
		}
		yujing(t, b.args("history", "--limit", "501")...).want(t, exitRefused, "want 1 to 500")
		yujing(t, b.args("history", "--after", "garbage")...).want(t, exitRefused, "cursor")
		yujing(t, b.args("history", "--from", "yesterday")...).want(t, exitUsage, "RFC 3339")
		yujing(t, b.args("history", "--status", "lost")...).want(t, exitUsage, "waiting, sent, failed, muted")
		var firing historyDoc
		decode(t, must(t, b.args("history", from, "--kind", "Firing", "--status", "2", "-o", "json")...), &firing)
		if len(firing.Alerts) == 0 || len(firing.Alerts) >= len(failed.Alerts) {
			t.Errorf("%d firing failed alerts of %d failed: want some, not all", len(firing.Alerts), len(failed.Alerts))
		}
	})
}
