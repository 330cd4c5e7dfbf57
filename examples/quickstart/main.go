// Command quickstart runs the whole alert pipeline on the embedded SQLite
// store, with no server: three countries' SMS verification success rate in
// 10-minute windows, simulated over three hours on a simulated clock, one
// country degrading; a rule (rate < threshold), English and Chinese
// templates, and a webhook channel served in-process that prints each
// alert as it arrives; plus an hourly collections report per country,
// written as an .xlsx into a local directory and linked from its alert.
//
//	go run ./examples/quickstart
package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/yujing-go/yujing/examples/internal/demo"
	"github.com/yujing-go/yujing/store"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "quickstart:", err)
		os.Exit(1)
	}
}

func run() error {
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "yujing-quickstart-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	clock := demo.NewClock(time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC))
	db, err := store.OpenSQLite(ctx, filepath.Join(dir, "alerts.db"), store.WithClock(clock.Now))
	if err != nil {
		return err
	}
	defer db.Close()
	fmt.Printf("yujing quickstart: SQLite store in %s, simulated clock from %s\n\n", dir, clock.Now().Format(time.RFC3339))
	sum, err := demo.Run(ctx, db, clock, os.Stdout, 3, filepath.Join(dir, "files"))
	if err != nil {
		return err
	}
	sum.Print(os.Stdout)
	return nil
}
