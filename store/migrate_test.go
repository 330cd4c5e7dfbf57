package store_test

import (
	"context"
	"os"
	"testing"

	"github.com/yujing-go/yujing/internal/testdb"
	"github.com/yujing-go/yujing/store"
)

// TestMigrateExistingSeedDatabase: a database created from the seed DDL
// before this module existed, with data in it, is migrated additively and
// its rows stay readable.
func TestMigrateExistingSeedDatabase(t *testing.T) {
	dsn := testdb.MySQLDSN(t)
	ctx := context.Background()
	db, err := store.OpenMySQL(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	seed, err := os.ReadFile("migrations/mysql/0001_seed.sql")
	if err != nil {
		t.Fatal(err)
	}
	for _, stmt := range store.SplitSQL(string(seed)) {
		if _, err := db.SQL().ExecContext(ctx, stmt); err != nil {
			t.Fatalf("seed: %v", err)
		}
	}
	if _, err := db.SQL().ExecContext(ctx, "INSERT INTO monitor_record (bu_no, info_type, country_no, begin_time, end_time, status) "+
		"VALUES ('LEGACY1', 0, 'PH', '2026-01-01 00:00:00', '2026-01-01 00:10:00', 2)"); err != nil {
		t.Fatal(err)
	}
	if err := db.Migrate(ctx); err != nil {
		t.Fatalf("migrate a seed database: %v", err)
	}
	if v, err := db.MigrationVersion(ctx); err != nil || v != 9 {
		t.Fatalf("version %d %v", v, err)
	}
	r, err := db.GetRecord(ctx, "LEGACY1")
	if err != nil || *r.CountryNo != "PH" || *r.Status != store.RecordNoAlert || r.ClaimOwner != nil || *r.RuleRetryTime != 2 {
		t.Fatalf("legacy record after migration: %+v %v", r, err)
	}
}

// TestMySQLIsConfigured fails in CI (ALERT_TEST_REQUIRE_MYSQL=1) when the
// MySQL tests would skip, and says which server the tests use.
func TestMySQLIsConfigured(t *testing.T) {
	db := testdb.MySQL(t)
	t.Logf("MySQL tests run against %s", testdb.Describe(db))
}

// TestSeedMigrationIsVerbatim: migration 1 is the shared seed, byte for
// byte (when the shared schema is beside the checkout).
func TestSeedMigrationIsVerbatim(t *testing.T) {
	shared, err := os.ReadFile("../../shared/schema/seed-mysql.sql")
	if err != nil {
		t.Skipf("the shared seed is not beside this checkout (%v); nothing to compare", err)
	}
	ours, err := os.ReadFile("migrations/mysql/0001_seed.sql")
	if err != nil {
		t.Fatal(err)
	}
	if string(ours) != string(shared) {
		t.Fatal("migrations/mysql/0001_seed.sql differs from shared/schema/seed-mysql.sql")
	}
}
