// Command customscene shows a host that owns its data, its scheduler and a
// channel type of its own:
//
//   - the scene counts delivered verification SMS per country from the
//     host's own table (here an in-memory SQLite table that a goroutine
//     fills with traffic, Thailand's provider failing half the time),
//   - the host calls engine.Tick from its own time.Ticker, and stops
//     cleanly on Ctrl-C or after -duration,
//   - alerts go to a channel type the host registers (type 6, "console"),
//     which prints them.
//
// It runs on the real clock with 2-second windows so that it shows alerts
// in a few seconds:
//
//	go run ./examples/customscene -duration 10s
package main

import (
	"context"
	"database/sql"
	"flag"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"os"
	"os/signal"
	"path/filepath"
	"time"

	_ "modernc.org/sqlite"

	"github.com/yujing-go/yujing/alert"
	"github.com/yujing-go/yujing/channel"
	"github.com/yujing-go/yujing/scene"
	"github.com/yujing-go/yujing/store"
)

const consoleType = 6 // a channel type of the host's own (0–5 are built in)

// smsScene reads the host's sms_log table.
type smsScene struct{ db *sql.DB }

func (s smsScene) InfoType() int         { return 1 }
func (s smsScene) Name() string          { return "SMS verification success" }
func (s smsScene) Window() time.Duration { return 2 * time.Second }

// Collect counts, per country, the SMS sent in the window and those delivered.
func (s smsScene) Collect(ctx context.Context, w scene.Window) ([]scene.Sample, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT country, COUNT(*), SUM(delivered) FROM sms_log
		WHERE sent_at >= ? AND sent_at < ? GROUP BY country`, w.Begin.UnixMilli(), w.End.UnixMilli())
	if err != nil {
		return nil, fmt.Errorf("query sms_log: %w", err)
	}
	defer rows.Close()
	var out []scene.Sample
	for rows.Next() {
		var smp scene.Sample
		if err := rows.Scan(&smp.Country, &smp.Denominator, &smp.Numerator); err != nil {
			return nil, err
		}
		out = append(out, smp)
	}
	return out, rows.Err()
}

// console is the host's channel type: it prints the message in the
// channel's language.
func console(cfg channel.Config) (channel.Sender, error) {
	prefix := cfg.String("prefix", "ALERT")
	lang := cfg.Language()
	return channel.SenderFunc(func(_ context.Context, m channel.Message) error {
		c := m.Content(lang)
		fmt.Printf("%s [%s] %s\n", prefix, c.Title, c.Text)
		return nil
	}), nil
}

func main() {
	duration := flag.Duration("duration", 8*time.Second, "how long to run")
	flag.Parse()
	if err := run(*duration); err != nil {
		fmt.Fprintln(os.Stderr, "customscene:", err)
		os.Exit(1)
	}
}

func run(duration time.Duration) error {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	ctx, cancel := context.WithTimeout(ctx, duration)
	defer cancel()

	// The host's own data.
	hostDB, err := sql.Open("sqlite", ":memory:")
	if err != nil {
		return err
	}
	defer hostDB.Close()
	hostDB.SetMaxOpenConns(1)
	if _, err := hostDB.Exec(`CREATE TABLE sms_log (country TEXT, sent_at INTEGER, delivered INTEGER)`); err != nil {
		return err
	}
	go traffic(ctx, hostDB)

	// The alert store: an SQLite file beside the host.
	dir, err := os.MkdirTemp("", "yujing-customscene-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	db, err := store.OpenSQLite(ctx, filepath.Join(dir, "alerts.db"))
	if err != nil {
		return err
	}
	defer db.Close()
	if err := db.Migrate(ctx); err != nil {
		return err
	}
	engine, err := alert.New(
		alert.WithStore(db),
		alert.WithScenes(smsScene{hostDB}),
		alert.WithChannelType(consoleType, "console", console),
		alert.WithCollectDelay(500*time.Millisecond),
		alert.WithRealtimeSlot(4*time.Second),
		alert.WithMaxMissedWindows(2),
		alert.WithLogger(slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))),
	)
	if err != nil {
		return err
	}
	if err := configure(ctx, engine, db); err != nil {
		return err
	}

	// The host's scheduler: a ticker calling Tick.
	fmt.Printf("ticking every second for %s (Ctrl-C stops)\n", duration)
	ticker := time.NewTicker(time.Second)
	defer ticker.Stop()
	var windows, alerts int
	for {
		select {
		case <-ctx.Done():
			fmt.Printf("stopped: %d windows collected, %d alerts delivered\n", windows, alerts)
			return nil
		case <-ticker.C:
			res, err := engine.Tick(ctx)
			if err != nil && ctx.Err() == nil {
				fmt.Fprintln(os.Stderr, "tick:", err) // the host decides; the next tick goes on
			}
			windows += res.Collect.Windows
			alerts += res.Send.Deliveries
		}
	}
}

// traffic writes SMS sends into the host's table: 50 a second per country,
// Thailand's delivered half the time.
func traffic(ctx context.Context, db *sql.DB) {
	t := time.NewTicker(100 * time.Millisecond)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case now := <-t.C:
			for _, c := range []string{"PH", "ID", "TH"} {
				for range 5 {
					ok := 1
					if c == "TH" && rand.IntN(2) == 0 || rand.IntN(100) == 0 {
						ok = 0
					}
					_, _ = db.ExecContext(ctx, `INSERT INTO sms_log VALUES (?, ?, ?)`, c, now.UnixMilli(), ok)
				}
			}
		}
	}
}

func configure(ctx context.Context, e *alert.Engine, db *store.DB) error {
	cfg := e.Config(db)
	r, err := cfg.CreateRule(ctx, store.Rule{FunCode: new("denominator >= 20 && rate < threshold"), ThresholdVal: new("0.8")})
	if err != nil {
		return err
	}
	if _, err := cfg.CreateRuleRoute(ctx, store.RuleRoute{InfoType: new(1), CountryNo: new("*"), RuleNo: r.RuleNo}); err != nil {
		return err
	}
	tpl, err := cfg.CreateTemplate(ctx, store.Template{Title: new("SMS success low"), InfoType: new(1), SendType: new(store.SendRealtime),
		Content: new("{country}: {rate_pct} of {denominator} SMS delivered in {window}")})
	if err != nil {
		return err
	}
	if _, err := cfg.CreateCountryTemplate(ctx, store.CountryTemplate{CountryNo: new("*"), ModNo: tpl.ModNo, InfoType: new(1)}); err != nil {
		return err
	}
	ch, err := cfg.CreateChannel(ctx, store.Channel{ChannelName: new("console"), Type: new(store.ChannelType(consoleType))},
		[]store.ChannelDetail{{DataKey: new("prefix"), DataValue: new("🔔")}})
	if err != nil {
		return err
	}
	_, err = cfg.CreateRouting(ctx, store.Routing{CountryNo: "*", CountryName: "every country", InfoType: new(1), ChannelNo: ch.ChannelNo})
	return err
}
