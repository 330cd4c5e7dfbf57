package store

import (
	"context"
	"fmt"
	"time"
)

// InsertBasicData writes report rows idempotently on their unique keys
// (group_no, and country_name + begin_time + end_time); it fills codes and
// defaults in place and returns how many rows were new.
func (db *DB) InsertBasicData(ctx context.Context, rows []BasicData) (int64, error) {
	var n int64
	err := db.retry(ctx, func() error {
		var err error
		n, err = db.insert(ctx, db.x, db.t.basicData, &rows, true)
		return err
	})
	return n, err
}

// InsertBasicDataItems writes detail rows in multi-row statements.
func (db *DB) InsertBasicDataItems(ctx context.Context, rows []BasicDataItem) (int64, error) {
	return db.insert(ctx, db.x, db.t.basicDataItem, &rows, false)
}

// InsertBasicDataWithItems writes one report row and its detail rows in
// one transaction: either the report and all its rows exist afterwards, or
// nothing does. When the report's window is already stored (its unique key
// exists) nothing is written and it returns false.
func (db *DB) InsertBasicDataWithItems(ctx context.Context, bd *BasicData, items []BasicDataItem) (bool, error) {
	var inserted bool
	err := db.InTx(ctx, func(tx *Tx) error {
		rows := []BasicData{*bd}
		n, err := db.insert(ctx, tx.x, db.t.basicData, &rows, true)
		if err != nil || n == 0 {
			return err
		}
		*bd = rows[0]
		for i := range items {
			items[i].GroupNo = bd.GroupNo
		}
		if _, err := db.insert(ctx, tx.x, db.t.basicDataItem, &items, false); err != nil {
			return err
		}
		inserted = true
		return nil
	})
	return inserted, err
}

// ClaimBasicData claims up to c.Limit reports waiting for their file.
func (db *DB) ClaimBasicData(ctx context.Context, c ClaimRequest) ([]BasicData, error) {
	if err := c.normalize(); err != nil {
		return nil, err
	}
	var out []BasicData
	err := db.claim(ctx, db.t.basicData, c, "`status` = ?", []any{int(BasicDataWaiting)}, &out)
	return out, err
}

// BasicDataUpdate is the outcome of one upload attempt of a claimed report.
type BasicDataUpdate struct {
	ID        int64
	Status    BasicDataStatus
	FileURL   *string // nil leaves it
	RetryTime *int    // remaining retries; nil leaves it
	Reason    string  // "" clears it
	RetryAt   time.Time
}

// FinishBasicData writes upload outcomes of reports claimed by owner.
func (db *DB) FinishBasicData(ctx context.Context, owner string, now time.Time, updates []BasicDataUpdate) (int64, error) {
	rows := make([]rowUpdate, len(updates))
	for i, u := range updates {
		r := rowUpdate{id: u.ID}
		r.set("status", int(u.Status))
		if u.FileURL != nil {
			c := db.t.basicData.spec.cols[db.t.basicData.byName["file_url"]]
			v, err := checkValue(tableBasicData, &c, *u.FileURL)
			if err != nil {
				return 0, err
			}
			r.set("file_url", v)
		}
		if u.RetryTime != nil {
			r.set("retry_time", *u.RetryTime)
		}
		r.set("reason", clipReason(u.Reason))
		r.set("claim_until", optTime(u.RetryAt))
		rows[i] = r
	}
	n, err := db.finishClaimed(ctx, db.x, db.t.basicData, owner, normTime(now), rows)
	if err == nil && n < int64(len(rows)) {
		err = fmt.Errorf("finish basic data: %d of %d: %w", len(rows)-int(n), len(rows), ErrClaimLost)
	}
	return n, err
}

// BasicDataItems returns up to limit detail rows of report groupNo with id
// greater than afterID, in id order: page through a large report with the
// last id of each page.
func (db *DB) BasicDataItems(ctx context.Context, groupNo string, afterID int64, limit int) ([]BasicDataItem, error) {
	var out []BasicDataItem
	err := db.selectRows(ctx, db.x, db.t.basicDataItem, &out,
		"WHERE `group_no` = ? AND `id` > ? ORDER BY `id` LIMIT ?", groupNo, afterID, limit)
	return out, err
}

// GetBasicData returns the report with code groupNo.
func (db *DB) GetBasicData(ctx context.Context, groupNo string) (BasicData, error) {
	var out []BasicData
	if err := db.selectRows(ctx, db.x, db.t.basicData, &out, "WHERE `group_no` = ?", groupNo); err != nil {
		return BasicData{}, err
	}
	if len(out) == 0 {
		return BasicData{}, fmt.Errorf("basic data %s: %w", groupNo, ErrNotFound)
	}
	return out[0], nil
}
