package store

import (
	"context"
	"fmt"
	"reflect"
)

// Insert writes rows into their table: rows is a pointer to a slice of one
// of the 13 table types (e.g. *[]Record). Every value is checked against its
// column first (a text too long for its column, a decimal with too many
// digits or a time outside TIMESTAMP's range is refused with an error
// naming table and column). Generated codes, the seed's defaults and the
// create and update times are filled into the rows in place. A duplicate
// unique key fails with ErrDuplicate and writes none of the statement's rows.
func (db *DB) Insert(ctx context.Context, rows any) (int64, error) {
	m, err := db.mappingOf(rows)
	if err != nil {
		return 0, err
	}
	return db.insert(ctx, db.x, m, rows, false)
}

// Insert writes rows as DB.Insert does, inside the transaction.
func (tx *Tx) Insert(ctx context.Context, rows any) (int64, error) {
	m, err := tx.db.mappingOf(rows)
	if err != nil {
		return 0, err
	}
	return tx.db.insert(ctx, tx.x, m, rows, false)
}

// Select reads rows of one table into dst (a pointer to a slice of one of
// the 13 table types), with every column: where is the rest of the
// statement after FROM, e.g. "WHERE `status` = ? ORDER BY `id`".
func (db *DB) Select(ctx context.Context, dst any, where string, args ...any) error {
	m, err := db.mappingOf(dst)
	if err != nil {
		return err
	}
	return db.selectRows(ctx, db.x, m, dst, where, args...)
}

func (db *DB) mappingOf(rows any) (*mapping, error) {
	t := reflect.TypeOf(rows)
	if t == nil || t.Kind() != reflect.Pointer || t.Elem().Kind() != reflect.Slice {
		return nil, fmt.Errorf("store: want a pointer to a slice of a table type, got %T", rows)
	}
	for _, m := range db.t.all {
		if m.typ == t.Elem().Elem() {
			return m, nil
		}
	}
	return nil, fmt.Errorf("store: %s is not a table type", t.Elem().Elem())
}
