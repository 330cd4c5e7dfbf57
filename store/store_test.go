package store_test

import (
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

// onlyStore offers nothing of a *store.DB but the store.Store interface,
// as a backend of another kind would.
type onlyStore struct{ store.Store }

// TestConformanceOfTheInterface: Run needs nothing beyond store.Store (no
// type assertion back to *store.DB).
func TestConformanceOfTheInterface(t *testing.T) {
	storetest.Run(t, func(t testing.TB) store.Store { return onlyStore{testdb.SQLite(t)} })
}
