package storetest

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/yujing-go/yujing/store"
)

// tableTypes maps each table to its Go type.
func tableTypes() map[string]reflect.Type {
	return map[string]reflect.Type{
		"monitor_channel":         reflect.TypeFor[store.Channel](),
		"monitor_channel_detail":  reflect.TypeFor[store.ChannelDetail](),
		"monitor_routing":         reflect.TypeFor[store.Routing](),
		"monitor_mod":             reflect.TypeFor[store.Template](),
		"monitor_country_mod":     reflect.TypeFor[store.CountryTemplate](),
		"monitor_rule_route":      reflect.TypeFor[store.RuleRoute](),
		"monitor_rule":            reflect.TypeFor[store.Rule](),
		"monitor_send_log":        reflect.TypeFor[store.SendLog](),
		"monitor_send_log_hist":   reflect.TypeFor[store.SendLogHist](),
		"monitor_hist_data":       reflect.TypeFor[store.HistData](),
		"monitor_record":          reflect.TypeFor[store.Record](),
		"monitor_basic_data":      reflect.TypeFor[store.BasicData](),
		"monitor_basic_data_item": reflect.TypeFor[store.BasicDataItem](),
	}
}

// field finds the field tagged db:"col" in v, looking into embedded structs.
func field(v reflect.Value, col string) reflect.Value {
	for i := range v.NumField() {
		f := v.Type().Field(i)
		if f.Anonymous {
			if r := field(v.Field(i), col); r.IsValid() {
				return r
			}
			continue
		}
		if f.Tag.Get("db") == col {
			return v.Field(i)
		}
	}
	return reflect.Value{}
}

// fullValue is a value that fills column c to its limit: the longest text
// (Chinese characters count as one), the largest decimal, the latest time.
// variant makes values of different rows differ.
func fullValue(c store.ColumnInfo, variant int) any {
	switch c.Type {
	case "varchar":
		prefix := fmt.Sprintf("%d;=\\", variant)
		return prefix + strings.Repeat("警", c.Size-len([]rune(prefix)))
	case "text":
		return fmt.Sprintf(`{"v":%d,"note":"%s"}`, variant, strings.Repeat("预警;=\\", 1000))
	case "int":
		return 2147483647 - variant
	case "decimal":
		digits := strings.Repeat("9", c.Precision-c.Scale) + "." + strings.Repeat("9", c.Scale-1) + fmt.Sprint(9-variant%10)
		if variant%2 == 1 {
			digits = "-" + digits
		}
		return decimal.RequireFromString(digits)
	case "timestamp":
		return time.Date(2037, 12, 31, 23, 59, 59, 0, time.UTC).Add(-time.Duration(variant) * time.Hour)
	}
	panic("unknown column type " + c.Type)
}

// setValue stores x in field f (a pointer field, or a plain one).
func setValue(f reflect.Value, x any) {
	if f.Kind() == reflect.Pointer {
		if x == nil {
			f.Set(reflect.Zero(f.Type()))
			return
		}
		p := reflect.New(f.Type().Elem())
		p.Elem().Set(reflect.ValueOf(x).Convert(f.Type().Elem()))
		f.Set(p)
		return
	}
	f.Set(reflect.ValueOf(x).Convert(f.Type()))
}

// fullRow returns a pointer to a row of the table with every column at
// its limit.
func fullRow(ti store.TableInfo, variant int) reflect.Value {
	row := reflect.New(tableTypes()[ti.Name])
	for _, c := range ti.Columns {
		if c.Type == "bigint" {
			continue
		}
		setValue(field(row.Elem(), c.Name), fullValue(c, variant))
	}
	return row
}

// nullRow returns a pointer to a row with every nullable column NULL and
// the others at their limit.
func nullRow(ti store.TableInfo, variant int) reflect.Value {
	row := reflect.New(tableTypes()[ti.Name])
	for _, c := range ti.Columns {
		if c.NotNull && c.Type != "bigint" {
			setValue(field(row.Elem(), c.Name), fullValue(c, variant))
		}
	}
	return row
}

// equalRows compares every column of two rows: decimals by value, times as
// instants, the rest exactly. It reports each difference.
func equalRows(t *testing.T, ti store.TableInfo, want, got reflect.Value) {
	t.Helper()
	for _, c := range ti.Columns {
		w, g := field(want, c.Name), field(got, c.Name)
		if w.Kind() == reflect.Pointer {
			if w.IsNil() || g.IsNil() {
				if w.IsNil() != g.IsNil() {
					t.Errorf("%s.%s: want %v, got %v", ti.Name, c.Name, show(w), show(g))
				}
				continue
			}
			w, g = w.Elem(), g.Elem()
		}
		var same bool
		switch x := w.Interface().(type) {
		case decimal.Decimal:
			same = x.Equal(g.Interface().(decimal.Decimal))
		case time.Time:
			same = x.Equal(g.Interface().(time.Time)) && g.Interface().(time.Time).Location() == time.UTC
		default:
			same = reflect.DeepEqual(w.Interface(), g.Interface())
		}
		if !same {
			t.Errorf("%s.%s: want %v, got %v", ti.Name, c.Name, show(w), show(g))
		}
	}
}

func show(v reflect.Value) string {
	if v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return "NULL"
		}
		v = v.Elem()
	}
	s := fmt.Sprint(v.Interface())
	if t, ok := v.Interface().(time.Time); ok {
		s = t.Format(time.RFC3339) + " (" + t.Location().String() + ")"
	}
	if len(s) > 80 {
		s = s[:80] + "…"
	}
	return s
}
