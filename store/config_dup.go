package store

import (
	"context"
	"fmt"
	"reflect"
	"strings"

	"github.com/jmoiron/sqlx"
)

// Two enabled rows that say the same thing make the engine do the same
// work twice (a rule evaluated twice, an alert sent twice to one channel)
// or hide which one is meant. The configuration API refuses a row that
// repeats an enabled row in the columns that give it its meaning (the
// table's dupCols; for channels, their type and details), naming the row
// that is already there. Disabled and voided rows do not count, and a row
// written disabled is not checked until it is enabled.

// refuseDuplicate refuses row (a pointer to a table struct), when it is
// enabled, if another enabled row has the same values in t.dupCols. The
// error is a *ValidationError that wraps ErrDuplicate and names the other
// row's code. The query finds the candidates; the values are compared
// here, exactly (MySQL's default collations ignore case and trailing
// spaces, and `country == "ph"` is not `country == "PH"`).
func (c *Config) refuseDuplicate(ctx context.Context, q sqlx.QueryerContext, t configTable, row any) error {
	if len(t.dupCols) == 0 || !isEnabled(t, row) {
		return nil
	}
	conds := []string{"`status` = ?"}
	args := []any{int(ConfigEnabled)}
	for _, col := range t.dupCols {
		conds = append(conds, "`"+col+"` <=> ?")
		args = append(args, deref(fieldOf(t.m, row, col)))
	}
	code := codeOf(t, row)
	if code != "" {
		conds = append(conds, "(`"+t.code+"` IS NULL OR `"+t.code+"` <> ?)")
		args = append(args, code)
	}
	found := reflect.New(reflect.SliceOf(t.m.typ))
	where := "WHERE " + c.db.dialect.nullSafe(strings.Join(conds, " AND ")) + " ORDER BY `id`"
	if err := c.db.selectRows(ctx, q, t.m, found.Interface(), where, args...); err != nil {
		return fmt.Errorf("look for a duplicate in %s: %w", t.m.spec.name, c.db.dialect.notMigrated(err))
	}
	for i := range found.Elem().Len() {
		twin := found.Elem().Index(i).Addr().Interface()
		if sameValues(t, row, twin) {
			return duplicateOf(t.m.spec.name, t.dupCols, t.code, rowRef{ID: found.Elem().Index(i).FieldByName("ID").Int(), Code: codeOf(t, twin)})
		}
	}
	return nil
}

// sameValues reports whether rows a and b hold exactly the same values in
// t.dupCols.
func sameValues(t configTable, a, b any) bool {
	for _, col := range t.dupCols {
		if !reflect.DeepEqual(deref(fieldOf(t.m, a, col)), deref(fieldOf(t.m, b, col))) {
			return false
		}
	}
	return true
}

// rowRef is a row found by a check: its id and code.
type rowRef struct {
	ID   int64
	Code string
}

// duplicateOf is the error for a row that repeats the enabled row ref in
// cols of table. It names the last of cols, the one that points at what
// the row is about (a rule, a channel, a template).
func duplicateOf(table string, cols []string, codeCol string, ref rowRef) error {
	name := fmt.Sprintf("id %d", ref.ID)
	if ref.Code != "" {
		name = codeCol + " " + ref.Code
	}
	return &ValidationError{Table: table, Column: cols[len(cols)-1], Err: ErrDuplicate,
		Reason: fmt.Sprintf("the enabled row %s has the same %s; change or void that row instead of adding another", name, listCols(cols))}
}

// listCols writes "a, b and c".
func listCols(cols []string) string {
	if len(cols) == 1 {
		return cols[0]
	}
	return strings.Join(cols[:len(cols)-1], ", ") + " and " + cols[len(cols)-1]
}

// isEnabled reports whether row's status is enabled (prepareWrite has set
// it when it was empty).
func isEnabled(t configTable, row any) bool {
	st := fieldOf(t.m, row, "status")
	return !st.IsNil() && ConfigStatus(st.Elem().Int()) == ConfigEnabled
}
