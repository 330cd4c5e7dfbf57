package storetest

import (
	"errors"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/yujing-go/yujing/store"
)

func count(t *testing.T, db *store.DB, table, where string, args ...any) int {
	t.Helper()
	var n int
	if err := db.SQL().GetContext(ctx, &n, "SELECT COUNT(*) FROM "+table+" "+where, args...); err != nil {
		t.Fatal(err)
	}
	return n
}

// testTransactions: a statement that fails inside a transaction leaves
// nothing of the transaction behind.
func testTransactions(t *testing.T, open OpenDB) {
	db := open(t)

	// A duplicate key in the second statement undoes the first.
	err := db.InTx(ctx, func(tx *store.Tx) error {
		rows := records(3, t0)
		if _, err := tx.Insert(ctx, &rows); err != nil {
			return err
		}
		again := records(1, t0) // the same window and country as rows[0]
		_, err := tx.Insert(ctx, &again)
		return err
	})
	if !errors.Is(err, store.ErrDuplicate) {
		t.Fatalf("want ErrDuplicate, got %v", err)
	}
	if n := count(t, db, "monitor_record", ""); n != 0 {
		t.Fatalf("%d records survived a failed transaction", n)
	}

	// A channel whose detail does not fit is not created either.
	_, err = db.UncheckedConfig().CreateChannel(ctx, store.Channel{ChannelName: new("ops")}, []store.ChannelDetail{
		{DataKey: new("key"), DataValue: new("ok")},
		{DataKey: new("to"), DataValue: new(strings.Repeat("x", 129))},
	})
	var ve *store.ValidationError
	if !errors.As(err, &ve) || ve.Table != "monitor_channel_detail" || ve.Column != "data_value" {
		t.Fatalf("want a validation error on monitor_channel_detail.data_value, got %v", err)
	}
	if n := count(t, db, "monitor_channel", ""); n != 0 {
		t.Fatalf("the channel was created although its details failed")
	}

	// A report whose item does not fit leaves neither report nor items.
	bd := report("PH")
	items := []store.BasicDataItem{
		{CaseID: new("A1"), RepaymentMoney: new(decimal.RequireFromString("1.5"))},
		{CaseID: new("A2"), RepaymentMoney: new(decimal.RequireFromString("1.123456789"))}, // 9 places: too many
	}
	if _, err := db.InsertBasicDataWithItems(ctx, &bd, items); !errors.As(err, &ve) {
		t.Fatalf("want a validation error, got %v", err)
	}
	if n := count(t, db, "monitor_basic_data", ""); n != 0 {
		t.Fatalf("report row survived its failed items")
	}
	if n := count(t, db, "monitor_basic_data_item", ""); n != 0 {
		t.Fatalf("%d items survived", n)
	}
}
