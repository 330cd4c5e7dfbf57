package store

import (
	"context"
	"fmt"
	"time"
)

// InsertRecords writes records idempotently on their unique keys (bu_no, and
// info_type + country_no + begin_time + end_time): a record whose window is
// already stored is skipped, not an error and not a duplicate. It fills
// generated codes and defaults into rows in place and returns how many rows
// were new. Rows given with ClaimOwner and ClaimUntil go in claimed; after
// the insert, ClaimedRecordIDs tells which of them were new. A row in
// status 1 or 5 without a ClaimUntil (its retry time) is failed for good.
func (db *DB) InsertRecords(ctx context.Context, rows []Record) (int64, error) {
	for i := range rows {
		if r := &rows[i]; r.Status != nil && failedStatus(*r.Status) && r.ClaimUntil == nil {
			final := finalUntil // failed for good when stored: no retry time given
			r.ClaimUntil = &final
		}
	}
	var n int64
	err := db.retry(ctx, func() error {
		var err error
		n, err = db.insert(ctx, db.x, db.t.record, &rows, true)
		return err
	})
	return n, err
}

// ClaimRecords claims up to c.Limit records in status whose claim is free,
// oldest first. A record in RecordRuleFailed or RecordRecordFailed is
// claimable when its retry time has come; a final one never is (see
// FinishRecords).
func (db *DB) ClaimRecords(ctx context.Context, status RecordStatus, c ClaimRequest) ([]Record, error) {
	if err := c.normalize(); err != nil {
		return nil, err
	}
	return claim[Record](ctx, db, db.t.record, c, "`status` = ?", int(status))
}

// finalUntil is the claim_until of a record whose failure is final (status
// 1 or 5 with no retry coming): the last second a TIMESTAMP holds, so that
// no claim ever takes it.
var finalUntil = time.Date(2038, 1, 19, 3, 14, 7, 0, time.UTC)

// failedStatus reports whether records in s wait for a retry (1, 5).
func failedStatus(s RecordStatus) bool { return s == RecordRuleFailed || s == RecordRecordFailed }

// RecordUpdate is the outcome of working one claimed record.
type RecordUpdate struct {
	ID            int64
	Status        RecordStatus
	RuleRetryTime *int    // remaining rule retries; nil leaves it
	SendRetryTime *int    // remaining recording retries; nil leaves it
	Reason        string  // why the record is in Status; "" clears it (clipped to 512 characters with a visible "…")
	RuleNo        *string // param5 (Record.RuleNo): the rule that fired; nil leaves it
	SlNo          *string // param6 (Record.SlNo): the send-log row the alert went into; nil leaves it
	// Kind is param1 (Record.MessageKind): the lifecycle message the
	// record's window decided; nil leaves it.
	Kind *MessageKind
	// RetryAt is when a record in status 1 or 5 is tried again; zero means
	// its failure is final and it is never claimed again. For the other
	// statuses zero frees the record at once.
	RetryAt time.Time
}

// FinishRecords writes the outcomes of records claimed by owner and
// releases them. It returns ErrClaimLost (with the count written) when some
// rows were no longer claimed by owner; those rows are unchanged.
func (db *DB) FinishRecords(ctx context.Context, owner string, now time.Time, updates []RecordUpdate) (int64, error) {
	rows := make([]rowUpdate, len(updates))
	for i, u := range updates {
		r := rowUpdate{id: u.ID}
		r.set("status", int(u.Status))
		if u.RuleRetryTime != nil {
			r.set("rule_retry_time", *u.RuleRetryTime)
		}
		if u.SendRetryTime != nil {
			r.set("send_retry_time", *u.SendRetryTime)
		}
		r.set("reason", clipReason(u.Reason))
		if u.RuleNo != nil {
			r.set("param5", *u.RuleNo)
		}
		if u.Kind != nil {
			r.set("param1", int(*u.Kind))
		}
		if u.SlNo != nil {
			r.set("param6", *u.SlNo)
		}
		until := freeAt(u.RetryAt, now)
		if failedStatus(u.Status) && u.RetryAt.IsZero() {
			until = finalUntil // failed for good: no retry time, no retry
		}
		r.set("claim_until", until)
		rows[i] = r
	}
	return db.finishClaimed(ctx, db.x, db.t.record, "records", owner, normTime(now), rows)
}

// ClaimedRecordIDs returns the ids, by bu_no, of the records in status
// that owner holds claimed until until: after InsertRecords of rows given
// claimed, exactly those that were inserted (a skipped row is someone
// else's and is not claimed by owner). It is one lookup in the claim index
// and reads two columns.
func (db *DB) ClaimedRecordIDs(ctx context.Context, status RecordStatus, owner string, until time.Time) (map[string]int64, error) {
	var got []struct {
		ID   int64  `db:"id"`
		BuNo string `db:"bu_no"`
	}
	if err := db.x.SelectContext(ctx, &got, "SELECT `id`, `bu_no` FROM "+tableRecord+
		" WHERE `status` = ? AND `claim_until` = ? AND `claim_owner` = ?", int(status), normTime(until), owner); err != nil {
		return nil, fmt.Errorf("select %s: %w", tableRecord, db.dialect.notMigrated(err))
	}
	out := make(map[string]int64, len(got))
	for _, g := range got {
		out[g.BuNo] = g.ID
	}
	return out, nil
}

// RecordsByWindows returns the records of scene infoType for the given
// countries whose window begins at one of begins (for rule history: the
// previous window, the same window on earlier days).
func (db *DB) RecordsByWindows(ctx context.Context, infoType int, countries []string, begins []time.Time) ([]Record, error) {
	if len(countries) == 0 || len(begins) == 0 {
		return nil, nil
	}
	args := []any{infoType}
	for _, c := range countries {
		args = append(args, c)
	}
	for _, b := range begins {
		args = append(args, normTime(b))
	}
	var out []Record
	err := db.selectRows(ctx, db.x, db.t.record, &out,
		"WHERE `info_type` = ? AND `country_no` IN ("+placeholders(len(countries))+") AND `begin_time` IN ("+
			placeholders(len(begins))+")", args...)
	return out, err
}

// GetRecord returns the record with code buNo.
func (db *DB) GetRecord(ctx context.Context, buNo string) (Record, error) {
	return selectOne[Record](ctx, db, db.t.record, "bu_no", buNo, "record")
}
