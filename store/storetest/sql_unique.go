package storetest

import (
	"context"
	"errors"
	"reflect"
	"testing"

	"github.com/yujing-go/yujing/store"
)

// insertOne inserts the row (a pointer to a table struct) through the
// generic Insert.
func insertOne(ctx context.Context, db *store.DB, row reflect.Value) error {
	slice := reflect.New(reflect.SliceOf(row.Type().Elem()))
	slice.Elem().Set(reflect.Append(slice.Elem(), row.Elem()))
	_, err := db.Insert(ctx, slice.Interface())
	return err
}

func columnInfo(ti store.TableInfo, name string) store.ColumnInfo {
	for _, c := range ti.Columns {
		if c.Name == name {
			return c
		}
	}
	panic(ti.Name + " has no column " + name)
}

// testUniqueKeys checks every unique key the seed declares: a second row
// with the same key values is refused with ErrDuplicate, and rows whose key
// holds a NULL do not collide (as in MySQL, so in SQLite).
func testUniqueKeys(t *testing.T, open OpenDB) {
	db := open(t)
	variant := 0
	next := func() int { variant += 2; return variant }
	for _, ti := range store.Schema() {
		for _, uk := range ti.UniqueKeys {
			t.Run(ti.Name+"/"+joinCols(uk), func(t *testing.T) {
				a := fullRow(ti, next())
				if err := insertOne(ctx, db, a); err != nil {
					t.Fatalf("first row: %v", err)
				}
				b := fullRow(ti, next())
				for _, col := range uk {
					field(b.Elem(), col).Set(field(a.Elem(), col))
				}
				err := insertOne(ctx, db, b)
				if !errors.Is(err, store.ErrDuplicate) {
					t.Fatalf("second row with the same %v: want ErrDuplicate, got %v", uk, err)
				}
				// A NULL in a nullable key column never collides.
				for _, col := range uk {
					c := columnInfo(ti, col)
					if c.NotNull || c.Default != nil || len(uk) == 1 {
						continue
					}
					for range 2 {
						r := fullRow(ti, next())
						for _, k := range uk {
							field(r.Elem(), k).Set(field(a.Elem(), k))
						}
						field(r.Elem(), col).Set(reflect.Zero(field(r.Elem(), col).Type()))
						if err := insertOne(ctx, db, r); err != nil {
							t.Fatalf("row with NULL %s: %v", col, err)
						}
					}
					break
				}
			})
		}
	}
}

func joinCols(cols []string) string {
	out := ""
	for i, c := range cols {
		if i > 0 {
			out += ","
		}
		out += c
	}
	return out
}
