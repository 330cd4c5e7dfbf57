package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
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
	// Merged: the slot's row was still waiting; the alert was added to it:
	// its merge count (param3) grew by one and its values were added to
	// the row's content when they fit (see MergeValueSets).
	Merged
	// Suppressed: the slot's row is being sent or was sent; the alert is
	// not sent again, so that the slot alerts at most once.
	Suppressed
	// Repeated: the slot's row holds this very alert already (the same
	// record, param4, recorded again after a crash); nothing changed.
	Repeated
)

func (o EnqueueOutcome) String() string {
	switch o {
	case Enqueued:
		return "enqueued"
	case Merged:
		return "merged"
	case Suppressed:
		return "suppressed"
	case Repeated:
		return "repeated"
	}
	return fmt.Sprintf("EnqueueOutcome(%d)", int(o))
}

// EnqueueResult is the outcome for one alert, and the sl_no of the slot's row.
type EnqueueResult struct {
	SlNo    string
	Outcome EnqueueOutcome
	// Slot is the expect_send_time of the row the alert went into: its
	// own slot, or a later second when that slot's row had failed or was
	// written by another system (see EnqueueSendLogs).
	Slot time.Time
	// Detail says in words what happened, for the record's reason: which
	// row the alert merged into and whether its values are shown, why it
	// was suppressed, which rows it moved past.
	Detail string
}

// maxSlotShift bounds how many seconds past its slot an alert looks for a
// row it may use.
const maxSlotShift = 60

// EnqueueSendLogs records pending alerts: each row goes into its slot
// (country_no, info_type, expect_send_time) as a new waiting row, or merges
// into the slot's waiting row (values added while they fit, mod_no and
// param4 replaced, param3 counting the alerts), or is suppressed when the
// slot's row is already being sent or was sent. A new row is due at
// expect_send_time (its claim_until). Rows need CountryNo, InfoType and
// ExpectSendTime; results are in the order of rows, and the inserted rows'
// ids and codes are filled in place. now is the caller's clock: a claim
// that ended before it no longer protects a row from merges. A row given
// with ClaimOwner and ClaimUntil is inserted claimed (the caller sends it
// next, without a claim of its own); otherwise its claim_until is its due
// time.
//
// Two kinds of slot row are never merged into or suppress an alert: a row
// that failed (status 2: a later alert must reach someone once the channel
// is fixed) and a row another system wrote (no claim_until: the library
// never changes it). The alert then goes into the next second after the
// slot whose row it may use (up to a minute), which keeps the seed's
// unique key; the result's Slot and Detail say so. A row given again with
// the bu_no (param4) its slot's row already holds is Repeated, not merged
// twice.
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
	now = normTime(now)
	pending := make([]int, len(rows))
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
		if r.Param3 == nil { // the merge count: this alert alone
			r.SetMergeCount(1)
		}
		pending[i] = i
	}
	moved := make([][]string, len(rows)) // the slot rows each alert moved past, in words
	for shift := 0; len(pending) > 0; shift++ {
		if shift > maxSlotShift {
			r := rows[pending[0]]
			return nil, fmt.Errorf("enqueue send log: no usable row within %d s of slot %s for %s/%d: %s", maxSlotShift,
				r.ExpectSendTime.Format(time.RFC3339), *r.CountryNo, *r.InfoType, strings.Join(moved[pending[0]], "; "))
		}
		next, err := db.enqueueRound(ctx, now, rows, pending, out, moved)
		if err != nil {
			return nil, err
		}
		pending = next
	}
	for i := range out {
		if len(moved[i]) > 0 {
			out[i].Detail = strings.Join(moved[i], "; ") + "; " + out[i].Detail
		}
	}
	return out, nil
}

// enqueueRound places the alerts at the given indexes in their current
// slots and returns those that must move to the next second.
func (db *DB) enqueueRound(ctx context.Context, now time.Time, rows []SendLog, at []int, out []EnqueueResult, moved [][]string) ([]int, error) {
	keys := make([]SlotKey, len(at))
	for j, i := range at {
		keys[j] = slotKeyOf(&rows[i])
	}
	existing, err := db.sendLogsBySlot(ctx, keys)
	if err != nil {
		return nil, err
	}
	var shifted []int    // alerts moved to the next second
	var occupied [][]int // alerts for a slot with a row: one each
	var fresh [][]int    // the alerts of a free slot, first one first
	var past [][2]int    // alerts moved past the row of a group of this call: index, group
	group := map[SlotKey]int{}
	for j, i := range at {
		row, ok := existing[keys[j]]
		switch {
		case ok && slotBlocked(&row) && !holds(&row, &rows[i]):
			shifted = append(shifted, db.shiftSlot(rows, i, &row, moved))
		case ok:
			occupied = append(occupied, []int{i})
		default:
			if g, ok := group[keys[j]]; ok {
				first := &rows[fresh[g][0]]
				if k, ok := mergeKinds(groupKind(rows, fresh[g]), rows[i].Kind()); !ok || k == KindEscalated && first.Level() != rows[i].Level() {
					past = append(past, [2]int{i, g}) // shifted once that row is inserted and has its sl_no
					continue
				}
				fresh[g] = append(fresh[g], i)
				continue
			}
			group[keys[j]] = len(fresh)
			fresh = append(fresh, []int{i})
		}
	}
	dups, err := db.insertSendLogs(ctx, rows, fresh, out)
	if err != nil {
		return nil, err
	}
	for _, p := range past {
		shifted = append(shifted, db.shiftSlot(rows, p[0], &rows[fresh[p[1]][0]], moved))
	}
	var merge []int
	for _, g := range append(occupied, dups...) {
		merge = append(merge, g...)
	}
	for _, i := range merge {
		res, blocking, err := db.mergeSendLog(ctx, now, &rows[i])
		if err != nil {
			return nil, err
		}
		if blocking != nil {
			shifted = append(shifted, db.shiftSlot(rows, i, blocking, moved))
			continue
		}
		out[i] = res
	}
	return shifted, nil
}

func slotKeyOf(r *SendLog) SlotKey {
	return SlotKey{*r.CountryNo, *r.InfoType, normTime(*r.ExpectSendTime)}
}

// holds reports whether a slot's row (one of the library's) holds the
// alert r already: the same record (param4, RecordBuNo), recorded again
// after a crash.
func holds(row, r *SendLog) bool {
	return row.ClaimUntil != nil && r.Param4 != nil && row.Param4 != nil && *r.Param4 == *row.Param4
}

// slotBlocked reports whether a slot's row may not take further alerts:
// it failed, or another system wrote it.
func slotBlocked(row *SendLog) bool {
	return row.ClaimUntil == nil || (row.Status != nil && *row.Status == SendFailed)
}

// mergeKinds returns the kind of a waiting row of kind row once an alert
// of kind add is merged into it, and false when the two do not go into one
// message (the alert then takes the next second). Firing alerts and their
// repeats merge (a firing one makes the row firing); a resolve merges into
// a waiting firing row, which becomes "fired and recovered"; no-data and
// escalation rows take only their own kind (an escalation, only its level:
// checked by the caller).
func mergeKinds(row, add MessageKind) (MessageKind, bool) {
	alerting := func(k MessageKind) bool { return k == KindAlert || k == KindFiring || k == KindRepeat }
	switch {
	case alerting(row) && alerting(add):
		switch {
		case row == KindFiring || add == KindFiring:
			return KindFiring, true // the change is what the message tells
		case row == KindRepeat || add == KindRepeat:
			return KindRepeat, true
		}
		return KindAlert, true
	case (row == KindFiring || row == KindRepeat) && add == KindResolved:
		return KindRecovered, true
	case row == add && (row == KindNoData || row == KindEscalated):
		return row, true
	}
	return row, false
}

// groupKind is the kind of the row the alerts at the indexes make together.
func groupKind(rows []SendLog, at []int) MessageKind {
	k := rows[at[0]].Kind()
	for _, i := range at[1:] {
		k, _ = mergeKinds(k, rows[i].Kind())
	}
	return k
}

// shiftSlot moves alert i one second past the slot whose row blocks it,
// noting why, and returns i.
func (db *DB) shiftSlot(rows []SendLog, i int, blocking *SendLog, moved [][]string) int {
	r := &rows[i]
	why := "failed"
	switch {
	case blocking.ClaimUntil == nil:
		why = "was written by another system"
	case blocking.Status != nil && *blocking.Status == SendSent:
		why = "was sent (" + withArticle(r.Kind().String()) + " message is always sent)"
	case blocking.Status != nil && *blocking.Status == SendMuted:
		why = "was muted (" + withArticle(r.Kind().String()) + " message is always sent)"
	case blocking.Status != nil && *blocking.Status == SendWaiting && blocking.ClaimOwner != nil:
		why = "is being sent (" + withArticle(r.Kind().String()) + " message is always sent)"
	case blocking.Status != nil && *blocking.Status == SendWaiting:
		why = "is " + withArticle(blocking.Kind().String()) + " message, which " + withArticle(r.Kind().String()) + " message does not merge into"
	}
	moved[i] = append(moved[i], fmt.Sprintf("the alert %s of slot %s %s", str(blocking.SlNo), r.ExpectSendTime.UTC().Format(time.RFC3339), why))
	due := r.ExpectSendTime.Add(time.Second)
	if r.ClaimOwner == nil {
		r.ClaimUntil = &due
	}
	r.ExpectSendTime = &due
	return i
}

// insertSendLogs inserts one row per group of alerts for a free slot:
// the first alert, with the others of the group merged into it in memory
// (values added while they fit, param3 counting them all). It fills out
// and returns the groups whose slot a concurrent caller filled meanwhile,
// to be merged alert by alert.
func (db *DB) insertSendLogs(ctx context.Context, rows []SendLog, groups [][]int, out []EnqueueResult) ([][]int, error) {
	if len(groups) == 0 {
		return nil, nil
	}
	fresh := make([]SendLog, len(groups))
	notes := make([][]string, len(groups))
	for g, at := range groups {
		var err error
		if fresh[g], notes[g], err = combine(rows, at); err != nil {
			return nil, err
		}
	}
	done := func(g int, r SendLog) {
		at := groups[g]
		rows[at[0]] = r
		out[at[0]] = EnqueueResult{SlNo: *r.SlNo, Outcome: Enqueued, Slot: *r.ExpectSendTime, Detail: "enqueued as the alert " + *r.SlNo + " of its slot"}
		for n, i := range at[1:] {
			out[i] = EnqueueResult{SlNo: *r.SlNo, Outcome: Merged, Slot: *r.ExpectSendTime,
				Detail: "merged into the waiting alert " + *r.SlNo + " of its slot" + notes[g][n]}
		}
	}
	// A deadlock (1213: a same-slot insert racing on another node of a
	// multi-primary cluster) is retried; a duplicate left by a retried
	// statement goes row by row below, where it is recognised.
	err := db.retry(ctx, func() error { _, err := db.insert(ctx, db.x, db.t.sendLog, &fresh, false); return err })
	switch {
	case err == nil:
		if err := db.fillSendLogIDs(ctx, fresh); err != nil {
			return nil, err
		}
		for g := range groups {
			done(g, fresh[g])
		}
		return nil, nil
	case errors.Is(err, ErrDuplicate):
		// A concurrent caller filled a slot since the read: go slot by
		// slot; a filled slot takes its alerts one by one.
		var dups [][]int
		for g := range groups {
			one := []SendLog{fresh[g]}
			if err := db.retry(ctx, func() error { _, err := db.insert(ctx, db.x, db.t.sendLog, &one, false); return err }); err == nil {
				if err := db.fillSendLogIDs(ctx, one); err != nil {
					return nil, err
				}
				done(g, one[0])
			} else if errors.Is(err, ErrDuplicate) {
				dups = append(dups, groups[g])
			} else {
				return nil, err
			}
		}
		return dups, nil
	default:
		return nil, err
	}
}

// combine merges the alerts at the indexes (of one free slot) into the
// first one's row, in memory, and says for each later one which alert of
// the row it is and whether its values fit.
func combine(rows []SendLog, at []int) (SendLog, []string, error) {
	r := rows[at[0]]
	content := str(r.Content)
	var notes []string
	for n, i := range at[1:] {
		merged, shown, err := mergeAlertValues(content, &rows[i])
		if err != nil {
			return SendLog{}, nil, err
		}
		content = merged
		note := fmt.Sprintf(" as alert %d", n+2)
		if !shown {
			note += fmt.Sprintf(" (its values are not shown: monitor_send_log.content holds %d characters)", SendLogContentMax)
		}
		notes = append(notes, note)
		r.ModNo, r.Param4 = rows[i].ModNo, rows[i].Param4 // the latest alert's template and record
		r.SetLevel(max(r.Level(), rows[i].Level()))
	}
	r.SetKind(groupKind(rows, at))
	if r.Param2 != nil && *r.Param2 == 0 && rows[at[0]].Param2 == nil {
		r.Param2 = nil
	}
	r.Content = &content
	r.SetMergeCount(len(at))
	return r, notes, nil
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

// mergeSendLog adds one alert to the row of its slot: merged while the row
// waits and no live claim holds it, suppressed when it is being sent or
// was sent, repeated when it holds this alert already. It returns the
// slot's row instead when that row blocks the slot (failed, or another
// system's). The update is a compare-and-set on the row's merge count, so
// concurrent merges each add their values or try again.
func (db *DB) mergeSendLog(ctx context.Context, now time.Time, r *SendLog) (EnqueueResult, *SendLog, error) {
	key := slotKeyOf(r)
	m := db.t.sendLog
	for _, col := range []string{"mod_no", "param4"} { // checked against their columns, as every write is
		i := m.byName[col]
		if _, err := m.value(&m.spec.cols[i], m.field(reflectValue(r), i)); err != nil {
			return EnqueueResult{}, nil, err
		}
	}
	for range 16 {
		var found []SendLog
		if err := db.selectRows(ctx, db.x, db.t.sendLog, &found, "WHERE `country_no` = ? AND `info_type` = ? AND `expect_send_time` = ?",
			key.CountryNo, key.InfoType, key.ExpectSendTime); err != nil {
			return EnqueueResult{}, nil, fmt.Errorf("merge send log: read slot: %w", err)
		}
		if len(found) == 0 {
			return EnqueueResult{}, nil, fmt.Errorf("merge send log: the row of slot %s/%d %s is gone", key.CountryNo, key.InfoType,
				key.ExpectSendTime.Format(time.RFC3339))
		}
		row := &found[0]
		if res, blocking, decided := slotAnswer(row, r, now, key.ExpectSendTime); decided {
			return res, blocking, nil
		}
		res, merged, err := db.mergeInto(ctx, now, row, r)
		if err != nil || merged {
			return res, nil, err
		}
		// Another merge, a claim or a send came first: look again.
	}
	return EnqueueResult{}, nil, fmt.Errorf("merge send log: slot %s/%d %s kept changing", key.CountryNo, key.InfoType, key.ExpectSendTime.Format(time.RFC3339))
}

// slotAnswer decides what an alert r does with its slot's row when that
// needs no write: it is in the row already (Repeated), the row blocks the
// slot (returned), or the row is sent or being sent (Suppressed). decided
// is false when the alert is to be merged into the waiting row.
func slotAnswer(row, r *SendLog, now, slot time.Time) (res EnqueueResult, blocking *SendLog, decided bool) {
	res = EnqueueResult{SlNo: str(row.SlNo), Slot: slot}
	switch {
	case holds(row, r):
		res.Outcome, res.Detail = Repeated, "already in the alert "+res.SlNo+" of its slot"
	case slotBlocked(row):
		return EnqueueResult{}, row, true
	case r.Kind().StateChange() && !mergeable(row, r, now):
		return EnqueueResult{}, row, true // a change of state is always told
	case row.Status != nil && *row.Status == SendMuted:
		res.Outcome, res.Detail = Suppressed, "suppressed: the alert "+res.SlNo+" of its slot was muted by a silence ("+str(row.Reason)+")"
	case row.Status != nil && *row.Status == SendSent:
		res.Outcome, res.Detail = Suppressed, "suppressed: the alert "+res.SlNo+" of its slot was sent"
		if row.RealitySendTime != nil {
			res.Detail += " at " + row.RealitySendTime.UTC().Format(time.RFC3339)
		}
	case row.ClaimOwner != nil && row.ClaimUntil.After(now):
		res.Outcome, res.Detail = Suppressed, "suppressed: the alert "+res.SlNo+" of its slot is being sent"
	case !mergeable(row, r, now):
		return EnqueueResult{}, row, true
	default:
		return res, nil, false
	}
	return res, nil, true
}

// mergeable reports whether alert r may be merged into the slot's row: the
// row waits, no live claim holds it, and their kinds go into one message.
func mergeable(row, r *SendLog, now time.Time) bool {
	if row.Status == nil || *row.Status != SendWaiting || (row.ClaimOwner != nil && row.ClaimUntil.After(now)) {
		return false
	}
	k, ok := mergeKinds(row.Kind(), r.Kind())
	return ok && (k != KindEscalated || row.Level() == r.Level())
}

// mergeInto adds alert r to the waiting row: its values while they fit,
// its template and record, one more to the count. The update is a
// compare-and-set on the count; merged is false when the row changed
// since it was read.
func (db *DB) mergeInto(ctx context.Context, now time.Time, row, r *SendLog) (res EnqueueResult, merged bool, err error) {
	res = EnqueueResult{SlNo: str(row.SlNo), Slot: slotKeyOf(r).ExpectSendTime}
	count := row.MergeCount()
	content, shown, err := mergeAlertValues(str(row.Content), r)
	if err != nil {
		return res, false, fmt.Errorf("merge send log %s: %w", res.SlNo, err)
	}
	kind, _ := mergeKinds(row.Kind(), r.Kind())
	after := *row
	after.SetKind(kind)
	if r.Param2 != nil || row.Param2 != nil {
		after.SetLevel(max(row.Level(), r.Level()))
	}
	var n int64
	err = db.retry(ctx, func() error {
		x, err := db.x.ExecContext(ctx, "UPDATE "+tableSendLog+" SET `content` = ?, `mod_no` = ?, `param4` = ?, `param3` = ?, `param1` = ?, `param2` = ?, `update_time` = ? "+
			"WHERE `id` = ? AND `status` = ? AND COALESCE(`param3`, 1) = ? AND (`claim_owner` IS NULL OR `claim_until` <= ?)",
			content, r.ModNo, r.Param4, count+1, after.Param1, after.Param2, db.clock(), row.ID, int(SendWaiting), count, now)
		if err != nil {
			return err
		}
		n, _ = x.RowsAffected()
		return nil
	})
	if err != nil || n == 0 {
		if err != nil {
			err = fmt.Errorf("merge send log %s: %w", res.SlNo, err)
		}
		return res, false, err
	}
	res.Outcome = Merged
	res.Detail = fmt.Sprintf("merged into the waiting alert %s of its slot as alert %d", res.SlNo, count+1)
	if kind == KindRecovered {
		res.Detail = fmt.Sprintf("merged into the waiting alert %s of its slot, which now says it fired and recovered", res.SlNo)
	}
	if !shown {
		res.Detail += fmt.Sprintf(" (its values are not shown: monitor_send_log.content holds %d characters)", SendLogContentMax)
	}
	return res, true, nil
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
	return claim[SendLog](ctx, db, db.t.sendLog, c, "`status` = ? AND (`expect_send_time` IS NULL OR `expect_send_time` <= ?)", int(SendWaiting), c.Now)
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
		r.set("claim_until", freeAt(u.NotBefore, now))
		rows[i] = r
	}
	return db.finishClaimed(ctx, db.x, db.t.sendLog, "send logs", owner, normTime(now), rows)
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
		_, err := db.exec(ctx, db.x, "UPDATE "+table+" SET `claim_owner` = NULL, `claim_until` = ? WHERE `claim_owner` = ? AND `id` IN ("+
			placeholders(len(chunk))+")", append([]any{freeSince, owner}, int64Args(chunk)...)...)
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
	lock := db.dialect.lockClause()
	var moved int64
	err := db.inTx(ctx, func(tx *sqlx.Tx) error {
		var ids []int64
		// One query per status, each served in order by the
		// (status, claim_until, claim_owner) index.
		for _, st := range []SendStatus{SendSent, SendFailed, SendMuted} {
			var part []int64
			if err := tx.SelectContext(ctx, &part, "SELECT `id` FROM "+tableSendLog+db.dialect.claimIndex(tableSendLog)+" WHERE `status` = ? AND "+
				"`claim_until` <= ? ORDER BY `claim_until`, `claim_owner`, `id` LIMIT ?"+lock,
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
	return selectOne[SendLog](ctx, db, db.t.sendLog, "sl_no", slNo, "send log")
}

// GetSendLogHist returns the archived rows with code slNo (normally one).
func (db *DB) GetSendLogHist(ctx context.Context, slNo string) ([]SendLogHist, error) {
	var out []SendLogHist
	err := db.selectRows(ctx, db.x, db.t.sendLogHist, &out, "WHERE `sl_no` = ? ORDER BY `id`", slNo)
	return out, err
}

// mergeAlertValues adds alert r's values to a pending alert's content (see
// MergeValueSets). A resolve's values are what its message is about: when
// they do not fit, the values of the alerts between the first and the
// resolve make room for them (those alerts are still counted, as not
// listed).
func mergeAlertValues(content string, r *SendLog) (string, bool, error) {
	merged, shown, err := MergeValueSets(content, str(r.Content), SendLogContentMax)
	if err != nil || shown || r.Kind() != KindResolved {
		return merged, shown, err
	}
	sets, err := ValueSets(content)
	if err != nil || len(sets) < 2 {
		return merged, shown, err
	}
	return MergeValueSets(EncodeValues(sets[0]), str(r.Content), SendLogContentMax)
}

// withArticle puts "a" or "an" before a kind's name.
func withArticle(name string) string {
	if name != "" && strings.ContainsRune("aeiou", rune(name[0])) {
		return "an " + name
	}
	return "a " + name
}
