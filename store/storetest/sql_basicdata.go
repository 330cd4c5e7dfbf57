package storetest

import (
	"testing"

	"github.com/shopspring/decimal"
)

// testBasicDataWithItems: a report written with its items in one
// transaction (InsertBasicDataWithItems, a *store.DB method), claimed and
// finished, paged.
func testBasicDataWithItems(t *testing.T, open OpenDB) {
	db := open(t)
	bd := report("菲律宾")
	items := reportItems(nil)
	ok, err := db.InsertBasicDataWithItems(ctx, &bd, items)
	if err != nil || !ok {
		t.Fatalf("insert: %v %v", ok, err)
	}
	dup := report("菲律宾")
	if ok, err := db.InsertBasicDataWithItems(ctx, &dup, items); err != nil || ok {
		t.Fatalf("second insert of the same window: %v %v", ok, err)
	}
	if n := count(t, db, "monitor_basic_data_item", ""); n != 25 {
		t.Fatalf("%d items, want 25", n)
	}
	all := allItems(t, db, *bd.GroupNo)
	if len(all) != 25 || !all[24].RepaymentMoney.Equal(decimal.RequireFromString("123456789012.12345678")) ||
		all[0].RepaymentMoney.String() != "123456789012.12345678" {
		t.Fatalf("paged %d items, amount %v", len(all), all[0].RepaymentMoney)
	}
	uploadReport(t, db, *bd.GroupNo)
}
