// Command mysql runs the quickstart's pipeline on MySQL or MariaDB: the
// same scene, rule, templates and in-process webhook, on a simulated clock.
// It creates a scratch database on the server the DSN names, and drops it
// afterwards (-keep keeps it, to look at the rows).
//
//	go run ./examples/mysql -dsn 'root@tcp(127.0.0.1:3306)/test'
package main

import (
	"context"
	"database/sql"
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/go-sql-driver/mysql"

	"github.com/yujing-go/yujing/examples/internal/demo"
	"github.com/yujing-go/yujing/store"
)

func main() {
	dsn := flag.String("dsn", envOr("ALERT_MYSQL_DSN", "root@tcp(127.0.0.1:3306)/test"), "DSN of the server (its database is only used to connect)")
	keep := flag.Bool("keep", false, "keep the scratch database")
	flag.Parse()
	if err := run(*dsn, *keep); err != nil {
		fmt.Fprintln(os.Stderr, "mysql example:", err)
		os.Exit(1)
	}
}

func envOr(k, def string) string {
	if v := os.Getenv(k); v != "" {
		return v
	}
	return def
}

func run(dsn string, keep bool) error {
	ctx := context.Background()
	cfg, err := mysql.ParseDSN(dsn)
	if err != nil {
		return err
	}
	admin, err := sql.Open("mysql", dsn)
	if err != nil {
		return err
	}
	defer admin.Close()
	name := fmt.Sprintf("yujing_demo_%d", time.Now().Unix())
	if _, err := admin.ExecContext(ctx, "CREATE DATABASE `"+name+"` DEFAULT CHARACTER SET utf8mb4"); err != nil {
		return fmt.Errorf("create scratch database: %w", err)
	}
	if !keep {
		defer admin.ExecContext(context.Background(), "DROP DATABASE `"+name+"`")
	}
	cfg.DBName = name
	clock := demo.NewClock(time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC))
	db, err := store.OpenMySQL(ctx, cfg.FormatDSN(), store.WithClock(clock.Now))
	if err != nil {
		return err
	}
	defer db.Close()
	fmt.Printf("yujing on MySQL: database %s on %s\n\n", name, cfg.Addr)
	reports, err := os.MkdirTemp("", "yujing-reports-")
	if err != nil {
		return err
	}
	if !keep {
		defer os.RemoveAll(reports)
	}
	sum, err := demo.Run(ctx, db, clock, os.Stdout, 3, reports)
	if err != nil {
		return err
	}
	sum.Print(os.Stdout)
	if keep {
		fmt.Printf("kept database %s\n", name)
	}
	return nil
}
