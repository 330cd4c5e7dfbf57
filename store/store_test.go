package store_test

import (
	"context"
	"testing"

	"github.com/yujing-go/yujing/internal/testdb"
	"github.com/yujing-go/yujing/store"
	"github.com/yujing-go/yujing/store/storetest"
)

// asStore opens a *store.DB for the part of the suite every store.Store
// passes.
func asStore(open storetest.OpenDB) storetest.OpenStore {
	return func(t testing.TB) store.Store { return open(t) }
}

func TestSQLiteConformance(t *testing.T) {
	t.Run("Store", func(t *testing.T) { storetest.Run(t, asStore(testdb.SQLite)) })
	t.Run("SQL", func(t *testing.T) { storetest.RunSQL(t, testdb.SQLite) })
}

func TestMySQLConformance(t *testing.T) {
	t.Run("Store", func(t *testing.T) { storetest.Run(t, asStore(testdb.MySQL)) })
	t.Run("SQL", func(t *testing.T) { storetest.RunSQL(t, testdb.MySQL) })
}

// TestGaleraConformance: the suite against a Galera cluster, each test's
// store on the next node in turn (skips without a cluster, saying why).
func TestGaleraConformance(t *testing.T) {
	node := 0
	open := func(t testing.TB, opts ...store.Option) *store.DB {
		dsns := testdb.GaleraDSNs(t)
		node = (node + 1) % len(dsns)
		db, err := store.OpenMySQL(context.Background(), dsns[node], opts...)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		if err := db.Migrate(context.Background()); err != nil {
			t.Fatal(err)
		}
		return db
	}
	t.Run("Store", func(t *testing.T) { storetest.Run(t, asStore(open)) })
	t.Run("SQL", func(t *testing.T) { storetest.RunSQL(t, open) })
}

// onlyStore offers nothing of a *store.DB but the store.Store interface,
// as a backend of another kind would.
type onlyStore struct{ store.Store }

// TestConformanceOfTheInterface: Run needs nothing beyond store.Store (no
// type assertion back to *store.DB).
func TestConformanceOfTheInterface(t *testing.T) {
	storetest.Run(t, func(t testing.TB) store.Store { return onlyStore{testdb.SQLite(t)} })
}
