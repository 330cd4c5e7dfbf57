package storetest

import (
	"reflect"
	"testing"

	"github.com/yujing-go/yujing/store"
)

// testRoundTrip writes a row with every column at its limit (longest
// Chinese text, widest decimals, latest time) and a row with every nullable
// column NULL into each of the 13 tables, and reads both back unchanged.
func testRoundTrip(t *testing.T, open OpenDB) {
	db := open(t)
	for _, ti := range store.Schema() {
		t.Run(ti.Name, func(t *testing.T) {
			for _, mk := range []struct {
				name  string
				row   func(store.TableInfo, int) reflect.Value
				first int
			}{{"full", fullRow, 0}, {"nulls", nullRow, 2}} {
				for variant := mk.first; variant < mk.first+2; variant++ {
					row := mk.row(ti, variant)
					slice := reflect.New(reflect.SliceOf(row.Type().Elem()))
					slice.Elem().Set(reflect.Append(slice.Elem(), row.Elem()))
					n, err := db.Insert(ctx, slice.Interface())
					if err != nil {
						t.Fatalf("%s row %d: insert: %v", mk.name, variant, err)
					}
					if n != 1 {
						t.Fatalf("%s row %d: inserted %d rows", mk.name, variant, n)
					}
					want := slice.Elem().Index(0) // with the defaults the store filled in
					var id int64
					if err := db.SQL().GetContext(ctx, &id, "SELECT MAX(id) FROM "+ti.Name); err != nil {
						t.Fatal(err)
					}
					got := reflect.New(reflect.SliceOf(row.Type().Elem()))
					if err := db.Select(ctx, got.Interface(), "WHERE `id` = ?", id); err != nil {
						t.Fatalf("%s row %d: select: %v", mk.name, variant, err)
					}
					if got.Elem().Len() != 1 {
						t.Fatalf("%s row %d: read %d rows", mk.name, variant, got.Elem().Len())
					}
					field(want, "id").SetInt(id)
					equalRows(t, ti, want, got.Elem().Index(0))
				}
			}
		})
	}
}
