package store_test

import (
	"testing"

	"github.com/yujing-go/yujing/internal/testdb"
	"github.com/yujing-go/yujing/store"
	"github.com/yujing-go/yujing/store/storetest"
)

func TestSQLiteConformance(t *testing.T) {
	storetest.Run(t, testdb.SQLite)
}

func TestMySQLConformance(t *testing.T) {
	storetest.Run(t, testdb.MySQL)
}

// TestMySQLConformancePortableClaims runs the suite with the claims every
// MySQL-compatible server runs (TiDB has no SKIP LOCKED).
func TestMySQLConformancePortableClaims(t *testing.T) {
	storetest.Run(t, func(t testing.TB, opts ...store.Option) *store.DB {
		return testdb.MySQL(t, append(opts, store.WithPortableClaims())...)
	})
}
