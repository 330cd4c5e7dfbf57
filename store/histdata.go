package store

import (
	"context"
	"fmt"
	"time"
)

// WindowClaim asks to collect one window of one scene.
type WindowClaim struct {
	InfoType   int
	Begin, End time.Time
	Owner      string
	Now        time.Time
	Lease      time.Duration
}

// ClaimWindow claims a window for collection, so that one host collects
// it: it inserts the window's monitor_hist_data row carrying the claim, or,
// when the row exists, takes it over if it is not collected yet and its
// claim has expired. It reports whether the caller now holds the window.
func (db *DB) ClaimWindow(ctx context.Context, c WindowClaim) (bool, error) {
	cr := ClaimRequest{Owner: c.Owner, Now: c.Now, Lease: c.Lease, Limit: 1}
	if err := cr.normalize(); err != nil {
		return false, err
	}
	begin, end, until := normTime(c.Begin), normTime(c.End), normTime(cr.Now.Add(c.Lease))
	row := []HistData{{InfoType: new(c.InfoType), BeginTime: &begin, EndTime: &end,
		Claim: Claim{ClaimOwner: &cr.Owner, ClaimUntil: &until}}}
	n, err := db.insert(ctx, db.x, db.t.histData, &row, true)
	if err != nil {
		return false, fmt.Errorf("claim window %d %s: %w", c.InfoType, begin.Format(time.RFC3339), err)
	}
	if n == 1 {
		return true, nil
	}
	taken, err := db.exec(ctx, db.x, "UPDATE "+tableHistData+" SET `claim_owner` = ?, `claim_until` = ?, `update_time` = ? "+
		"WHERE `info_type` = ? AND `begin_time` = ? AND `end_time` = ? AND `collected_time` IS NULL "+
		"AND `claim_until` <= ?", cr.Owner, until, cr.Now, c.InfoType, begin, end, cr.Now)
	if err != nil {
		return false, fmt.Errorf("claim window %d %s: %w", c.InfoType, begin.Format(time.RFC3339), err)
	}
	return taken == 1, nil
}

// FinishWindow stores the scene total of a window claimed by owner and
// marks it collected (collected_time), releasing the claim. h must carry
// InfoType, BeginTime and EndTime.
func (db *DB) FinishWindow(ctx context.Context, owner string, now time.Time, h HistData) error {
	if h.InfoType == nil || h.BeginTime == nil || h.EndTime == nil {
		return invalid(tableHistData, "info_type", "finish window needs info_type, begin_time and end_time")
	}
	m := db.t.histData
	var args []any
	for _, col := range []string{"numerator_count", "denominator_count", "rate", "remark"} {
		i := m.byName[col]
		v, err := m.value(&m.spec.cols[i], m.field(reflectValue(&h), i))
		if err != nil {
			return err
		}
		args = append(args, v)
	}
	now = normTime(now)
	args = append(args, now, now, owner, *h.InfoType, normTime(*h.BeginTime), normTime(*h.EndTime))
	n, err := db.exec(ctx, db.x, "UPDATE "+tableHistData+" SET `numerator_count` = ?, `denominator_count` = ?, `rate` = ?, "+
		"`remark` = ?, `collected_time` = ?, `update_time` = ?, `claim_owner` = NULL, `claim_until` = NULL "+
		"WHERE `claim_owner` = ? AND `info_type` = ? AND `begin_time` = ? AND `end_time` = ?", args...)
	if err != nil {
		return fmt.Errorf("finish window: %w", err)
	}
	if n == 0 {
		return fmt.Errorf("finish window %d %s: %w", *h.InfoType, h.BeginTime.UTC().Format(time.RFC3339), ErrClaimLost)
	}
	return nil
}

// Windows returns the monitor_hist_data rows of scene infoType whose window
// begins at or after since, oldest first: the engine reads which windows
// are collected, being collected, or missing.
func (db *DB) Windows(ctx context.Context, infoType int, since time.Time) ([]HistData, error) {
	var out []HistData
	err := db.selectRows(ctx, db.x, db.t.histData, &out,
		"WHERE `info_type` = ? AND `begin_time` >= ? ORDER BY `begin_time`", infoType, normTime(since))
	return out, err
}

// ReleaseWindow gives back a window claimed by owner that could not be
// collected, so that the next Tick retries it at once.
func (db *DB) ReleaseWindow(ctx context.Context, owner string, infoType int, begin, end time.Time) error {
	_, err := db.exec(ctx, db.x, "UPDATE "+tableHistData+" SET `claim_owner` = NULL, `claim_until` = ? "+
		"WHERE `claim_owner` = ? AND `info_type` = ? AND `begin_time` = ? AND `end_time` = ?", freeSince, owner, infoType, normTime(begin), normTime(end))
	if err != nil {
		return fmt.Errorf("release window: %w", err)
	}
	return nil
}
