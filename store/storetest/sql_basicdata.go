package storetest

import (
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/yujing-go/yujing/store"
)

// testBasicDataWithItems: a report written with its items in one
// transaction (InsertBasicDataWithItems, a *store.DB method), claimed and
// finished, paged.
func testBasicDataWithItems(t *testing.T, open OpenDB) {
	db := open(t)
	begin, end := t0, t0.Add(24*time.Hour)
	bd := store.BasicData{CountryName: new("菲律宾"), BeginTime: &begin, EndTime: &end, InfoType: new(0)}
	var items []store.BasicDataItem
	for i := range 25 {
		items = append(items, store.BasicDataItem{CaseID: new("CASE" + string(rune('A'+i))),
			RepaymentMoney: new(decimal.RequireFromString("123456789012.12345678")), PracticalRepaymentMoney: new(decimal.RequireFromString("-0.00000001"))})
	}
	ok, err := db.InsertBasicDataWithItems(ctx, &bd, items)
	if err != nil || !ok {
		t.Fatalf("insert: %v %v", ok, err)
	}
	dup := store.BasicData{CountryName: new("菲律宾"), BeginTime: &begin, EndTime: &end, InfoType: new(0)}
	if ok, err := db.InsertBasicDataWithItems(ctx, &dup, items); err != nil || ok {
		t.Fatalf("second insert of the same window: %v %v", ok, err)
	}
	if n := count(t, db, "monitor_basic_data_item", ""); n != 25 {
		t.Fatalf("%d items, want 25", n)
	}
	var all []store.BasicDataItem
	var after int64
	for {
		page, err := db.BasicDataItems(ctx, *bd.GroupNo, after, 10)
		if err != nil {
			t.Fatal(err)
		}
		if len(page) == 0 {
			break
		}
		all = append(all, page...)
		after = page[len(page)-1].ID
	}
	if len(all) != 25 || !all[24].RepaymentMoney.Equal(decimal.RequireFromString("123456789012.12345678")) ||
		all[0].RepaymentMoney.String() != "123456789012.12345678" {
		t.Fatalf("paged %d items, amount %v", len(all), all[0].RepaymentMoney)
	}
	claimed, err := db.ClaimBasicData(ctx, store.ClaimRequest{Now: t0, Lease: time.Minute, Limit: 5})
	if err != nil || len(claimed) != 1 {
		t.Fatalf("claim: %d %v", len(claimed), err)
	}
	url := "file:///reports/PH.xlsx"
	if _, err := db.FinishBasicData(ctx, *claimed[0].ClaimOwner, t0, []store.BasicDataUpdate{{ID: claimed[0].ID, Status: store.BasicDataUploaded, FileURL: &url}}); err != nil {
		t.Fatal(err)
	}
	got, err := db.GetBasicData(ctx, *bd.GroupNo)
	if err != nil || *got.Status != store.BasicDataUploaded || *got.FileURL != url {
		t.Fatalf("report after upload: %+v %v", got, err)
	}
}
