package alert_test

import (
	"context"
	"errors"
	"log/slog"
	"strings"
	"testing"

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
