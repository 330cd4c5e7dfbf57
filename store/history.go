package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"
)

// HistoryFilter selects pending, delivered and archived alerts, from
// monitor_send_log and monitor_send_log_hist together. Zero fields match
// every row. Rows are ordered newest first by (expect_send_time, sl_no):
// a row keeps both when it is archived, so paging with After neither
// repeats nor skips a row that moves to the history between two pages.
type HistoryFilter struct {
	InfoType  *int
	CountryNo string
	Status    *SendStatus
	Kind      *MessageKind // param1; KindAlert also matches NULL
	// ChannelNos keeps the rows whose channel_state names any of these
	// channels. The match is done in SQL on the JSON text and is loose
	// (case-insensitive on most collations): the caller checks the
	// parsed state.
	ChannelNos []string
	From       time.Time // expect_send_time at or after (required)
	To         time.Time // expect_send_time before; zero: open
	After      *HistoryKey
	Limit      int // required, at most MaxHistoryLimit
}

// MaxHistoryLimit bounds the rows one SendLogHistory call returns.
const MaxHistoryLimit = 1000

// HistoryKey is a row's place in the history's order: the keyset a page
// continues after.
type HistoryKey struct {
	ExpectSendTime time.Time
	SlNo           string
}

// HistoryRow is a row of monitor_send_log (Archived false; its claim
// is set) or of monitor_send_log_hist (Archived true; no claim).
type HistoryRow struct {
	SendLog
	Archived bool
}

// Key is the row's place in the history's order.
func (r *HistoryRow) Key() HistoryKey {
	k := HistoryKey{SlNo: str(r.SlNo)}
	if r.ExpectSendTime != nil {
		k.ExpectSendTime = r.ExpectSendTime.UTC()
	}
	return k
}

// SendLogHistory returns up to f.Limit rows of monitor_send_log and
// monitor_send_log_hist that match f, newest first by (expect_send_time,
// sl_no), after f.After when set. Rows without an sl_no or an
// expect_send_time (another system's) are not listed. Each table is read
// with one statement that an index of migration 9 serves in order (see
// the package documentation), and the two are merged.
func (db *DB) SendLogHistory(ctx context.Context, f HistoryFilter) ([]HistoryRow, error) {
	if f.Limit <= 0 || f.Limit > MaxHistoryLimit {
		return nil, invalid(tableSendLog, "limit", "history limit %d: want 1 to %d", f.Limit, MaxHistoryLimit)
	}
	if f.From.IsZero() {
		return nil, invalid(tableSendLog, "expect_send_time", "history needs the start of its time range")
	}
	where, args := historyWhere(f)
	tail := " WHERE " + where + " ORDER BY `expect_send_time` DESC, `sl_no` DESC LIMIT ?"
	args = append(args, f.Limit)
	var live []SendLog
	if err := db.selectRows(ctx, db.x, db.t.sendLog, &live, tail, args...); err != nil {
		return nil, fmt.Errorf("send log history: %w", err)
	}
	var hist []SendLogHist
	if err := db.selectRows(ctx, db.x, db.t.sendLogHist, &hist, tail, args...); err != nil {
		return nil, fmt.Errorf("send log history: %w", err)
	}
	out := make([]HistoryRow, 0, len(live)+len(hist))
	for _, l := range live {
		out = append(out, HistoryRow{SendLog: l})
	}
	for i := range hist {
		out = append(out, HistoryRow{SendLog: hist[i].asSendLog(), Archived: true})
	}
	sort.Slice(out, func(i, j int) bool { return out[j].Key().before(out[i].Key()) })
	return out[:min(len(out), f.Limit)], nil
}

// before reports whether k comes before o in time order (older first).
func (k HistoryKey) before(o HistoryKey) bool {
	if !k.ExpectSendTime.Equal(o.ExpectSendTime) {
		return k.ExpectSendTime.Before(o.ExpectSendTime)
	}
	return k.SlNo < o.SlNo
}

// historyWhere is the condition both tables are read with.
func historyWhere(f HistoryFilter) (string, []any) {
	where := []string{"`sl_no` IS NOT NULL", "`expect_send_time` >= ?"}
	args := []any{normTime(f.From)}
	add := func(cond string, a ...any) { where, args = append(where, cond), append(args, a...) }
	if !f.To.IsZero() {
		add("`expect_send_time` < ?", normTime(f.To))
	}
	if f.InfoType != nil {
		add("`info_type` = ?", *f.InfoType)
	}
	if f.CountryNo != "" {
		add("`country_no` = ?", f.CountryNo)
	}
	if f.Status != nil {
		add("`status` = ?", int(*f.Status))
	}
	if f.Kind != nil {
		if *f.Kind == KindAlert {
			add("(`param1` IS NULL OR `param1` = ?)", int(KindAlert))
		} else {
			add("`param1` = ?", int(*f.Kind))
		}
	}
	if len(f.ChannelNos) > 0 {
		var or []string
		for _, no := range f.ChannelNos {
			or = append(or, "`channel_state` LIKE ? ESCAPE '!'")
			args = append(args, channelKeyPattern(no))
		}
		where = append(where, "("+strings.Join(or, " OR ")+")")
	}
	if f.After != nil {
		at := normTime(f.After.ExpectSendTime)
		// The first bound lets the optimiser scan the index as a range.
		add("`expect_send_time` <= ?", at)
		add("(`expect_send_time` < ? OR (`expect_send_time` = ? AND `sl_no` < ?))", at, at, f.After.SlNo)
	}
	return strings.Join(where, " AND "), args
}

// channelKeyPattern is a LIKE pattern that finds a channel_no as a key of
// the channel_state JSON object ("CH01":{…).
func channelKeyPattern(channelNo string) string {
	key, _ := json.Marshal(channelNo)
	esc := strings.NewReplacer("!", "!!", "%", "!%", "_", "!_").Replace(string(key))
	return "%" + esc + ":{%"
}

// asSendLog is the archived row as a SendLog without a claim.
func (h *SendLogHist) asSendLog() SendLog {
	return SendLog{ID: h.ID, SlNo: h.SlNo, CountryNo: h.CountryNo, ChannelProductNo: h.ChannelProductNo, ModNo: h.ModNo,
		Content: h.Content, InfoType: h.InfoType, ExpectSendTime: h.ExpectSendTime, RealitySendTime: h.RealitySendTime,
		Status: h.Status, RetryTimes: h.RetryTimes, Stamps: h.Stamps, Params: h.Params, Reason: h.Reason, ChannelState: h.ChannelState}
}

// FindSendLog returns the row with code slNo, from monitor_send_log or,
// once archived, from monitor_send_log_hist (Archived true). A missing
// code wraps ErrNotFound.
func (db *DB) FindSendLog(ctx context.Context, slNo string) (HistoryRow, error) {
	l, err := db.GetSendLog(ctx, slNo)
	if err == nil {
		return HistoryRow{SendLog: l}, nil
	}
	if !errors.Is(err, ErrNotFound) {
		return HistoryRow{}, err
	}
	hist, err := db.GetSendLogHist(ctx, slNo)
	if err != nil {
		return HistoryRow{}, fmt.Errorf("send log %s: %w", slNo, err)
	}
	if len(hist) == 0 {
		return HistoryRow{}, fmt.Errorf("send log %s: %w", slNo, ErrNotFound)
	}
	return HistoryRow{SendLog: hist[len(hist)-1].asSendLog(), Archived: true}, nil
}

// RecordsOfSendLog returns the records whose alert went into the send-log
// row slNo (monitor_record.param6, Record.SlNo), of its scene and country,
// oldest window first, up to limit. The scene and country narrow the read
// to the (info_type, country_no, begin_time, end_time) key.
func (db *DB) RecordsOfSendLog(ctx context.Context, infoType int, countryNo, slNo string, limit int) ([]Record, error) {
	var out []Record
	err := db.selectRows(ctx, db.x, db.t.record, &out, "WHERE `info_type` = ? AND `country_no` = ? AND `param6` = ? ORDER BY `begin_time`, `id` LIMIT ?",
		infoType, countryNo, slNo, limit)
	if err != nil {
		return nil, fmt.Errorf("records of send log %s: %w", slNo, err)
	}
	return out, nil
}
