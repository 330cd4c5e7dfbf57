package alert_test

import (
	"context"
	"errors"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/yujing-go/yujing/alert"
	"github.com/yujing-go/yujing/internal/testdb"
	"github.com/yujing-go/yujing/scene"
	"github.com/yujing-go/yujing/store"
)

// TestTickOnUnmigratedDatabase: a Tick on a database that Migrate never
// ran on says so, with an error that matches store.ErrNotMigrated.
func TestTickOnUnmigratedDatabase(t *testing.T) {
	for _, be := range []struct {
		name string
		open func(t *testing.T) *store.DB
	}{
		{"sqlite", func(t *testing.T) *store.DB {
			db, err := store.OpenSQLite(context.Background(), t.TempDir()+"/empty.db")
			if err != nil {
				t.Fatal(err)
			}
			return db
		}},
		{"mysql", func(t *testing.T) *store.DB {
			db, err := store.OpenMySQL(context.Background(), testdb.MySQLDSN(t))
			if err != nil {
				t.Fatal(err)
			}
			return db
		}},
	} {
		t.Run(be.name, func(t *testing.T) {
			db := be.open(t)
			defer db.Close()
			e, err := alert.New(alert.WithStore(db), alert.WithScenes(&smsSuccess{countries: []string{"PH"}, rate: func(string, scene.Window) float64 { return 1 }}),
				alert.WithLogger(slog.New(slog.DiscardHandler)))
			if err != nil {
				t.Fatal(err)
			}
			_, err = e.Tick(context.Background())
			if !errors.Is(err, store.ErrNotMigrated) || !strings.Contains(err.Error(), "call Migrate") {
				t.Fatalf("tick on an empty database: %v", err)
			}
			if _, err := e.Config(db).ListRules(context.Background(), store.Filter{}); !errors.Is(err, store.ErrNotMigrated) {
				t.Fatalf("configuration on an empty database: %v", err)
			}
			if err := db.Migrate(context.Background()); err != nil {
				t.Fatal(err)
			}
			if _, err := e.Tick(context.Background()); err != nil {
				t.Fatalf("tick after Migrate: %v", err)
			}
		})
	}
}

// TestRunReturnsContextError: Run ticks until its context ends, then
// returns the context's error.
func TestRunReturnsContextError(t *testing.T) {
	f := newFixture(t, testdb.SQLite)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := f.engine.Run(ctx, time.Minute); !errors.Is(err, context.Canceled) {
		t.Fatalf("Run after cancel = %v, want context.Canceled", err)
	}
	ctx, cancel = context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	if err := f.engine.Run(ctx, time.Hour); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Run past its deadline = %v, want context.DeadlineExceeded", err)
	}
	if f.scene.calls.Load() == 0 {
		t.Error("Run did not tick")
	}
	if err := f.engine.Run(context.Background(), 0); err == nil {
		t.Error("a zero interval was accepted")
	}
}
