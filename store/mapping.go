package store

import (
	"fmt"
	"reflect"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jmoiron/sqlx/reflectx"
	"github.com/shopspring/decimal"

	"github.com/yujing-go/yujing/internal/ids"
)

// mapping ties a table to its Go type: for every column, the struct field
// that holds it. It checks and prepares rows for writing.
type mapping struct {
	spec   *tableSpec
	typ    reflect.Type
	fields [][]int // field index path per spec.cols entry
	byName map[string]int
	list   string // the quoted column list for SELECT
}

// tables holds the mapping of every table, built once per DB.
type tables struct {
	channel, channelDetail, routing, template, countryTemplate, ruleRoute, rule *mapping
	sendLog, sendLogHist, histData, record, basicData, basicDataItem            *mapping
	all                                                                         []*mapping
}

func newTables() (*tables, error) {
	mapper := reflectx.NewMapperFunc("db", strings.ToLower)
	specs := map[string]*tableSpec{}
	for _, s := range schemaTables() {
		specs[s.name] = s
	}
	t := &tables{}
	for _, e := range []struct {
		dst   **mapping
		table string
		typ   any
	}{
		{&t.channel, tableChannel, Channel{}},
		{&t.channelDetail, tableChannelDetail, ChannelDetail{}},
		{&t.routing, tableRouting, Routing{}},
		{&t.template, tableTemplate, Template{}},
		{&t.countryTemplate, tableCountryTemplate, CountryTemplate{}},
		{&t.ruleRoute, tableRuleRoute, RuleRoute{}},
		{&t.rule, tableRule, Rule{}},
		{&t.sendLog, tableSendLog, SendLog{}},
		{&t.sendLogHist, tableSendLogHist, SendLogHist{}},
		{&t.histData, tableHistData, HistData{}},
		{&t.record, tableRecord, Record{}},
		{&t.basicData, tableBasicData, BasicData{}},
		{&t.basicDataItem, tableBasicDataItem, BasicDataItem{}},
	} {
		m, err := newMapping(mapper, specs[e.table], reflect.TypeOf(e.typ))
		if err != nil {
			return nil, err
		}
		*e.dst = m
		t.all = append(t.all, m)
	}
	return t, nil
}

func newMapping(mapper *reflectx.Mapper, spec *tableSpec, typ reflect.Type) (*mapping, error) {
	sm := mapper.TypeMap(typ)
	m := &mapping{spec: spec, typ: typ, byName: map[string]int{}}
	quoted := make([]string, len(spec.cols))
	for i, c := range spec.cols {
		fi := sm.GetByPath(c.name)
		if fi == nil {
			return nil, fmt.Errorf("store: %s.%s has no field in %s", spec.name, c.name, typ)
		}
		m.fields = append(m.fields, fi.Index)
		m.byName[c.name] = i
		quoted[i] = "`" + c.name + "`"
	}
	// Every db-tagged leaf field must be a column, or reads would miss it.
	for _, fi := range sm.Index {
		if len(fi.Children) == 0 && fi.Field.Tag.Get("db") != "" {
			if _, ok := m.byName[fi.Path]; !ok {
				return nil, fmt.Errorf("store: field %s.%s has no column in %s", typ, fi.Field.Name, spec.name)
			}
		}
	}
	m.list = strings.Join(quoted, ", ")
	return m, nil
}

// insertColumns are the columns an INSERT writes: all but the primary key.
func (m *mapping) insertColumns() []column { return m.spec.cols[1:] }

// field returns the addressable field of row v that holds column i. (Not
// reflectx.FieldByIndexes: it allocates nil pointers on the way, which
// would turn NULLs into zero values.)
func (m *mapping) field(v reflect.Value, i int) reflect.Value {
	return v.FieldByIndex(m.fields[i])
}

// MySQL TIMESTAMP holds 1970-01-01 00:00:01 to 2038-01-19 03:14:07 UTC; the
// store refuses times outside on both backends, so they behave alike.
var (
	minTime = time.Date(1970, 1, 1, 0, 0, 1, 0, time.UTC)
	maxTime = time.Date(2038, 1, 19, 3, 14, 7, 0, time.UTC)
)

// normTime is how a time is stored: UTC, whole seconds.
func normTime(t time.Time) time.Time { return t.UTC().Truncate(time.Second) }

// prepareInsert fills the row's defaults in place (generated code, the
// seed's column defaults, create and update time) and appends the values of
// its insert columns to args, checking each against its column.
func (m *mapping) prepareInsert(v reflect.Value, now time.Time, args []any) ([]any, error) {
	for i := 1; i < len(m.spec.cols); i++ {
		c := &m.spec.cols[i]
		f := m.field(v, i)
		switch {
		case c.name == m.spec.codeCol:
			if s, _ := deref(f).(string); s == "" {
				setString(f, ids.New(m.spec.prefix, now))
			}
		case c.name == "claim_until":
			// claim_until marks the row as the library's (see the package
			// documentation): a row inserted without one is free at once.
			if f.IsNil() {
				f.Set(reflect.ValueOf(new(freeSince)))
			}
		case c.name == "create_time" || c.name == "update_time":
			if f.IsNil() {
				f.Set(reflect.ValueOf(new(now)))
			}
		case c.def != nil:
			if f.IsNil() {
				p := reflect.New(f.Type().Elem())
				p.Elem().SetInt(int64(c.def.(int)))
				f.Set(p)
			}
		}
		a, err := m.value(c, f)
		if err != nil {
			return nil, err
		}
		args = append(args, a)
	}
	return args, nil
}

// value checks field f against column c and returns the driver argument.
func (m *mapping) value(c *column, f reflect.Value) (any, error) {
	if f.Kind() == reflect.Pointer {
		if f.IsNil() {
			if c.notNull {
				return nil, invalid(m.spec.name, c.name, "required")
			}
			return nil, nil
		}
		f = f.Elem()
	}
	return checkValue(m.spec.name, c, f.Interface())
}

// checkValue checks one value against its column and returns it in the form
// the drivers store: strings, int64, decimal text, UTC times.
func checkValue(table string, c *column, v any) (any, error) {
	switch c.kind {
	case kindVarchar:
		s := asString(v)
		if len(s) > c.size { // fast path: fewer bytes than the limit means fewer characters too
			if n := utf8.RuneCountInString(s); n > c.size {
				return nil, invalid(table, c.name, "%d characters, at most %d", n, c.size)
			}
		}
		if !utf8.ValidString(s) {
			return nil, invalid(table, c.name, "not valid UTF-8")
		}
		if c.notNull && s == "" {
			return nil, invalid(table, c.name, "required")
		}
		return s, nil
	case kindText:
		s := asString(v)
		if len(s) > 65535 {
			return nil, invalid(table, c.name, "%d bytes, at most 65535", len(s))
		}
		return s, nil
	case kindInt:
		n := reflect.ValueOf(v).Int()
		if n < -1<<31 || n > 1<<31-1 {
			return nil, invalid(table, c.name, "%d does not fit a 32-bit integer", n)
		}
		return n, nil
	case kindDecimal:
		d := v.(decimal.Decimal)
		if err := fitsDecimal(d, c.precision, c.scale); err != nil {
			return nil, invalid(table, c.name, "%s", err)
		}
		return d.String(), nil
	case kindTime:
		t := normTime(v.(time.Time))
		if t.Before(minTime) || t.After(maxTime) {
			return nil, invalid(table, c.name, "%s is outside the TIMESTAMP range %s to %s",
				t.Format(time.RFC3339), minTime.Format(time.RFC3339), maxTime.Format(time.RFC3339))
		}
		return t, nil
	}
	return v, nil
}

func asString(v any) string {
	if s, ok := v.(string); ok {
		return s
	}
	return reflect.ValueOf(v).String()
}

// setString stores s in a string or *string field.
func setString(f reflect.Value, s string) {
	if f.Kind() == reflect.Pointer {
		f.Set(reflect.ValueOf(&s))
		return
	}
	f.SetString(s)
}

func deref(f reflect.Value) any {
	if f.Kind() == reflect.Pointer {
		if f.IsNil() {
			return nil
		}
		f = f.Elem()
	}
	return f.Interface()
}

// fitsDecimal reports whether d fits decimal(p,s) exactly: no more than s
// digits after the point (they would be rounded) and no more than p-s
// before it (the server would refuse or clip).
func fitsDecimal(d decimal.Decimal, p, s int) error {
	if exp := d.Exponent(); exp < 0 && !d.Equal(d.Truncate(int32(s))) {
		return fmt.Errorf("%s has more than %d decimal places", d, s)
	}
	limit := decimal.New(1, int32(p-s))
	if d.Abs().GreaterThanOrEqual(limit) {
		return fmt.Errorf("%s does not fit decimal(%d,%d)", d, p, s)
	}
	return nil
}

// reflectValue returns the addressable struct behind a pointer.
func reflectValue(p any) reflect.Value { return reflect.ValueOf(p).Elem() }
