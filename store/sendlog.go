package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
)

// SlotKey is the unique send slot of monitor_send_log: one alert per
// country, scene and expected send time.
type SlotKey struct {
	CountryNo      string
	InfoType       int
	ExpectSendTime time.Time
}

// EnqueueOutcome says what became of one alert given to EnqueueSendLogs.
type EnqueueOutcome int

// Enqueue outcomes.
const (
	// Enqueued: a new waiting row was inserted for the slot.
	Enqueued EnqueueOutcome = iota + 1
	// Merged: the slot's row was still waiting; the alert's values replace
	// its content and its merge count (param3) grew by one.
	Merged
	// Suppressed: the slot's row is being sent or was sent; the alert is
	// dropped so that the slot alerts at most once.
	Suppressed
)

func (o EnqueueOutcome) String() string {
	switch o {
	case Enqueued:
		return "enqueued"
	case Merged:
		return "merged"
	case Suppressed:
		return "suppressed"
	}
	return fmt.Sprintf("EnqueueOutcome(%d)", int(o))
}

// EnqueueResult is the outcome for one alert, and the sl_no of the slot's row.
type EnqueueResult struct {
	SlNo    string
	Outcome EnqueueOutcome
}

// EnqueueSendLogs records pending alerts: each row goes into its slot
// (country_no, info_type, expect_send_time) as a new waiting row, or merges
// into the slot's waiting row (content, mod_no and param4 replaced, param3
// counting the merges), or is suppressed when the slot's row is already
// being sent or finished. A new row is due at expect_send_time (its
// claim_until). Rows need CountryNo, InfoType and ExpectSendTime; results
// are in the order of rows, and the inserted rows' ids and codes are
// filled in place. now is the caller's clock: a claim that ended before it
// no longer protects a row from merges. A row given with ClaimOwner and
// ClaimUntil is inserted claimed (the caller sends it next, without a
// claim of its own); otherwise its claim_until is its due time.
//
// New rows go in with one multi-row INSERT; a duplicate-key error from a
// concurrent caller falls back to row by row, where a duplicate becomes a
// merge. No INSERT … ON DUPLICATE KEY UPDATE: its gap locks on the slot key
// deadlock under concurrency.
func (db *DB) EnqueueSendLogs(ctx context.Context, now time.Time, rows []SendLog) ([]EnqueueResult, error) {
	out := make([]EnqueueResult, len(rows))
	if len(rows) == 0 {
		return out, nil
	}
	keys := make([]SlotKey, len(rows))
	for i := range rows {
		r := &rows[i]
		if r.CountryNo == nil || r.InfoType == nil || r.ExpectSendTime == nil {
			return nil, invalid(tableSendLog, "country_no", "row %d: an alert needs country_no, info_type and expect_send_time", i)
		}
		due := normTime(*r.ExpectSendTime)
		r.ExpectSendTime = &due
		if r.Status == nil {
			r.Status = new(SendWaiting)
		}
		if r.ClaimUntil == nil {
			r.ClaimUntil = &due
		}
		if r.Param3 == nil {
			r.Param3 = new(1)
		}
		keys[i] = SlotKey{*r.CountryNo, *r.InfoType, due}
	}
	existing, err := db.sendLogsBySlot(ctx, keys)
	if err != nil {
		return nil, err
	}
	// The first alert for a free slot is inserted; later ones merge into it.
	var fresh []SendLog
	var freshAt []int
	firstOf := map[SlotKey]int{}
	for i, k := range keys {
		if _, ok := existing[k]; ok {
			continue
		}
		if _, ok := firstOf[k]; ok {
			continue
		}
		firstOf[k] = i
		fresh = append(fresh, rows[i])
		freshAt = append(freshAt, i)
	}
	_, err = db.insert(ctx, db.x, db.t.sendLog, &fresh, false)
	switch {
	case err == nil:
		if err := db.fillSendLogIDs(ctx, fresh); err != nil {
			return nil, err
		}
		for j, i := range freshAt {
			rows[i] = fresh[j]
			out[i] = EnqueueResult{SlNo: *fresh[j].SlNo, Outcome: Enqueued}
		}
	case errors.Is(err, ErrDuplicate):
		// A concurrent caller filled a slot since the read: go row by row.
		for j, i := range freshAt {
			one := []SendLog{fresh[j]}
			if _, err := db.insert(ctx, db.x, db.t.sendLog, &one, false); err == nil {
				if err := db.fillSendLogIDs(ctx, one); err != nil {
					return nil, err
				}
				rows[i] = one[0]
				out[i] = EnqueueResult{SlNo: *one[0].SlNo, Outcome: Enqueued}
			} else if !errors.Is(err, ErrDuplicate) {
				return nil, err
			}
		}
	default:
		return nil, err
	}
	for i := range rows {
		if out[i].Outcome != 0 {
			continue
		}
		res, err := db.mergeSendLog(ctx, normTime(now), &rows[i])
		if err != nil {
			return nil, err
		}
		out[i] = res
	}
	return out, nil
}

// fillSendLogIDs reads back the ids of rows just inserted (a multi-row
// INSERT does not return them reliably), by their sl_no.
func (db *DB) fillSendLogIDs(ctx context.Context, rows []SendLog) error {
	if len(rows) == 0 {
		return nil
	}
	at := make(map[string]int, len(rows))
	args := make([]any, len(rows))
	for i, r := range rows {
		at[*r.SlNo] = i
		args[i] = *r.SlNo
	}
	var got []struct {
		ID   int64  `db:"id"`
		SlNo string `db:"sl_no"`
	}
	if err := db.x.SelectContext(ctx, &got, "SELECT `id`, `sl_no` FROM "+tableSendLog+" WHERE `sl_no` IN ("+placeholders(len(args))+")", args...); err != nil {
		return fmt.Errorf("read back send log ids: %w", err)
	}
	for _, g := range got {
		rows[at[g.SlNo]].ID = g.ID
	}
	return nil
}

// mergeSendLog merges one alert into the waiting row of its slot unless a
// live claim holds it (it is being sent).
func (db *DB) mergeSendLog(ctx context.Context, now time.Time, r *SendLog) (EnqueueResult, error) {
	m := db.t.sendLog
	var vals []any
	for _, col := range []string{"content", "mod_no", "param4"} {
		i := m.byName[col]
		v, err := m.value(&m.spec.cols[i], m.field(reflectValue(r), i))
		if err != nil {
			return EnqueueResult{}, err
		}
		vals = append(vals, v)
	}
	key := []any{*r.CountryNo, *r.InfoType, normTime(*r.ExpectSendTime)}
	var merged int64
	err := db.retry(ctx, func() error {
		res, err := db.x.ExecContext(ctx, "UPDATE "+tableSendLog+" SET `content` = ?, `mod_no` = ?, `param4` = ?, "+
			"`param3` = COALESCE(`param3`, 1) + 1, `update_time` = ? WHERE `country_no` = ? AND `info_type` = ? "+
			"AND `expect_send_time` = ? AND `status` = ? AND (`claim_owner` IS NULL OR `claim_until` <= ?)",
			append(append(vals, now), append(key, int(SendWaiting), now)...)...)
		if err != nil {
			return err
		}
		merged, _ = res.RowsAffected()
		return nil
	})
	if err != nil {
		return EnqueueResult{}, fmt.Errorf("merge send log: %w", err)
	}
	var slNo string
	if err := db.x.GetContext(ctx, &slNo, "SELECT `sl_no` FROM "+tableSendLog+
		" WHERE `country_no` = ? AND `info_type` = ? AND `expect_send_time` = ?", key...); err != nil {
		return EnqueueResult{}, fmt.Errorf("merge send log: read slot: %w", err)
	}
	if merged == 1 {
		return EnqueueResult{SlNo: slNo, Outcome: Merged}, nil
	}
	return EnqueueResult{SlNo: slNo, Outcome: Suppressed}, nil
}

// sendLogsBySlot returns the existing rows of the given slots.
func (db *DB) sendLogsBySlot(ctx context.Context, keys []SlotKey) (map[SlotKey]SendLog, error) {
	countries, types, times := map[string]bool{}, map[int]bool{}, map[time.Time]bool{}
	var args []any
	for _, k := range keys {
		if !countries[k.CountryNo] {
			countries[k.CountryNo] = true
			args = append(args, k.CountryNo)
		}
	}
	nc := len(args)
	for _, k := range keys {
		if !types[k.InfoType] {
			types[k.InfoType] = true
			args = append(args, k.InfoType)
		}
	}
	nt := len(args) - nc
	for _, k := range keys {
		if !times[k.ExpectSendTime] {
			times[k.ExpectSendTime] = true
			args = append(args, k.ExpectSendTime)
		}
	}
	ne := len(args) - nc - nt
	var found []SendLog
	if err := db.selectRows(ctx, db.x, db.t.sendLog, &found, "WHERE `country_no` IN ("+placeholders(nc)+
		") AND `info_type` IN ("+placeholders(nt)+") AND `expect_send_time` IN ("+placeholders(ne)+")", args...); err != nil {
		return nil, err
	}
	out := make(map[SlotKey]SendLog, len(found))
	for _, r := range found {
		if r.CountryNo != nil && r.InfoType != nil && r.ExpectSendTime != nil {
			out[SlotKey{*r.CountryNo, *r.InfoType, normTime(*r.ExpectSendTime)}] = r
		}
	}
	return out, nil
}

// ClaimSendLogs claims up to c.Limit waiting send-log rows that are due
// (claim_until, which holds the due or retry time, not after Now).
func (db *DB) ClaimSendLogs(ctx context.Context, c ClaimRequest) ([]SendLog, error) {
	if err := c.normalize(); err != nil {
		return nil, err
	}
	var out []SendLog
	err := db.claim(ctx, db.t.sendLog, c, "`status` = ? AND (`expect_send_time` IS NULL OR `expect_send_time` <= ?)",
		[]any{int(SendWaiting), c.Now}, &out)
	return out, err
}

// SendLogUpdate is the outcome of one delivery attempt of a claimed row.
type SendLogUpdate struct {
	ID              int64
	Status          SendStatus
	RetryTimes      *int       // remaining retries; nil leaves it
	Reason          string     // the failure, "" clears it (clipped to 512 characters with a visible "…")
	ChannelState    *string    // per-channel state (JSON); nil leaves it
	RealitySendTime *time.Time // when it was sent; nil leaves it
	// NotBefore is the row's claim_until after release: for a waiting row
	// the time of its next attempt, for a finished row the time from which
	// it may be archived. Zero means NULL (at once).
	NotBefore time.Time
}

// FinishSendLogs writes delivery outcomes of rows claimed by owner and
// releases them; ErrClaimLost as for FinishRecords.
func (db *DB) FinishSendLogs(ctx context.Context, owner string, now time.Time, updates []SendLogUpdate) (int64, error) {
	rows := make([]rowUpdate, len(updates))
	for i, u := range updates {
		r := rowUpdate{id: u.ID}
		r.set("status", int(u.Status))
		if u.RetryTimes != nil {
			r.set("retry_times", *u.RetryTimes)
		}
		r.set("reason", clipReason(u.Reason))
		if u.ChannelState != nil {
			r.set("channel_state", *u.ChannelState)
		}
		if u.RealitySendTime != nil {
			r.set("reality_send_time", normTime(*u.RealitySendTime))
		}
		r.set("claim_until", optTime(u.NotBefore))
		rows[i] = r
	}
	n, err := db.finishClaimed(ctx, db.x, db.t.sendLog, owner, normTime(now), rows)
	if err == nil && n < int64(len(rows)) {
		err = fmt.Errorf("finish send logs: %d of %d: %w", len(rows)-int(n), len(rows), ErrClaimLost)
	}
	return n, err
}

// ReleaseSendLogs gives claimed rows back unchanged (e.g. when the host
// stops before it could send them), due again at once.
func (db *DB) ReleaseSendLogs(ctx context.Context, owner string, ids []int64) error {
	return db.release(ctx, tableSendLog, owner, ids)
}

// ReleaseRecords gives claimed records back unchanged, free at once.
func (db *DB) ReleaseRecords(ctx context.Context, owner string, ids []int64) error {
	return db.release(ctx, tableRecord, owner, ids)
}

func (db *DB) release(ctx context.Context, table, owner string, ids []int64) error {
	for start := 0; start < len(ids); start += 500 {
		chunk := ids[start:min(start+500, len(ids))]
		err := db.retry(ctx, func() error {
			_, err := db.x.ExecContext(ctx, "UPDATE "+table+" SET `claim_owner` = NULL, `claim_until` = NULL WHERE `claim_owner` = ? AND `id` IN ("+
				placeholders(len(chunk))+")", append([]any{owner}, int64Args(chunk)...)...)
			return err
		})
		if err != nil {
			return fmt.Errorf("release %s: %w", table, err)
		}
	}
	return nil
}

// ArchiveSendLogs moves up to c.Limit finished rows (sent or failed) whose
// claim_until (their archive time) has passed to monitor_send_log_hist,
// copying and deleting them in one transaction, so a row is in exactly one
// of the two tables at every moment, and never in the history twice: the
// transaction locks the rows it moves (SELECT … FOR UPDATE on MySQL; SQLite
// has one writer), and a concurrent archiver waits, then finds them gone.
// It returns how many rows moved.
func (db *DB) ArchiveSendLogs(ctx context.Context, c ClaimRequest) (int64, error) {
	if err := c.normalize(); err != nil {
		return 0, err
	}
	lock := ""
	if db.dialect == dialectMySQL {
		lock = " FOR UPDATE"
	}
	var moved int64
	err := db.inTx(ctx, func(tx *sqlx.Tx) error {
		var ids []int64
		// One query per status, each served in order by the
		// (status, claim_until, claim_owner) index.
		for _, st := range []SendStatus{SendSent, SendFailed} {
			var part []int64
			if err := tx.SelectContext(ctx, &part, "SELECT `id` FROM "+tableSendLog+" WHERE `status` = ? AND "+
				"(`claim_until` IS NULL OR `claim_until` <= ?) ORDER BY `claim_until`, `claim_owner`, `id` LIMIT ?"+lock,
				int(st), c.Now, c.Limit-len(ids)); err != nil {
				return err
			}
			if ids = append(ids, part...); len(ids) >= c.Limit {
				break
			}
		}
		var err error
		moved, err = db.moveToHistory(ctx, tx, ids)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("archive send logs: %w", err)
	}
	return moved, nil
}

// moveToHistory copies the rows with the ids to the history and deletes
// them, inside tx.
func (db *DB) moveToHistory(ctx context.Context, tx *sqlx.Tx, ids []int64) (int64, error) {
	if len(ids) == 0 {
		return 0, nil
	}
	var cols string
	for i, col := range db.t.sendLogHist.insertColumns() {
		if i > 0 {
			cols += ", "
		}
		cols += "`" + col.name + "`"
	}
	where := " WHERE `id` IN (" + placeholders(len(ids)) + ")"
	args := int64Args(ids)
	res, err := tx.ExecContext(ctx, "INSERT INTO "+tableSendLogHist+" ("+cols+") SELECT "+cols+" FROM "+tableSendLog+where, args...)
	if err != nil {
		return 0, fmt.Errorf("copy: %w", err)
	}
	copied, _ := res.RowsAffected()
	res, err = tx.ExecContext(ctx, "DELETE FROM "+tableSendLog+where, args...)
	if err != nil {
		return 0, fmt.Errorf("delete: %w", err)
	}
	deleted, _ := res.RowsAffected()
	if copied != deleted {
		return 0, fmt.Errorf("copied %d rows but deleted %d", copied, deleted)
	}
	return deleted, nil
}

// GetSendLog returns the send-log row with code slNo.
func (db *DB) GetSendLog(ctx context.Context, slNo string) (SendLog, error) {
	var out []SendLog
	if err := db.selectRows(ctx, db.x, db.t.sendLog, &out, "WHERE `sl_no` = ?", slNo); err != nil {
		return SendLog{}, err
	}
	if len(out) == 0 {
		return SendLog{}, fmt.Errorf("send log %s: %w", slNo, ErrNotFound)
	}
	return out[0], nil
}

// GetSendLogHist returns the archived rows with code slNo (normally one).
func (db *DB) GetSendLogHist(ctx context.Context, slNo string) ([]SendLogHist, error) {
	var out []SendLogHist
	err := db.selectRows(ctx, db.x, db.t.sendLogHist, &out, "WHERE `sl_no` = ? ORDER BY `id`", slNo)
	return out, err
}
