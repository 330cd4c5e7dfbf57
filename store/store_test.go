package store_test

import (
	"testing"

	"github.com/yujing-go/yujing/internal/testdb"
	"github.com/yujing-go/yujing/store/storetest"
)

func TestSQLiteConformance(t *testing.T) {
	storetest.Run(t, testdb.SQLite)
}

func TestMySQLConformance(t *testing.T) {
	storetest.Run(t, testdb.MySQL)
}
