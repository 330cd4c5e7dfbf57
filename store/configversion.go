package store

import (
	"context"
	"fmt"

	"github.com/jmoiron/sqlx"
)

// The configuration version (table yujing_config_version, migration 6)
// lets an engine keep its configuration between Ticks: every write of the
// configuration API bumps it, and an engine reads the whole configuration
// again only when it moved (or after a while, for rows written with SQL).
// After editing configuration with SQL, one statement makes every engine
// reload on its next Tick:
//
//	UPDATE yujing_config_version SET version = version + 1;

// ConfigVersion returns the configuration's version: one primary-key read.
func (db *DB) ConfigVersion(ctx context.Context) (int64, error) {
	var v []int64
	if err := db.x.SelectContext(ctx, &v, "SELECT version FROM yujing_config_version WHERE id = 1"); err != nil {
		return 0, fmt.Errorf("configuration version: %w", db.dialect.notMigrated(err))
	}
	if len(v) == 0 {
		return 0, nil
	}
	return v[0], nil
}

// bumpConfigVersion moves the configuration's version, on ex (inside the
// write's transaction when there is one).
func (db *DB) bumpConfigVersion(ctx context.Context, ex sqlx.ExecerContext) error {
	q := "UPDATE yujing_config_version SET version = version + 1, update_time = ? WHERE id = 1"
	if err := db.execOn(ctx, ex, q, db.clock()); err != nil {
		return fmt.Errorf("bump the configuration version: %w", db.dialect.notMigrated(err))
	}
	return nil
}
