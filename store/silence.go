package store

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/yujing-go/yujing/internal/ids"
)

// Silence is a row of yujing_silence (migration 8): while it holds, the
// alerts it matches are not sent; each muted decision is recorded with the
// reason "muted by silence <SilenceNo>".
//
// Matchers are exact values or AnyMatch ("*"): InfoType (the scene, as
// text), CountryNo, ChannelNo, RuleNo. A one-off silence holds from
// StartsAt to EndsAt. A recurring one (Schedule set, e.g. "SUN 02:00-04:00"
// or "cron 0 2 * * 0 for 2h"; see package recurring) holds in the windows
// of its schedule, read in each country's time zone, between StartsAt and
// EndsAt (either nil: open). ExpiredAt ends it early; the row stays for
// the audit.
type Silence struct {
	ID        int64      `db:"id"`
	SilenceNo string     `db:"silence_no"` // generated when empty
	InfoType  string     `db:"info_type"`  // an info_type, or "*"
	CountryNo string     `db:"country_no"` // a country code, or "*"
	ChannelNo string     `db:"channel_no"` // a channel_no, or "*"
	RuleNo    string     `db:"rule_no"`    // a rule_no, or "*"
	StartsAt  *time.Time `db:"starts_at"`
	EndsAt    *time.Time `db:"ends_at"`
	Schedule  *string    `db:"schedule"`
	// NotifyResolved sends a resolve that happens during the silence (by
	// default it is muted too).
	NotifyResolved bool       `db:"notify_resolved"`
	CreatedBy      string     `db:"created_by"`
	Comment        *string    `db:"comment"`
	CreateTime     *time.Time `db:"create_time"`
	ExpiredBy      *string    `db:"expired_by"`
	ExpiredAt      *time.Time `db:"expired_at"`
	UpdateTime     *time.Time `db:"update_time"`
}

// AnyMatch is the matcher that matches every value.
const AnyMatch = "*"

// SilenceFilter selects silences. The zero filter lists those that are not
// expired, newest first.
type SilenceFilter struct {
	IncludeExpired bool
	AfterID        int64 // paging: rows with a smaller id (newest first)
	Limit          int   // default 500
}

// AlertEvent is a row of yujing_alert_event (migration 8): who did what,
// when, to an alert or a silence.
type AlertEvent struct {
	ID        int64     `db:"id"`
	EventTime time.Time `db:"event_time"`
	InfoType  *int      `db:"info_type"`
	CountryNo *string   `db:"country_no"`
	Kind      string    `db:"kind"`  // silence created, silence expired, acknowledged, unmuted
	Actor     *string   `db:"actor"` // who
	Ref       *string   `db:"ref"`   // the silence_no, or the sl_no of a message
	Detail    *string   `db:"detail"`
}

// Event kinds.
const (
	EventSilenceCreated = "silence created"
	EventSilenceExpired = "silence expired"
	EventAcknowledged   = "acknowledged"
	EventUnmuted        = "silence ended while firing"
)

// SilenceStore keeps silences and the alert audit.
type SilenceStore interface {
	// LiveSilences returns the silences that are not expired and do not
	// end before since.
	LiveSilences(ctx context.Context, since time.Time) ([]Silence, error)
	// AddAlertEvents appends to the audit.
	AddAlertEvents(ctx context.Context, events []AlertEvent) error
	// AlertEvents returns the audit of a scene × country (infoType nil and
	// country "": every event), newest first, up to limit.
	AlertEvents(ctx context.Context, infoType *int, country string, limit int) ([]AlertEvent, error)
}

const silenceCols = "id, silence_no, info_type, country_no, channel_no, rule_no, starts_at, ends_at, schedule, notify_resolved, " +
	"created_by, comment, create_time, expired_by, expired_at, update_time"

func (db *DB) selectSilences(ctx context.Context, where string, args ...any) ([]Silence, error) {
	var out []Silence
	if err := db.x.SelectContext(ctx, &out, "SELECT "+silenceCols+" FROM yujing_silence "+where, args...); err != nil {
		return nil, fmt.Errorf("silences: %w", db.dialect.notMigrated(err))
	}
	for i := range out {
		for _, t := range []**time.Time{&out[i].StartsAt, &out[i].EndsAt, &out[i].CreateTime, &out[i].ExpiredAt, &out[i].UpdateTime} {
			if *t != nil {
				u := (*t).UTC()
				*t = &u
			}
		}
	}
	return out, nil
}

// LiveSilences returns the silences that are not expired and do not end
// before since.
func (db *DB) LiveSilences(ctx context.Context, since time.Time) ([]Silence, error) {
	return db.selectSilences(ctx, "WHERE expired_at IS NULL AND (ends_at IS NULL OR ends_at > ?) ORDER BY id", normTime(since))
}

// AddAlertEvents appends to the audit.
func (db *DB) AddAlertEvents(ctx context.Context, events []AlertEvent) error {
	return db.addAlertEvents(ctx, db.x, events)
}

func (db *DB) addAlertEvents(ctx context.Context, ex sqlx.ExecerContext, events []AlertEvent) error {
	for _, e := range events {
		if _, err := ex.ExecContext(ctx, "INSERT INTO yujing_alert_event (event_time, info_type, country_no, kind, actor, ref, detail) VALUES (?,?,?,?,?,?,?)",
			normTime(e.EventTime), e.InfoType, e.CountryNo, e.Kind, clip(e.Actor, 64), clip(e.Ref, 32), clip(e.Detail, ReasonMax)); err != nil {
			return fmt.Errorf("alert event: %w", db.dialect.notMigrated(err))
		}
	}
	return nil
}

// clip cuts a text to n characters (the audit keeps what fits).
func clip(s *string, n int) any {
	if s == nil {
		return nil
	}
	if r := []rune(*s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return *s
}

// AlertEvents returns the audit, newest first.
func (db *DB) AlertEvents(ctx context.Context, infoType *int, country string, limit int) ([]AlertEvent, error) {
	where, args := []string{"1 = 1"}, []any{}
	if infoType != nil {
		where, args = append(where, "info_type = ?"), append(args, *infoType)
	}
	if country != "" {
		where, args = append(where, "country_no = ?"), append(args, country)
	}
	if limit <= 0 {
		limit = 500
	}
	var out []AlertEvent
	err := db.x.SelectContext(ctx, &out, "SELECT id, event_time, info_type, country_no, kind, actor, ref, detail FROM yujing_alert_event WHERE "+
		strings.Join(where, " AND ")+" ORDER BY id DESC LIMIT ?", append(args, limit)...)
	if err != nil {
		return nil, fmt.Errorf("alert events: %w", db.dialect.notMigrated(err))
	}
	for i := range out {
		out[i].EventTime = out[i].EventTime.UTC()
	}
	return out, nil
}

// CreateSilence stores a silence, after the store's checks and the
// Validation's (the engine parses the schedule), with its code, the user
// as created_by, and an event in the audit. The configuration version
// moves, so every engine applies it on its next Tick.
func (c *Config) CreateSilence(ctx context.Context, s Silence) (Silence, error) {
	now := c.db.clock()
	if err := c.checkSilence(&s, now); err != nil {
		return Silence{}, err
	}
	if s.SilenceNo == "" {
		s.SilenceNo = ids.New("SI", now)
	}
	if s.CreatedBy == "" {
		s.CreatedBy = c.uid
	}
	s.CreateTime, s.UpdateTime = &now, &now
	err := c.db.inTx(ctx, func(tx *sqlx.Tx) error {
		res, err := tx.ExecContext(ctx, "INSERT INTO yujing_silence (silence_no, info_type, country_no, channel_no, rule_no, starts_at, ends_at, schedule, "+
			"notify_resolved, created_by, comment, create_time, update_time) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
			s.SilenceNo, s.InfoType, s.CountryNo, s.ChannelNo, s.RuleNo, timeArg(s.StartsAt), timeArg(s.EndsAt), s.Schedule,
			boolInt(s.NotifyResolved), s.CreatedBy, s.Comment, now, now)
		if err != nil {
			return err
		}
		if s.ID, err = res.LastInsertId(); err != nil {
			return err
		}
		detail := s.Describe()
		if err := c.db.addAlertEvents(ctx, tx, []AlertEvent{{EventTime: now, Kind: EventSilenceCreated, Actor: &s.CreatedBy, Ref: &s.SilenceNo, Detail: &detail}}); err != nil {
			return err
		}
		return c.db.bumpConfigVersion(ctx, tx)
	})
	if err != nil {
		return Silence{}, fmt.Errorf("create silence: %w", c.db.dialect.notMigrated(err))
	}
	return s, nil
}

// checkSilence fills the matchers' defaults and refuses what cannot work.
func (c *Config) checkSilence(s *Silence, now time.Time) error {
	const table = "yujing_silence"
	for _, m := range []*string{&s.InfoType, &s.CountryNo, &s.ChannelNo, &s.RuleNo} {
		if *m = strings.TrimSpace(*m); *m == "" {
			*m = AnyMatch
		}
	}
	if s.InfoType != AnyMatch {
		n, err := strconv.Atoi(s.InfoType)
		if err != nil {
			return invalid(table, "info_type", "%q: an info_type (a number) or *", s.InfoType)
		}
		if c.v.Scene != nil {
			if err := c.v.Scene(n); err != nil {
				return refused(table, "info_type", err)
			}
		}
	}
	if err := checkCountry(table, s.CountryNo); err != nil {
		return err
	}
	for _, f := range []struct {
		col string
		v   string
		n   int
	}{{"silence_no", s.SilenceNo, 32}, {"channel_no", s.ChannelNo, 32}, {"rule_no", s.RuleNo, 32}, {"created_by", s.CreatedBy, 64},
		{"comment", str(s.Comment), 255}, {"schedule", str(s.Schedule), 128}} {
		if len([]rune(f.v)) > f.n {
			return invalid(table, f.col, "%d characters, the column holds %d", len([]rune(f.v)), f.n)
		}
	}
	switch {
	case s.Schedule == nil && (s.StartsAt == nil || s.EndsAt == nil):
		return invalid(table, "ends_at", "a one-off silence needs starts_at and ends_at (or give it a schedule)")
	case s.StartsAt != nil && s.EndsAt != nil && !s.EndsAt.After(*s.StartsAt):
		return invalid(table, "ends_at", "ends at %s, not after it starts (%s)", s.EndsAt.UTC().Format(time.RFC3339), s.StartsAt.UTC().Format(time.RFC3339))
	case s.EndsAt != nil && !s.EndsAt.After(now):
		return invalid(table, "ends_at", "ends at %s, which has passed", s.EndsAt.UTC().Format(time.RFC3339))
	}
	if c.v.Silence != nil {
		return refused(table, "schedule", c.v.Silence(*s))
	}
	return nil
}

// ExpireSilence ends a silence now, as the user, with an event in the
// audit. Expiring an expired silence changes nothing.
func (c *Config) ExpireSilence(ctx context.Context, silenceNo string) error {
	if n := len([]rune(c.uid)); n > 64 {
		return invalid("yujing_silence", "expired_by", "the user has %d characters, the column holds 64", n)
	}
	now := c.db.clock()
	err := c.db.inTx(ctx, func(tx *sqlx.Tx) error {
		n, err := execCount(ctx, tx, "UPDATE yujing_silence SET expired_at = ?, expired_by = ?, update_time = ? WHERE silence_no = ? AND expired_at IS NULL",
			now, c.uid, now, silenceNo)
		if err != nil || n == 0 {
			return err
		}
		if err := c.db.addAlertEvents(ctx, tx, []AlertEvent{{EventTime: now, Kind: EventSilenceExpired, Actor: &c.uid, Ref: &silenceNo}}); err != nil {
			return err
		}
		return c.db.bumpConfigVersion(ctx, tx)
	})
	if err != nil {
		return fmt.Errorf("expire silence %s: %w", silenceNo, c.db.dialect.notMigrated(err))
	}
	return nil
}

// ListSilences lists silences, newest first.
func (c *Config) ListSilences(ctx context.Context, f SilenceFilter) ([]Silence, error) {
	where, args := []string{"1 = 1"}, []any{}
	if !f.IncludeExpired {
		where = append(where, "expired_at IS NULL")
	}
	if f.AfterID > 0 {
		where, args = append(where, "id < ?"), append(args, f.AfterID)
	}
	limit := f.Limit
	if limit <= 0 {
		limit = 500
	}
	return c.db.selectSilences(ctx, "WHERE "+strings.Join(where, " AND ")+" ORDER BY id DESC LIMIT ?", append(args, limit)...)
}

// GetSilence returns one silence by its code.
func (c *Config) GetSilence(ctx context.Context, silenceNo string) (Silence, error) {
	got, err := c.db.selectSilences(ctx, "WHERE silence_no = ?", silenceNo)
	if err != nil {
		return Silence{}, err
	}
	if len(got) == 0 {
		return Silence{}, fmt.Errorf("silence %s: %w", silenceNo, ErrNotFound)
	}
	return got[0], nil
}

// Describe says in words what the silence matches and when.
func (s *Silence) Describe() string {
	var b strings.Builder
	fmt.Fprintf(&b, "scene %s, country %s, channel %s, rule %s", s.InfoType, s.CountryNo, s.ChannelNo, s.RuleNo)
	if s.Schedule != nil {
		fmt.Fprintf(&b, ", every %s (country's time zone)", *s.Schedule)
	}
	if s.StartsAt != nil {
		fmt.Fprintf(&b, ", from %s", s.StartsAt.UTC().Format(time.RFC3339))
	}
	if s.EndsAt != nil {
		fmt.Fprintf(&b, " until %s", s.EndsAt.UTC().Format(time.RFC3339))
	}
	if s.Comment != nil && *s.Comment != "" {
		fmt.Fprintf(&b, ": %s", *s.Comment)
	}
	return b.String()
}

func timeArg(t *time.Time) any {
	if t == nil {
		return nil
	}
	return normTime(*t)
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
