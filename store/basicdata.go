package store

import (
	"context"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
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

// BeginBasicData starts writing a report's detail rows: it inserts the
// report row (status BasicDataCollecting, claimed by owner) or, when the
// window's report exists in that status with an expired claim (a writer
// that died), takes it over and deletes its partial rows. It fills bd's
// id and code and reports whether the caller now writes the report; false
// means the window's report is written already or being written.
func (db *DB) BeginBasicData(ctx context.Context, bd *BasicData, owner string, now time.Time, lease time.Duration) (bool, error) {
	if bd.CountryName == nil || bd.BeginTime == nil || bd.EndTime == nil {
		return false, invalid(tableBasicData, "country_name", "a report needs country_name, begin_time and end_time")
	}
	now = normTime(now)
	until := normTime(now.Add(lease))
	bd.Status, bd.ClaimOwner, bd.ClaimUntil = new(BasicDataCollecting), &owner, &until
	rows := []BasicData{*bd}
	n, err := db.InsertBasicData(ctx, rows)
	if err != nil {
		return false, err
	}
	key := []any{*bd.CountryName, normTime(*bd.BeginTime), normTime(*bd.EndTime)}
	if n == 1 {
		var got []BasicData
		if err := db.selectRows(ctx, db.x, db.t.basicData, &got, "WHERE `group_no` = ?", *rows[0].GroupNo); err != nil || len(got) == 0 {
			return false, fmt.Errorf("begin report: read back: %v", err)
		}
		*bd = got[0]
		return true, nil
	}
	var taken bool
	err = db.inTx(ctx, func(tx *sqlx.Tx) error {
		lock := db.dialect.lockClause()
		var got []BasicData
		if err := db.selectRows(ctx, tx, db.t.basicData, &got, "WHERE `country_name` = ? AND `begin_time` = ? AND `end_time` = ?"+lock, key...); err != nil {
			return err
		}
		if len(got) == 0 {
			return fmt.Errorf("report of %s %s: neither inserted nor found", *bd.CountryName, bd.BeginTime.UTC().Format(time.RFC3339))
		}
		old := got[0]
		if old.Status == nil || *old.Status != BasicDataCollecting || (old.ClaimUntil != nil && old.ClaimUntil.After(now)) {
			return nil
		}
		if old.GroupNo != nil {
			if _, err := tx.ExecContext(ctx, "DELETE FROM "+tableBasicDataItem+" WHERE `group_no` = ?", *old.GroupNo); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, "UPDATE "+tableBasicData+" SET `claim_owner` = ?, `claim_until` = ?, `update_time` = ? WHERE `id` = ?",
			owner, until, now, old.ID); err != nil {
			return err
		}
		old.ClaimOwner, old.ClaimUntil = &owner, &until
		*bd = old
		taken = true
		return nil
	})
	if err != nil {
		return false, fmt.Errorf("begin report: %w", err)
	}
	return taken, nil
}

// EndBasicData marks a report's detail rows complete: the report written
// by owner goes from BasicDataCollecting to BasicDataWaiting (due for its
// file at once), with reason (e.g. the rows that could not be stored).
func (db *DB) EndBasicData(ctx context.Context, owner string, id int64, reason string, now time.Time) error {
	n, err := db.exec(ctx, db.x, "UPDATE "+tableBasicData+" SET `status` = ?, `reason` = ?, `claim_owner` = NULL, `claim_until` = ?, "+
		"`update_time` = ? WHERE `id` = ? AND `claim_owner` = ? AND `status` = ?", int(BasicDataWaiting), clipReason(reason),
		normTime(now), normTime(now), id, owner, int(BasicDataCollecting))
	if err != nil {
		return fmt.Errorf("end report: %w", err)
	}
	if n == 0 {
		return fmt.Errorf("end report %d: %w", id, ErrClaimLost)
	}
	return nil
}

// CheckBasicDataItem checks a detail row against its columns without
// writing it (so that one bad row does not fail a batch).
func (db *DB) CheckBasicDataItem(item *BasicDataItem) error {
	_, err := db.t.basicDataItem.prepareInsert(reflectValue(item), db.clock(), nil)
	return err
}

// ClaimBasicData claims up to c.Limit reports waiting for their file.
func (db *DB) ClaimBasicData(ctx context.Context, c ClaimRequest) ([]BasicData, error) {
	if err := c.normalize(); err != nil {
		return nil, err
	}
	return claim[BasicData](ctx, db, db.t.basicData, c, "`status` = ?", int(BasicDataWaiting))
}

// BasicDataUpdate is the outcome of one upload attempt of a claimed report.
type BasicDataUpdate struct {
	ID        int64
	Status    BasicDataStatus
	FileURL   *string // nil leaves it
	FileSize  *int64  // param3 (BasicData.FileSize): the file's size in bytes; nil leaves it
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
		if u.FileSize != nil {
			if *u.FileSize > 1<<31-1 {
				return 0, invalid(tableBasicData, "param3", "file size %d does not fit", *u.FileSize)
			}
			r.set("param3", *u.FileSize)
		}
		if u.RetryTime != nil {
			r.set("retry_time", *u.RetryTime)
		}
		r.set("reason", clipReason(u.Reason))
		r.set("claim_until", freeAt(u.RetryAt, now))
		rows[i] = r
	}
	return db.finishClaimed(ctx, db.x, db.t.basicData, "basic data", owner, normTime(now), rows)
}

// BasicDataItems returns up to limit detail rows of report groupNo with id
// greater than afterID, in id order: page through a large report with the
// last id of each page.
func (db *DB) BasicDataItems(ctx context.Context, groupNo string, afterID int64, limit int) ([]BasicDataItem, error) {
	var out []BasicDataItem
	// group_no is given as a range of one value: with "group_no = ?" MySQL
	// and MariaDB read the group through the index from its start on every
	// page (quadratic on a large report); as a range they use the index's
	// (group_no, id) order and start at afterID.
	err := db.selectRows(ctx, db.x, db.t.basicDataItem, &out,
		"WHERE `group_no` >= ? AND `group_no` <= ? AND `id` > ? ORDER BY `group_no`, `id` LIMIT ?", groupNo, groupNo, afterID, limit)
	return out, err
}

// GetBasicData returns the report with code groupNo.
func (db *DB) GetBasicData(ctx context.Context, groupNo string) (BasicData, error) {
	return selectOne[BasicData](ctx, db, db.t.basicData, "group_no", groupNo, "basic data")
}

// ReleaseBasicData gives back a report whose rows could not be written, so
// that the next attempt takes it over (and starts its rows over) at once.
func (db *DB) ReleaseBasicData(ctx context.Context, owner string, id int64) error {
	_, err := db.exec(ctx, db.x, "UPDATE "+tableBasicData+" SET `claim_owner` = NULL, `claim_until` = ? WHERE `id` = ? AND `claim_owner` = ?", freeSince, id, owner)
	if err != nil {
		return fmt.Errorf("release report: %w", err)
	}
	return nil
}
