package store

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"

	"github.com/jmoiron/sqlx"
)

// Config is the configuration API over the platform tables: channels and
// their details, routing, templates, country-template mapping, rule routes
// and rules.
//
// Get one from the alert engine, which adds its checks:
//
//	cfg := engine.Config(db, store.AsUser("ops-42"))
//
// Every write checks its values against the columns (nothing is truncated:
// a value too long is refused with an error naming table and column),
// refuses a country code that is not "*" or 2–3 upper-case letters or
// digits, a reference to a row that does not exist and a row that repeats
// an enabled one, then
// runs the Validation it was given (the engine's: CEL, template
// placeholders, channel keys, known scenes). It generates the row's code
// when it is empty, once every check has passed, and fills
// create_uid/update_uid and create_time/update_time where the table has
// them. Every refusal is a *ValidationError.
type Config struct {
	db  *DB
	uid string
	v   Validation
}

// Validation holds the checks of other packages that Config runs before it
// writes; alert.Engine.Validation returns the engine's. A nil function
// skips that check. An error a function returns is wrapped in a
// *ValidationError naming the table and the column it is about, unless it
// is a *ValidationError itself.
type Validation struct {
	// Rule checks a rule's fun_code and threshold_val.
	Rule func(Rule) error
	// Template checks a template's texts (content, content_chinese, title)
	// and its schedule or slot (param4, param3).
	Template func(Template) error
	// Channel checks that a channel's type and enabled details make a
	// sender: required keys present, values well formed, no unknown key.
	Channel func(Channel, []ChannelDetail) error
	// Scene checks the info_type of a routing, rule route, country
	// template or template: a scene the engine knows.
	Scene func(infoType int) error
	// Silence checks a silence: its schedule parses.
	Silence func(Silence) error
}

// ConfigOption configures a Config.
type ConfigOption func(*Config)

// AsUser sets the id written to create_uid and update_uid ("-1", the
// system, by default).
func AsUser(uid string) ConfigOption { return func(c *Config) { c.uid = uid } }

// NewConfig returns the configuration API of db with the checks v (a zero
// Validation checks nothing beyond the store's own checks).
// alert.Engine.Config calls it with the engine's checks; hosts call that.
func NewConfig(db *DB, v Validation, opts ...ConfigOption) *Config {
	c := &Config{db: db, uid: "-1", v: v}
	for _, o := range opts {
		o(c)
	}
	return c
}

// UncheckedConfig returns the configuration API of the database without
// the engine's checks: a rule whose CEL does not compile, a template with
// an unknown placeholder, a channel that cannot send, a route for a scene
// no engine has are all stored, and fail only at run time. Only the
// store's own checks run (column sizes, required fields, country codes,
// references, duplicates). Write configuration through
// alert.Engine.Config instead; this is for tools and tests of the store
// itself.
func (db *DB) UncheckedConfig(opts ...ConfigOption) *Config {
	return NewConfig(db, Validation{}, opts...)
}

// Filter selects the rows a List call returns. Fields left nil match
// everything; InfoType and CountryNo apply to the tables that have them.
type Filter struct {
	InfoType  *int
	CountryNo *string
	Status    *ConfigStatus
}

// configTable is what the generic configuration code needs of a table.
type configTable struct {
	m       *mapping
	code    string   // the code column rows are addressed by
	ukCols  []string // the other columns of a unique key that includes status
	dupCols []string // the columns two enabled rows may not share all of
	hasUIDs bool
}

func (c *Config) table(m *mapping) configTable {
	t := configTable{m: m, code: m.spec.codeCol, hasUIDs: hasColumn(m, "create_uid")}
	switch m.spec.name {
	case tableRouting:
		t.ukCols = []string{"country_no", "channel_no", "info_type"}
		t.dupCols = []string{"info_type", "country_no", "channel_no"}
	case tableCountryTemplate:
		t.ukCols = []string{"country_no", "mod_no", "info_type"}
		t.dupCols = []string{"info_type", "country_no", "mod_no"}
	case tableRuleRoute:
		t.dupCols = []string{"info_type", "country_no", "rule_no"}
	case tableRule:
		t.dupCols = []string{"fun_code", "threshold_val"}
	}
	return t
}

func hasColumn(m *mapping, name string) bool { _, ok := m.byName[name]; return ok }

// fieldOf returns the addressable field of row (a struct pointer) for col.
func fieldOf(m *mapping, row any, col string) reflect.Value {
	return m.field(reflect.ValueOf(row).Elem(), m.byName[col])
}

// prepareWrite fills status, authors and stamps for a create (existing
// nil) or an update (existing holds the stored row).
func (c *Config) prepareWrite(t configTable, row, existing any) error {
	now := c.db.clock()
	st := fieldOf(t.m, row, "status")
	if st.IsNil() {
		st.Set(reflect.ValueOf(new(ConfigEnabled)))
	}
	if s := ConfigStatus(st.Elem().Int()); !s.Valid() {
		return invalid(t.m.spec.name, "status", "%d is not 0 (enabled), 1 (disabled) or 2 (voided)", s)
	}
	fieldOf(t.m, row, "update_time").Set(reflect.ValueOf(&now))
	if t.hasUIDs {
		fieldOf(t.m, row, "update_uid").Set(reflect.ValueOf(new(c.uid)))
	}
	if existing == nil {
		fieldOf(t.m, row, "create_time").Set(reflect.ValueOf(&now))
		if t.hasUIDs {
			fieldOf(t.m, row, "create_uid").Set(reflect.ValueOf(new(c.uid)))
		}
		return nil
	}
	reflect.ValueOf(row).Elem().FieldByName("ID").Set(reflect.ValueOf(existing).Elem().FieldByName("ID"))
	for _, col := range []string{"create_time", "create_uid"} {
		if hasColumn(t.m, col) {
			fieldOf(t.m, row, col).Set(fieldOf(t.m, existing, col))
		}
	}
	return nil
}

// create inserts row (a pointer to a table struct) after check and the
// duplicate check. An empty code is generated by the insert, after the
// checks, so that no error names a code that was never stored.
func (c *Config) create(ctx context.Context, ex sqlx.ExtContext, t configTable, row any, check func() error) error {
	if err := c.prepareWrite(t, row, nil); err != nil {
		return err
	}
	if err := check(); err != nil {
		return err
	}
	if err := c.refuseDuplicate(ctx, ex, t, row); err != nil {
		return err
	}
	slice := reflect.New(reflect.SliceOf(t.m.typ))
	slice.Elem().Set(reflect.Append(slice.Elem(), reflect.ValueOf(row).Elem()))
	if _, err := c.db.insert(ctx, ex, t.m, slice.Interface(), false); err != nil {
		if errors.Is(err, ErrDuplicate) {
			return fmt.Errorf("create %s: a row with the same unique key exists: %w", t.m.spec.name, ErrDuplicate)
		}
		return fmt.Errorf("create %s: %w", t.m.spec.name, c.db.dialect.notMigrated(err))
	}
	reflect.ValueOf(row).Elem().Set(slice.Elem().Index(0))
	return c.changed(ctx, ex, t.m.spec.name, codeOf(t, row), "created")
}

// codeOf returns the row's code, or "" when it has none.
func codeOf(t configTable, row any) string {
	s, _ := deref(fieldOf(t.m, row, t.code)).(string)
	return s
}

// update overwrites the stored row with the same code after check; id,
// code, create_uid and create_time keep their stored values.
func (c *Config) update(ctx context.Context, t configTable, row any, check func() error) error {
	code := codeOf(t, row)
	if code == "" {
		return invalid(t.m.spec.name, t.code, "required to update")
	}
	existing := reflect.New(t.m.typ).Interface()
	if err := c.get(ctx, c.db.x, t, code, existing); err != nil {
		return err
	}
	if err := c.prepareWrite(t, row, existing); err != nil {
		return err
	}
	if err := check(); err != nil {
		return err
	}
	if err := c.refuseDuplicate(ctx, c.db.x, t, row); err != nil {
		return err
	}
	var sets []string
	var args []any
	v := reflect.ValueOf(row).Elem()
	for i, col := range t.m.spec.cols {
		if col.kind == kindBigintPK || col.name == t.code || strings.HasPrefix(col.name, "create_") {
			continue
		}
		a, err := t.m.value(&t.m.spec.cols[i], t.m.field(v, i))
		if err != nil {
			return err
		}
		sets = append(sets, "`"+col.name+"` = ?")
		args = append(args, a)
	}
	args = append(args, code)
	_, err := c.db.x.ExecContext(ctx, "UPDATE "+t.m.spec.name+" SET "+strings.Join(sets, ", ")+" WHERE `"+t.code+"` = ?", args...)
	if err != nil {
		if c.db.dialect.isDuplicate(err) {
			return fmt.Errorf("update %s %s: a row with the same unique key exists: %w", t.m.spec.name, code, ErrDuplicate)
		}
		return fmt.Errorf("update %s %s: %w", t.m.spec.name, code, err)
	}
	return c.changed(ctx, c.db.x, t.m.spec.name, code, "updated")
}

// get reads the row with the code into dst (a pointer to a table struct).
func (c *Config) get(ctx context.Context, q sqlx.QueryerContext, t configTable, code string, dst any) error {
	slice := reflect.New(reflect.SliceOf(t.m.typ))
	if err := c.db.selectRows(ctx, q, t.m, slice.Interface(), "WHERE `"+t.code+"` = ?", code); err != nil {
		return c.db.dialect.notMigrated(err)
	}
	if slice.Elem().Len() == 0 {
		return fmt.Errorf("%s %s: %w", t.m.spec.name, code, ErrNotFound)
	}
	reflect.ValueOf(dst).Elem().Set(slice.Elem().Index(0))
	return nil
}

// list reads the rows matching f into dst (a pointer to a slice).
func (c *Config) list(ctx context.Context, t configTable, f Filter, dst any) error {
	var conds []string
	var args []any
	if f.InfoType != nil && hasColumn(t.m, "info_type") {
		conds = append(conds, "`info_type` = ?")
		args = append(args, *f.InfoType)
	}
	if f.CountryNo != nil && hasColumn(t.m, "country_no") {
		if t.m.spec.name == tableRuleRoute {
			conds = append(conds, "`country_no` IN (?, ?)")
			args = append(args, *f.CountryNo, AllCountries)
		} else {
			conds = append(conds, "`country_no` = ?")
			args = append(args, *f.CountryNo)
		}
	}
	if f.Status != nil {
		conds = append(conds, "`status` = ?")
		args = append(args, int(*f.Status))
	}
	where := ""
	if len(conds) > 0 {
		where = "WHERE " + strings.Join(conds, " AND ")
	}
	order := " ORDER BY `id`"
	if hasColumn(t.m, "sort") {
		order = " ORDER BY `sort` DESC, `id`"
	}
	return c.db.dialect.notMigrated(c.db.selectRows(ctx, c.db.x, t.m, dst, where+order, args...))
}

// setStatus enables, disables or voids the row with the code. Enabling a
// row that repeats another enabled row is refused (see refuseDuplicate).
// Where the seed's unique key includes status (routing, country
// templates), at most one row per key may be voided: voiding removes an
// older voided twin, and enabling or disabling next to a twin already in
// that status is refused.
func (c *Config) setStatus(ctx context.Context, t configTable, code string, s ConfigStatus) error {
	if !s.Valid() {
		return invalid(t.m.spec.name, "status", "%d is not 0 (enabled), 1 (disabled) or 2 (voided)", s)
	}
	now := c.db.clock()
	return c.db.inTx(ctx, func(tx *sqlx.Tx) error {
		row := reflect.New(t.m.typ).Interface()
		if err := c.get(ctx, tx, t, code, row); err != nil {
			return err
		}
		if s == ConfigEnabled {
			fieldOf(t.m, row, "status").Set(reflect.ValueOf(new(ConfigEnabled)))
			if err := c.refuseDuplicate(ctx, tx, t, row); err != nil {
				return err
			}
		}
		if len(t.ukCols) > 0 && s == ConfigVoided {
			conds := []string{"`status` = ?", "`" + t.code + "` <> ?"}
			args := []any{int(s), code}
			for _, col := range t.ukCols {
				conds = append(conds, "`"+col+"` <=> ?")
				args = append(args, deref(fieldOf(t.m, row, col)))
			}
			where := c.db.dialect.nullSafe(strings.Join(conds, " AND "))
			if _, err := tx.ExecContext(ctx, "DELETE FROM "+t.m.spec.name+" WHERE "+where, args...); err != nil {
				return fmt.Errorf("void %s %s: %w", t.m.spec.name, code, err)
			}
		}
		sets, args := "`status` = ?, `update_time` = ?", []any{int(s), now}
		if t.hasUIDs {
			sets += ", `update_uid` = ?"
			args = append(args, c.uid)
		}
		_, err := tx.ExecContext(ctx, "UPDATE "+t.m.spec.name+" SET "+sets+" WHERE `"+t.code+"` = ?", append(args, code)...)
		if err != nil {
			if c.db.dialect.isDuplicate(err) {
				return fmt.Errorf("set status of %s %s to %d: another row with the same key already has that status: %w",
					t.m.spec.name, code, s, ErrDuplicate)
			}
			return fmt.Errorf("set status of %s %s: %w", t.m.spec.name, code, err)
		}
		return c.changed(ctx, tx, t.m.spec.name, code, "status "+s.String())
	})
}

// required checks that a pointer field is set (and, for text, not empty).
func required(table, col string, v any) error {
	rv := reflect.ValueOf(v)
	if rv.Kind() == reflect.Pointer {
		if rv.IsNil() {
			return invalid(table, col, "required")
		}
		rv = rv.Elem()
	}
	if rv.Kind() == reflect.String && strings.TrimSpace(rv.String()) == "" {
		return invalid(table, col, "required")
	}
	return nil
}

// firstErr returns the first non-nil error.
func firstErr(errs ...error) error {
	for _, e := range errs {
		if e != nil {
			return e
		}
	}
	return nil
}
