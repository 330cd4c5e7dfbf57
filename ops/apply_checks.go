package ops

import (
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"strings"

	"github.com/yujing-go/yujing/store"
)

// The checks made before anything is written. The configuration API makes
// the store's checks again when it writes; these find every problem of a
// file at once, with its line.

func enabled(b *bool) bool { return b == nil || *b }

func nonEmpty(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func invalidf(table, col, format string, args ...any) error {
	return &store.ValidationError{Table: table, Column: col, Reason: fmt.Sprintf(format, args...)}
}

// need refuses a required field the file leaves out.
func need(table, col string, ok bool) error {
	if ok {
		return nil
	}
	return invalidf(table, col, "required")
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

// countryCode is what the store takes as a country_no.
var countryCode = regexp.MustCompile(`^(\*|[A-Z0-9]{2,3})$`)

func checkCountry(table, code string) error {
	if countryCode.MatchString(code) {
		return nil
	}
	return invalidf(table, "country_no", "%q is not a country code (\"*\", or 2–3 upper-case letters or digits such as PH)", code)
}

// engineCheck runs one of the engine's checks, naming table and column
// when the error does not name its own.
func engineCheck[T any](table, col string, check func(T) error, v T) error {
	if check == nil {
		return nil
	}
	err := check(v)
	if err == nil {
		return nil
	}
	if _, ok := errors.AsType[*store.ValidationError](err); ok {
		return err
	}
	return &store.ValidationError{Table: table, Column: col, Reason: err.Error(), Err: err}
}

// scene checks an info_type against the engine's scenes.
func (p *planner) scene(table string, infoType *int) error {
	if infoType == nil {
		return invalidf(table, "info_type", "required")
	}
	return engineCheck(table, "info_type", p.v.Scene, *infoType)
}

// ref refuses a reference to a code neither in the file nor in the
// database (the kinds referred to are planned first).
func (p *planner) ref(table, col, section, code string) error {
	if code == "" {
		return invalidf(table, col, "required")
	}
	if p.known[section][code] {
		return nil
	}
	return invalidf(table, col, "%q is neither in the file's %s nor in the database", code, section)
}

// lengths refuses a text field longer than its column (store.ColumnLimit).
func lengths(table string, row any) error {
	return lengthsOf(table, reflect.ValueOf(row).Elem())
}

func lengthsOf(table string, v reflect.Value) error {
	for i := 0; i < v.NumField(); i++ {
		f, sf := v.Field(i), v.Type().Field(i)
		if sf.Anonymous && f.Kind() == reflect.Struct {
			if err := lengthsOf(table, f); err != nil {
				return err
			}
			continue
		}
		col, _, _ := strings.Cut(sf.Tag.Get("db"), ",")
		if f.Kind() == reflect.Pointer {
			if f.IsNil() {
				continue
			}
			f = f.Elem()
		}
		if col == "" || f.Kind() != reflect.String {
			continue
		}
		if limit, n := store.ColumnLimit(table, col), len([]rune(f.String())); limit > 0 && n > limit {
			return invalidf(table, col, "%d characters, at most %d", n, limit)
		}
	}
	return nil
}
