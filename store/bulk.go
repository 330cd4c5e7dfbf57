package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"
)

// rowUpdate is the new values of one claimed row: columns and values in
// step. A column a row leaves out keeps its value.
type rowUpdate struct {
	id   int64
	cols []string
	vals []any
}

func (u *rowUpdate) set(col string, val any) {
	u.cols = append(u.cols, col)
	u.vals = append(u.vals, val)
}

// finishClaimed writes the new values of claimed rows and releases their
// claim (claim_owner NULL), guarded by the owner token so that a late or
// duplicate completion changes nothing. notBefore gives each row's
// claim_until after release (nil: NULL, free at once). Rows are written in
// set-based statements of up to 500: a column every row sets to one value
// becomes "col = ?", others "col = CASE id WHEN … THEN … ELSE col END". It
// returns how many rows were written; when some claims were lost, that
// count with ErrClaimLost ("finish <what>: …").
func (db *DB) finishClaimed(ctx context.Context, ex sqlx.ExecerContext, m *mapping, what, owner string, now time.Time, rows []rowUpdate) (int64, error) {
	var total int64
	for start := 0; start < len(rows); start += 500 {
		chunk := rows[start:min(start+500, len(rows))]
		q, args := bulkUpdateSQL(m.spec.name, owner, now, chunk)
		n, err := db.exec(ctx, ex, q, args...)
		if err != nil {
			return total, fmt.Errorf("update %s: %w", m.spec.name, err)
		}
		total += n
	}
	if total < int64(len(rows)) {
		return total, fmt.Errorf("finish %s: %d of %d: %w", what, len(rows)-int(total), len(rows), ErrClaimLost)
	}
	return total, nil
}

func bulkUpdateSQL(table, owner string, now time.Time, rows []rowUpdate) (string, []any) {
	type cell struct {
		id  int64
		val any
	}
	var order []string
	cells := map[string][]cell{}
	for _, r := range rows {
		for i, c := range r.cols {
			if _, ok := cells[c]; !ok {
				order = append(order, c)
			}
			cells[c] = append(cells[c], cell{r.id, r.vals[i]})
		}
	}
	var b strings.Builder
	var args []any
	b.WriteString("UPDATE " + table + " SET ")
	for _, c := range order {
		cs := cells[c]
		b.WriteString("`" + c + "` = ")
		if len(cs) == len(rows) && allEqual(cs, func(x cell) any { return x.val }) {
			b.WriteString("?, ")
			args = append(args, cs[0].val)
			continue
		}
		b.WriteString("CASE `id`")
		for _, x := range cs {
			b.WriteString(" WHEN ? THEN ?")
			args = append(args, x.id, x.val)
		}
		b.WriteString(" ELSE `" + c + "` END, ")
	}
	b.WriteString("`claim_owner` = NULL, `update_time` = ? WHERE `claim_owner` = ? AND `id` IN (" + placeholders(len(rows)) + ")")
	args = append(args, now, owner)
	for _, r := range rows {
		args = append(args, r.id)
	}
	return b.String(), args
}

func allEqual[T any](xs []T, key func(T) any) bool {
	for _, x := range xs[1:] {
		if key(x) != key(xs[0]) {
			return false
		}
	}
	return true
}

// freeSince is the claim_until of a row that is free at once: the earliest
// time a TIMESTAMP holds. Rows inserted without a claim_until and released
// rows get it, whatever the clocks of the engines that share the database.
var freeSince = time.Date(1970, 1, 1, 0, 0, 1, 0, time.UTC)

// freeAt is a released row's claim_until: t, or now for the zero time (free
// at once). Never NULL: a NULL claim_until marks a row the library did not
// write (see "Rows another system wrote" in the package documentation).
func freeAt(t, now time.Time) time.Time {
	if t.IsZero() {
		return normTime(now)
	}
	return normTime(t)
}

// clipReason shortens a reason to its column, marking the cut visibly.
func clipReason(s string) any {
	if s == "" {
		return nil
	}
	r := []rune(s)
	if len(r) <= ReasonMax {
		return s
	}
	return string(r[:ReasonMax-1]) + "…"
}
