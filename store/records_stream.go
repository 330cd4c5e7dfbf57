package store

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// Reads for replaying stored history (ops.Backtest): a scene's records one
// country at a time in keyset pages, the countries that have records, and
// what became of the alerts records went into. Each read is bounded by its
// page, so a replay of millions of records keeps memory flat.

// RecordPageQuery asks for one page of the records of a scene in one
// country whose window begins in [From, To), in window order.
type RecordPageQuery struct {
	InfoType  int
	CountryNo string
	From, To  time.Time
	// After, when set, is the last record of the previous page: the page
	// starts after its window (keyset paging on begin_time, end_time).
	After *Record
	Limit int // rows per page (1..10000)
}

// recordPageColumns are the columns a page reads: the window, the sample
// and the engine's outcome (not the claim, retries or remark), which
// halves the work of reading a row.
const recordPageColumns = "`id`, `bu_no`, `info_type`, `country_no`, `begin_time`, `end_time`, `content`, `compare_val`, " +
	"`status`, `create_time`, `param1`, `param5`, `param6`, `reason`"

// RecordPage returns one page of records (see RecordPageQuery), ordered by
// (begin_time, end_time): the order of the unique key (info_type,
// country_no, begin_time, end_time), which the query walks as a range. A
// scene × country has one record per window, so that is window order
// and (begin_time, id) order alike. Records without a window are skipped.
// A page's records hold the columns a replay reads: the window, content,
// compare_val, status, reason, create_time and param1, param5, param6.
func (db *DB) RecordPage(ctx context.Context, q RecordPageQuery) ([]Record, error) {
	if q.Limit < 1 || q.Limit > 10000 {
		return nil, invalid(tableRecord, "id", "a page holds 1 to 10000 records, got %d", q.Limit)
	}
	where := "WHERE `info_type` = ? AND `country_no` = ? AND `begin_time` < ? AND `end_time` IS NOT NULL"
	args := []any{q.InfoType, q.CountryNo, normTime(q.To)}
	switch a := q.After; {
	case a != nil && a.BeginTime != nil && a.EndTime != nil:
		b, e := normTime(*a.BeginTime), normTime(*a.EndTime)
		where += " AND `begin_time` >= ? AND (`begin_time` > ? OR `end_time` > ?)"
		args = append(args, b, b, e)
	case a != nil:
		return nil, invalid(tableRecord, "begin_time", "the record to page after has no window")
	default:
		where += " AND `begin_time` >= ?"
		args = append(args, normTime(q.From))
	}
	var out []Record
	err := db.x.SelectContext(ctx, &out, "SELECT "+recordPageColumns+" FROM "+tableRecord+" "+where+
		" ORDER BY `begin_time`, `end_time` LIMIT ?", append(args, q.Limit)...)
	if err != nil {
		return nil, fmt.Errorf("record page: %w", db.dialect.notMigrated(err))
	}
	return out, nil
}

// RecordCountries returns the countries, sorted, that have records of the
// scene whose window begins in [from, to).
func (db *DB) RecordCountries(ctx context.Context, infoType int, from, to time.Time) ([]string, error) {
	var out []string
	err := db.x.SelectContext(ctx, &out, "SELECT DISTINCT `country_no` FROM "+tableRecord+
		" WHERE `info_type` = ? AND `country_no` IS NOT NULL AND `begin_time` >= ? AND `begin_time` < ? ORDER BY `country_no`",
		infoType, normTime(from), normTime(to))
	if err != nil {
		return nil, fmt.Errorf("record countries: %w", db.dialect.notMigrated(err))
	}
	return out, nil
}

// SendOutcome is what became of a pending alert: its row in
// monitor_send_log, or in monitor_send_log_hist once archived.
type SendOutcome struct {
	SlNo            string
	Status          SendStatus
	Kind            MessageKind
	ExpectSendTime  *time.Time
	RealitySendTime *time.Time
	MergeCount      int
	Archived        bool // the row is in monitor_send_log_hist
}

// SendOutcomes returns the outcome of the alerts with the given sl_nos
// (at most 1000), by sl_no; a code in neither table is absent.
func (db *DB) SendOutcomes(ctx context.Context, slNos []string) (map[string]SendOutcome, error) {
	out := make(map[string]SendOutcome, len(slNos))
	if len(slNos) == 0 {
		return out, nil
	}
	if len(slNos) > 1000 {
		return nil, errors.New("store: send outcomes: at most 1000 codes at a time")
	}
	args := make([]any, len(slNos))
	for i, s := range slNos {
		args[i] = s
	}
	where := "WHERE `sl_no` IN (" + placeholders(len(slNos)) + ")"
	var hist []SendLogHist
	if err := db.selectRows(ctx, db.x, db.t.sendLogHist, &hist, where, args...); err != nil {
		return nil, fmt.Errorf("send outcomes: %w", err)
	}
	for _, h := range hist {
		out[str(h.SlNo)] = SendOutcome{SlNo: str(h.SlNo), Status: statusOr(h.Status), Kind: h.Kind(), ExpectSendTime: h.ExpectSendTime,
			RealitySendTime: h.RealitySendTime, MergeCount: h.MergeCount(), Archived: true}
	}
	var live []SendLog
	if err := db.selectRows(ctx, db.x, db.t.sendLog, &live, where, args...); err != nil {
		return nil, fmt.Errorf("send outcomes: %w", err)
	}
	for _, l := range live {
		out[str(l.SlNo)] = SendOutcome{SlNo: str(l.SlNo), Status: statusOr(l.Status), Kind: l.Kind(), ExpectSendTime: l.ExpectSendTime,
			RealitySendTime: l.RealitySendTime, MergeCount: l.MergeCount()}
	}
	return out, nil
}

func statusOr(s *SendStatus) SendStatus {
	if s == nil {
		return SendWaiting
	}
	return *s
}

// CheckRule runs the checks CreateRule makes on a rule (fun_code given,
// pending and resolve windows positive, column lengths, then the
// Validation's: the engine compiles the expression with its threshold)
// without writing anything: the way to check a draft rule. A refusal is
// a *ValidationError naming the column.
func (c *Config) CheckRule(r Rule) error { return c.checkRule(r) }
