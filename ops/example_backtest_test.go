package ops_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"strconv"
	"time"

	"github.com/yujing-go/yujing/alert"
	"github.com/yujing-go/yujing/ops"
	"github.com/yujing-go/yujing/store"
)

// ExampleToolkit_Backtest tries a draft rule (three bad windows in a row
// to fire) over stored windows of an embedded database: the first bad
// stretch fires, repeats in the next slot (the template has no repeat
// interval: one message per 10-minute slot) and resolves; the second is
// too short to fire. The engine sent nothing for these windows (they are
// stored as judged fine), so every message is a difference.
func ExampleToolkit_Backtest() {
	ctx := context.Background()
	db, err := store.OpenSQLite(ctx, ":memory:")
	if err != nil {
		panic(err)
	}
	defer db.Close()
	if err := db.Migrate(ctx); err != nil {
		panic(err)
	}
	engine, err := alert.New(alert.WithStore(db), alert.WithFireTypes(1), alert.WithLogger(slog.New(slog.NewTextHandler(io.Discard, nil))))
	if err != nil {
		panic(err)
	}
	exampleConfig(ctx, engine, db)
	// Twelve 10-minute windows of PH: bad (rate 0.5) in windows 2–5 and 8–9.
	begin := time.Date(2026, 11, 24, 8, 0, 0, 0, time.UTC)
	var recs []store.Record
	for i := range 12 {
		b, e := begin.Add(time.Duration(i)*10*time.Minute), begin.Add(time.Duration(i+1)*10*time.Minute)
		rate := "0.97"
		if i >= 2 && i <= 5 || i == 8 || i == 9 {
			rate = "0.5"
		}
		content := store.EncodeValues(map[string]string{"numerator": strconv.Itoa(int(mustFloat(rate) * 1000)), "denominator": "1000", "rate": rate})
		recs = append(recs, store.Record{InfoType: new(1), CountryNo: new("PH"), BeginTime: &b, EndTime: &e, Content: &content,
			Status: new(store.RecordNoAlert), Stamps: store.Stamps{CreateTime: new(e.Add(time.Minute))}})
	}
	if _, err := db.InsertRecords(ctx, recs); err != nil {
		panic(err)
	}

	draft := store.Rule{FunCode: new("rate < threshold"), ThresholdVal: new("0.9")}
	draft.SetPendingWindows(3)
	kit := ops.New(engine, db)
	sum, err := kit.Backtest(ctx, ops.BacktestQuery{Draft: &draft, InfoType: new(1), From: begin, To: begin.Add(2 * time.Hour)},
		func(w ops.BacktestWindow) error {
			for _, m := range w.Messages {
				fmt.Printf("%s %s: %s (%s), %s\n", w.Country, w.End.Format("15:04"), m.Kind, m.Outcome, w.Diff)
			}
			return nil
		})
	if err != nil {
		panic(err)
	}
	fmt.Printf("%d windows, %d fired, %d differences\n", sum.Windows, sum.Fired, sum.Differences)
	// Output:
	// PH 08:50: firing (enqueued), would send, was not sent
	// PH 09:00: repeat (enqueued), would send, was not sent
	// PH 09:10: resolved (enqueued), would send, was not sent
	// 12 windows, 6 fired, 3 differences
}

func mustFloat(s string) float64 {
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		panic(err)
	}
	return f
}

// exampleConfig writes a realtime template with a resolved message for
// scene 1 and a webhook channel routed to it.
func exampleConfig(ctx context.Context, engine *alert.Engine, db *store.DB) {
	cfg := engine.Config(db, store.AsUser("ops"))
	tpl, err := cfg.CreateTemplate(ctx, store.Template{Title: new("SMS"), InfoType: new(1), SendType: new(store.SendRealtime),
		Content: new("{country}: SMS success {rate_pct}"), ResolvedContent: new("{country}: recovered")})
	if err != nil {
		panic(err)
	}
	if _, err := cfg.CreateCountryTemplate(ctx, store.CountryTemplate{CountryNo: new("*"), ModNo: tpl.ModNo, InfoType: new(1)}); err != nil {
		panic(err)
	}
	ch, err := cfg.CreateChannel(ctx, store.Channel{ChannelName: new("ops"), Type: new(store.ChannelWebhook)},
		[]store.ChannelDetail{{DataKey: new("url"), DataValue: new("https://hooks.example.com/alerts")}})
	if err != nil {
		panic(err)
	}
	if _, err := cfg.CreateRouting(ctx, store.Routing{CountryNo: "*", CountryName: "all", InfoType: new(1), ChannelNo: ch.ChannelNo}); err != nil {
		panic(err)
	}
}
