// Command console runs the quickstart's simulation with the web console:
// three countries' SMS verification success rate in 10-minute windows on
// the embedded SQLite store, one country (PH) degrading after the first
// simulated hour, Ticked on a timer — each real tick moves a simulated
// clock by one step, so the overview moves — and the console at
// http://127.0.0.1:8080/alerts/, where silences and acknowledgements can
// be tried. Alerts go to a webhook served in-process, printed as they
// arrive, each with a link that acknowledges it through the console.
//
//	go run ./examples/console               # then open http://127.0.0.1:8080/
//	go run ./examples/console -addr :9090 -every 1s -step 10m
package main

import (
	"context"
	"crypto/rand"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"time"

	"github.com/yujing-go/yujing/ack"
	"github.com/yujing-go/yujing/alert"
	"github.com/yujing-go/yujing/console"
	"github.com/yujing-go/yujing/examples/internal/demo"
	"github.com/yujing-go/yujing/store"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:8080", "where the console listens")
	every := flag.Duration("every", 2*time.Second, "real time between two Ticks")
	step := flag.Duration("step", 5*time.Minute, "simulated time each Tick moves the clock by")
	flag.Parse()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, *addr, *every, *step); err != nil {
		fmt.Fprintln(os.Stderr, "console example:", err)
		os.Exit(1)
	}
}

// prefix is where the example mounts the console, as a host would under
// its own routes.
const prefix = "/alerts"

func run(ctx context.Context, addr string, every, step time.Duration) error {
	dir, err := os.MkdirTemp("", "yujing-console-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	clock := demo.NewClock(time.Now().UTC().Truncate(time.Hour).Add(-2 * time.Hour))
	db, err := store.OpenSQLite(ctx, filepath.Join(dir, "alerts.db"), store.WithClock(clock.Now))
	if err != nil {
		return err
	}
	defer db.Close()
	if err := db.Migrate(ctx); err != nil {
		return err
	}
	signer, err := ack.NewSigner([]byte(rand.Text()+rand.Text()), "http://"+linkHost(addr)+prefix+"/ack", 24*time.Hour)
	if err != nil {
		return err
	}
	recv := demo.NewReceiver(os.Stdout)
	defer recv.Close()
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	e, err := alert.New(alert.WithStore(db), alert.WithScenes(&demo.SMSSuccess{DegradeFrom: clock.Now().Add(time.Hour)}),
		alert.WithReportScenes(demo.Collections{}), alert.WithReportDir(filepath.Join(dir, "files"), ""),
		alert.WithClock(clock.Now), alert.WithRealtimeSlot(30*time.Minute), alert.WithMaxMissedWindows(1),
		alert.WithAckLinks(signer), alert.WithLogger(quiet))
	if err != nil {
		return err
	}
	if err := configure(ctx, e, db, recv.URL+"/alerts"); err != nil {
		return fmt.Errorf("configure: %w", err)
	}
	h, err := console.New(e, db, console.WithAckLinks(signer, time.Hour, 4*time.Hour), console.WithRefresh(5*time.Second),
		console.WithUser(func(*http.Request) string { return "demo-operator" }), console.WithLogger(quiet))
	if err != nil {
		return err
	}
	mux := http.NewServeMux()
	mux.Handle(prefix+"/", http.StripPrefix(prefix, h))
	mux.Handle("/{$}", http.RedirectHandler(prefix+"/", http.StatusFound))
	srv := &http.Server{Addr: addr, Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	errc := make(chan error, 1)
	go func() { errc <- srv.ListenAndServe() }()
	fmt.Printf("yujing console: http://%s%s/ (simulated clock from %s, %s per tick every %s; Ctrl-C stops)\n\n",
		linkHost(addr), prefix, clock.Now().Format(time.RFC3339), step, every)
	err = tickLoop(ctx, e, clock, every, step, errc)
	shut, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_ = srv.Shutdown(shut)
	return err
}

// tickLoop moves the clock and Ticks until ctx ends or the server fails.
func tickLoop(ctx context.Context, e *alert.Engine, clock *demo.Clock, every, step time.Duration, errc <-chan error) error {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case err := <-errc:
			if errors.Is(err, http.ErrServerClosed) {
				return nil
			}
			return err
		case <-t.C:
			clock.Advance(step)
			if _, err := e.Tick(ctx); err != nil && ctx.Err() == nil {
				fmt.Fprintln(os.Stderr, "tick:", err)
			}
		}
	}
}

// configure writes the quickstart's configuration, then turns on no-data
// detection (so that the engine keeps a state for every reporting
// country: the overview's rows) and puts the acknowledgement link in the
// SMS template.
func configure(ctx context.Context, e *alert.Engine, db *store.DB, webhookURL string) error {
	if err := demo.Configure(ctx, e, db, webhookURL); err != nil {
		return err
	}
	cfg := e.Config(db, store.AsUser("console-example"))
	routes, err := cfg.ListRuleRoutes(ctx, store.Filter{InfoType: new(demo.SMSInfoType)})
	if err != nil {
		return err
	}
	for _, r := range routes {
		r.SetNoDataWindows(3)
		if _, err := cfg.UpdateRuleRoute(ctx, r); err != nil {
			return err
		}
	}
	tpls, err := cfg.ListTemplates(ctx, store.Filter{InfoType: new(demo.SMSInfoType)})
	if err != nil {
		return err
	}
	for _, t := range tpls {
		t.Content = new(*t.Content + " Acknowledge: {ack_link}")
		t.ContentChinese = new(*t.ContentChinese + " 确认：{ack_link}")
		if _, err := cfg.UpdateTemplate(ctx, t); err != nil {
			return err
		}
	}
	return nil
}

// linkHost is the host of links for an address such as ":8080".
func linkHost(addr string) string {
	if strings.HasPrefix(addr, ":") {
		return "127.0.0.1" + addr
	}
	return addr
}
