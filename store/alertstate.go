package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"
)

// StateName is the lifecycle state of a scene × country
// (yujing_alert_state.state).
type StateName string

// The lifecycle states. See the README's state diagram.
const (
	StateOK       StateName = "ok"       // no rule matches (or never did)
	StatePending  StateName = "pending"  // a rule matches, not yet for its pending windows
	StateFiring   StateName = "firing"   // a rule matched for its pending windows; notified
	StateResolved StateName = "resolved" // was firing; good for the rule's resolve windows
	StateNoData   StateName = "nodata"   // reported before, no samples for the no-data windows
)

// AlertState is a row of yujing_alert_state (migration 7): the lifecycle of
// one scene (InfoType) in one country. The engine writes a row only when
// something changes, as a compare-and-set on Version.
type AlertState struct {
	ID        int64     `db:"id"`
	InfoType  int       `db:"info_type"`
	CountryNo string    `db:"country_no"`
	State     StateName `db:"state"`
	// Active is true unless the row is plain ok (or resolved) with no
	// counter running; engines read only active rows on their way.
	Active bool    `db:"active"`
	RuleNo *string `db:"rule_no"` // the rule that fired (or matched, while pending)
	// Since is when the state began (the end of the window that changed it).
	Since       *time.Time `db:"since"`
	FiringSince *time.Time `db:"firing_since"` // the end of the window that made it fire
	// LastWindowEnd and LastRecord name the latest window applied; an
	// older one does not change the state again.
	LastWindowEnd *time.Time `db:"last_window_end"`
	LastRecord    *string    `db:"last_record"`
	// LastKind is the message decided for the latest window (a
	// MessageKind; 0 none), so that a record whose alert was not recorded
	// (the database went away) gets the same message when it is tried again.
	LastKind     MessageKind `db:"last_kind"`
	BadWindows   int         `db:"bad_windows"`   // consecutive windows a rule matched
	GoodWindows  int         `db:"good_windows"`  // consecutive windows no rule matched
	EmptyWindows int         `db:"empty_windows"` // consecutive windows without samples
	LastNotified *time.Time  `db:"last_notified"`
	NotifyCount  int         `db:"notify_count"` // messages decided since it fired (repeats only when the template sets an interval)
	// EscalationLevel is the highest escalation level notified since it
	// fired (0 none), EscalatedAt when.
	EscalationLevel int        `db:"escalation_level"`
	EscalatedAt     *time.Time `db:"escalated_at"`
	// NextDue is when the engine next looks at a firing row for an
	// escalation or its repeat (nil: nothing to look at).
	NextDue  *time.Time `db:"next_due"`
	AckBy    *string    `db:"ack_by"`
	AckAt    *time.Time `db:"ack_at"`
	AckUntil *time.Time `db:"ack_until"`
	LastSlNo *string    `db:"last_sl_no"` // the latest message's monitor_send_log row
	// MutedBy is the silence that muted the state's latest message
	// (migration 8): when it ends while the state still fires, one message
	// says so. nil when no silence did.
	MutedBy *string `db:"muted_by"`
	// Reason is the latest decision in words ("pending 2/3", "repeat
	// interval 1h0m0s not reached"...).
	Reason     *string    `db:"reason"`
	Version    int64      `db:"version"`
	UpdateTime *time.Time `db:"update_time"`
}

// Key is the row's scene and country.
func (s *AlertState) Key() StateKey { return StateKey{s.InfoType, s.CountryNo} }

// StateKey names a scene × country.
type StateKey struct {
	InfoType  int
	CountryNo string
}

// MessageKind is monitor_send_log.param1 (and the state's last_kind): what
// a pending alert says. NULL (0) is a plain alert: another system's, an
// Engine.Fire or a report's.
type MessageKind int

// Message kinds.
const (
	KindAlert     MessageKind = 0 // a plain alert (no lifecycle)
	KindFiring    MessageKind = 1 // the scene × country began to fire
	KindRepeat    MessageKind = 2 // still firing (a repeat)
	KindResolved  MessageKind = 3 // resolved
	KindRecovered MessageKind = 4 // fired and recovered before the firing message was sent
	KindNoData    MessageKind = 5 // no data
	KindEscalated MessageKind = 6 // escalated to the channels of a level
	KindUnmuted   MessageKind = 7 // a silence ended while it still fires
)

// String names the kind.
func (k MessageKind) String() string {
	switch k {
	case KindAlert:
		return "alert"
	case KindFiring:
		return "firing"
	case KindRepeat:
		return "repeat"
	case KindResolved:
		return "resolved"
	case KindRecovered:
		return "fired and recovered"
	case KindNoData:
		return "no data"
	case KindEscalated:
		return "escalated"
	case KindUnmuted:
		return "fired during a silence"
	}
	return fmt.Sprintf("MessageKind(%d)", int(k))
}

// StateChange reports a state change: the kinds that tell of one are
// always sent (a sent or claimed row in their slot moves them to the next
// second instead of suppressing them).
func (k MessageKind) StateChange() bool { return k != KindAlert && k != KindRepeat }

// AlertStateStore keeps the lifecycle of every scene × country
// (yujing_alert_state).
type AlertStateStore interface {
	// ActiveAlertStates returns the active rows of the scenes.
	ActiveAlertStates(ctx context.Context, infoTypes []int) ([]AlertState, error)
	// StateCountries returns the countries with a row for the scene.
	StateCountries(ctx context.Context, infoType int) ([]string, error)
	// EnsureAlertStates makes a plain ok row for each country that has none.
	EnsureAlertStates(ctx context.Context, infoType int, countries []string) error
	// SaveAlertStates writes changed rows in one transaction, each as a
	// compare-and-set: a row read before (ID set) on its Version, a row
	// not read (ID 0) on its being inactive (made when missing). It
	// returns the indexes of the rows that changed meanwhile; the others
	// are written, with Version one more (for a row saved unread, the
	// caller learns neither its ID nor its version: read it again before
	// a compare-and-set on it).
	SaveAlertStates(ctx context.Context, states []AlertState) (conflicts []int, err error)
	// DueAlertStates returns up to limit firing rows whose NextDue has come.
	DueAlertStates(ctx context.Context, now time.Time, limit int) ([]AlertState, error)
	// AlertStates returns the rows that match the filter, by scene and
	// country, paged.
	AlertStates(ctx context.Context, f StateFilter) ([]AlertState, error)
}

// StateFilter selects rows of yujing_alert_state. Zero fields match all.
type StateFilter struct {
	InfoType  *int
	CountryNo string
	Countries []string // any of these countries (with CountryNo, that one too)
	States    []StateName
	AfterID   int64 // paging: rows with a larger id
	Limit     int   // default 500
}

const alertStateCols = "id, info_type, country_no, state, active, rule_no, since, firing_since, last_window_end, last_record, " +
	"last_kind, bad_windows, good_windows, empty_windows, last_notified, notify_count, escalation_level, " +
	"escalated_at, next_due, ack_by, ack_at, ack_until, last_sl_no, reason, version, update_time, muted_by"

// selectStates reads states with a plain Scan: an engine reads every
// active state of a scene per window, so no reflection per row.
func (db *DB) selectStates(ctx context.Context, where string, args ...any) ([]AlertState, error) {
	rows, err := db.x.QueryContext(ctx, "SELECT "+alertStateCols+" FROM yujing_alert_state "+where, args...)
	if err != nil {
		return nil, fmt.Errorf("alert states: %w", db.dialect.notMigrated(err))
	}
	defer rows.Close()
	var out []AlertState
	for rows.Next() {
		var s AlertState
		var state string
		var active, kind int
		if err := rows.Scan(&s.ID, &s.InfoType, &s.CountryNo, &state, &active, &s.RuleNo, &s.Since, &s.FiringSince, &s.LastWindowEnd,
			&s.LastRecord, &kind, &s.BadWindows, &s.GoodWindows, &s.EmptyWindows, &s.LastNotified, &s.NotifyCount,
			&s.EscalationLevel, &s.EscalatedAt, &s.NextDue, &s.AckBy, &s.AckAt, &s.AckUntil, &s.LastSlNo, &s.Reason,
			&s.Version, &s.UpdateTime, &s.MutedBy); err != nil {
			return nil, fmt.Errorf("alert states: %w", err)
		}
		s.State, s.Active, s.LastKind = StateName(state), active != 0, MessageKind(kind)
		s.normalise()
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("alert states: %w", err)
	}
	return out, nil
}

// normalise reads the row's times as UTC.
func (s *AlertState) normalise() {
	for _, t := range []**time.Time{&s.Since, &s.FiringSince, &s.LastWindowEnd, &s.LastNotified, &s.EscalatedAt,
		&s.NextDue, &s.AckAt, &s.AckUntil, &s.UpdateTime} {
		if *t != nil {
			u := (*t).UTC()
			*t = &u
		}
	}
}

// ActiveAlertStates returns the active rows of the scenes (all scenes when
// infoTypes is empty).
func (db *DB) ActiveAlertStates(ctx context.Context, infoTypes []int) ([]AlertState, error) {
	if len(infoTypes) == 0 {
		return db.selectStates(ctx, "WHERE active = 1")
	}
	args := make([]any, len(infoTypes))
	for i, t := range infoTypes {
		args[i] = t
	}
	return db.selectStates(ctx, "WHERE active = 1 AND info_type IN ("+placeholders(len(args))+")", args...)
}

// StateCountries returns the countries with a row for the scene.
func (db *DB) StateCountries(ctx context.Context, infoType int) ([]string, error) {
	var out []string
	if err := db.x.SelectContext(ctx, &out, "SELECT country_no FROM yujing_alert_state WHERE info_type = ?", infoType); err != nil {
		return nil, fmt.Errorf("alert state countries: %w", db.dialect.notMigrated(err))
	}
	return out, nil
}

// EnsureAlertStates makes a plain ok row for each country that has none.
func (db *DB) EnsureAlertStates(ctx context.Context, infoType int, countries []string) error {
	for _, c := range countries {
		if c == "" || len([]rune(c)) > 32 {
			return invalid("yujing_alert_state", "country_no", "%q: 1 to 32 characters", c)
		}
	}
	head, tail := db.dialect.insertIgnore()
	now := db.clock()
	for start := 0; start < len(countries); start += 500 {
		part := countries[start:min(start+500, len(countries))]
		args := make([]any, 0, 3*len(part))
		for _, c := range part {
			args = append(args, infoType, c, now)
		}
		q := head + "yujing_alert_state (info_type, country_no, update_time) VALUES " +
			strings.TrimSuffix(strings.Repeat("(?,?,?),", len(part)), ",") + tail
		if _, err := db.exec(ctx, db.x, q, args...); err != nil {
			return fmt.Errorf("make alert states: %w", db.dialect.notMigrated(err))
		}
	}
	return nil
}

// SaveAlertStates writes changed rows (see AlertStateStore).
func (db *DB) SaveAlertStates(ctx context.Context, states []AlertState) ([]int, error) {
	if len(states) == 0 {
		return nil, nil
	}
	for i := range states {
		if err := states[i].check(); err != nil {
			return nil, err
		}
	}
	if done, err := db.insertNewStates(ctx, states); err != nil || done {
		if err != nil {
			return nil, fmt.Errorf("save alert states: %w", db.dialect.notMigrated(err))
		}
		for i := range states {
			states[i].Version++
		}
		return nil, nil
	}
	var conflicts []int
	err := db.inTx(ctx, func(tx *sqlx.Tx) error {
		conflicts = conflicts[:0]
		now := db.clock()
		var unread []int
		for i := range states {
			s := &states[i]
			if s.ID == 0 {
				unread = append(unread, i)
				continue
			}
			set, args := s.assignments(now)
			n, err := execCount(ctx, tx, "UPDATE yujing_alert_state SET "+set+", version = version + 1 WHERE id = ? AND version = ?",
				append(args, s.ID, s.Version)...)
			if err != nil {
				return err
			}
			if n == 0 {
				conflicts = append(conflicts, i)
			}
		}
		lost, err := db.saveUnread(ctx, tx, states, unread, now)
		conflicts = append(conflicts, lost...)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("save alert states: %w", db.dialect.notMigrated(err))
	}
	lost := map[int]bool{}
	for _, i := range conflicts {
		lost[i] = true
	}
	for i := range states {
		if !lost[i] {
			states[i].Version++
		}
	}
	return conflicts, nil
}

// insertNewStates writes states none of which was read, and none of which
// has a row yet (a backlog's first changes), in one multi-row INSERT with
// no transaction around it: done is false when some row exists (nothing
// is written then) or the states are too many for one statement.
func (db *DB) insertNewStates(ctx context.Context, states []AlertState) (done bool, err error) {
	if len(states) > statesPerInsert {
		return false, nil
	}
	for i := range states {
		if states[i].ID != 0 {
			return false, nil
		}
	}
	q, args := newStatesInsert(states, db.clock())
	err = db.retry(ctx, func() error { _, err := db.x.ExecContext(ctx, q, args...); return err })
	if db.dialect.isDuplicate(err) {
		return false, nil
	}
	return err == nil, err
}

// statesPerInsert bounds a multi-row INSERT of states (25 values a row).
const statesPerInsert = 500

// newStatesInsert is a multi-row INSERT of the states.
func newStatesInsert(states []AlertState, now time.Time) (string, []any) {
	var args []any
	var cols []string
	for i := range states {
		c, a := states[i].columns(now)
		if args == nil {
			cols, args = c, make([]any, 0, len(states)*(len(c)+3))
		}
		args = append(append(append(args, states[i].InfoType, states[i].CountryNo), a...), 1)
	}
	row := "(" + placeholders(len(cols)+3) + ")"
	return "INSERT INTO yujing_alert_state (info_type, country_no, " + strings.Join(cols, ", ") + ", version) VALUES " +
		strings.TrimSuffix(strings.Repeat(row+",", len(states)), ","), args
}

// saveUnread writes the states at the indexes, which were not read: new
// rows in one multi-row INSERT per 500 when none of them exists (a scene
// × country's first change, the usual case); else row by row, each an
// UPDATE of the inactive row, or an INSERT of a missing one. It returns
// the indexes of the rows that changed meanwhile (active, or made by
// another engine).
func (db *DB) saveUnread(ctx context.Context, tx *sqlx.Tx, states []AlertState, at []int, now time.Time) ([]int, error) {
	var conflicts []int
	for start := 0; start < len(at); start += statesPerInsert {
		part := at[start:min(start+statesPerInsert, len(at))]
		some := make([]AlertState, len(part))
		for j, i := range part {
			some[j] = states[i]
		}
		q, args := newStatesInsert(some, now)
		_, err := tx.ExecContext(ctx, q, args...)
		if err == nil {
			continue
		}
		if !db.dialect.isDuplicate(err) {
			return nil, err
		}
		for _, i := range part {
			ok, err := db.saveUnreadOne(ctx, tx, &states[i], now)
			if err != nil {
				return nil, err
			}
			if !ok {
				conflicts = append(conflicts, i)
			}
		}
	}
	return conflicts, nil
}

// saveUnreadOne writes one state that was not read: an UPDATE of its row
// while inactive, or an INSERT when it has none. ok is false when the row
// is active, or another engine made it meanwhile.
func (db *DB) saveUnreadOne(ctx context.Context, tx *sqlx.Tx, s *AlertState, now time.Time) (bool, error) {
	set, args := s.assignments(now)
	n, err := execCount(ctx, tx, "UPDATE yujing_alert_state SET "+set+", version = version + 1 WHERE info_type = ? AND country_no = ? AND active = 0",
		append(args, s.InfoType, s.CountryNo)...)
	if err != nil || n > 0 {
		return n > 0, err
	}
	c, a := s.columns(now)
	_, err = tx.ExecContext(ctx, "INSERT INTO yujing_alert_state (info_type, country_no, "+strings.Join(c, ", ")+", version) VALUES ("+
		placeholders(len(c)+3)+")", append(append([]any{s.InfoType, s.CountryNo}, a...), 1)...)
	switch {
	case err == nil:
		return true, nil
	case db.dialect.isDuplicate(err):
		return false, nil // made since the UPDATE, by another engine
	}
	return false, err
}

// check refuses values that do not fit their columns.
func (s *AlertState) check() error {
	for _, f := range []struct {
		col string
		v   *string
		max int
	}{{"rule_no", s.RuleNo, 32}, {"last_record", s.LastRecord, 32},
		{"ack_by", s.AckBy, 64}, {"last_sl_no", s.LastSlNo, 32}, {"muted_by", s.MutedBy, 32}} {
		if f.v != nil && len([]rune(*f.v)) > f.max {
			return invalid("yujing_alert_state", f.col, "%d characters, the column holds %d", len([]rune(*f.v)), f.max)
		}
	}
	if len(s.CountryNo) == 0 || len([]rune(s.CountryNo)) > 32 {
		return invalid("yujing_alert_state", "country_no", "%q: 1 to 32 characters", s.CountryNo)
	}
	return nil
}

// assignments is the SET list of a state's columns, with its arguments.
func (s *AlertState) assignments(now time.Time) (string, []any) {
	cols, args := s.columns(now)
	return strings.Join(cols, " = ?, ") + " = ?", args
}

// columns are the state's columns but the key and the version, with their
// values.
func (s *AlertState) columns(now time.Time) ([]string, []any) {
	tm := func(t *time.Time) any {
		if t == nil {
			return nil
		}
		return normTime(*t)
	}
	active := 0
	if s.Active {
		active = 1
	}
	cols := []string{"state", "active", "rule_no", "since", "firing_since", "last_window_end", "last_record", "last_kind",
		"bad_windows", "good_windows", "empty_windows", "last_notified", "notify_count",
		"escalation_level", "escalated_at", "next_due", "ack_by", "ack_at", "ack_until", "last_sl_no", "reason", "update_time", "muted_by"}
	return cols, []any{string(s.State), active, s.RuleNo, tm(s.Since), tm(s.FiringSince), tm(s.LastWindowEnd), s.LastRecord, int(s.LastKind),
		s.BadWindows, s.GoodWindows, s.EmptyWindows, tm(s.LastNotified), s.NotifyCount,
		s.EscalationLevel, tm(s.EscalatedAt), tm(s.NextDue), s.AckBy, tm(s.AckAt), tm(s.AckUntil), s.LastSlNo, clipReason(str(s.Reason)), now, s.MutedBy}
}

// DueAlertStates returns up to limit firing rows whose NextDue has come.
func (db *DB) DueAlertStates(ctx context.Context, now time.Time, limit int) ([]AlertState, error) {
	return db.selectStates(ctx, "WHERE next_due <= ? AND active = 1 ORDER BY next_due LIMIT ?", normTime(now), limit)
}

// AlertStates returns the rows that match the filter, ordered by id.
func (db *DB) AlertStates(ctx context.Context, f StateFilter) ([]AlertState, error) {
	where := []string{"id > ?"}
	args := []any{f.AfterID}
	if f.InfoType != nil {
		where, args = append(where, "info_type = ?"), append(args, *f.InfoType)
	}
	if f.CountryNo != "" {
		where, args = append(where, "country_no = ?"), append(args, f.CountryNo)
	}
	if len(f.Countries) > 0 {
		where = append(where, "country_no IN ("+placeholders(len(f.Countries))+")")
		for _, c := range f.Countries {
			args = append(args, c)
		}
	}
	if len(f.States) > 0 {
		where = append(where, "state IN ("+placeholders(len(f.States))+")")
		for _, s := range f.States {
			args = append(args, string(s))
		}
	}
	limit := f.Limit
	if limit <= 0 {
		limit = 500
	}
	return db.selectStates(ctx, "WHERE "+strings.Join(where, " AND ")+" ORDER BY id LIMIT ?", append(args, limit)...)
}

// execCount runs q in tx and returns how many rows it changed.
func execCount(ctx context.Context, tx *sqlx.Tx, q string, args ...any) (int64, error) {
	res, err := tx.ExecContext(ctx, q, args...)
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}
