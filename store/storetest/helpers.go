package storetest

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/yujing-go/yujing/store"
)

// Helpers both parts of the suite use.

var t0 = time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC)

// ctx is the context of every call of the suite: no test cancels one.
var ctx = context.Background()

// records makes n waiting records of scene 7, one per country, in the
// window starting at begin.
func records(n int, begin time.Time) []store.Record {
	out := make([]store.Record, n)
	end := begin.Add(10 * time.Minute)
	for i := range out {
		out[i] = store.Record{InfoType: new(7), CountryNo: new(fmt.Sprintf("C%04d", i)), BeginTime: &begin, EndTime: &end,
			CompareVal: new("0.9500"), Content: new("numerator=95;denominator=100")}
	}
	return out
}

func sendLog(country string, due time.Time, content string) store.SendLog {
	return store.SendLog{CountryNo: new(country), InfoType: new(1), ExpectSendTime: &due, ModNo: new("MD1"), Content: new(content)}
}

// insertRecords inserts rows, failing the test on an error.
func insertRecords(t *testing.T, db store.Store, rows []store.Record) {
	t.Helper()
	if _, err := db.InsertRecords(ctx, rows); err != nil {
		t.Fatal(err)
	}
}

// enqueue enqueues logs at now, failing the test on an error.
func enqueue(t *testing.T, db store.Store, now time.Time, logs ...store.SendLog) []store.EnqueueResult {
	t.Helper()
	res, err := db.EnqueueSendLogs(ctx, now, logs)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// claimSendLogs claims, at t0 for a minute, up to 10 due send logs, failing
// the test ("<what>: …") unless it gets want of them.
func claimSendLogs(t *testing.T, db store.Store, want int, what string) []store.SendLog {
	t.Helper()
	claimed, err := db.ClaimSendLogs(ctx, store.ClaimRequest{Now: t0, Lease: time.Minute, Limit: 10})
	if err != nil || len(claimed) != want {
		t.Fatalf("%s: %d %v", what, len(claimed), err)
	}
	return claimed
}

// report is the report of the country named name for the day from t0.
func report(name string) store.BasicData {
	begin, end := t0, t0.Add(24*time.Hour)
	return store.BasicData{CountryName: new(name), BeginTime: &begin, EndTime: &end, InfoType: new(0)}
}

// reportItems are 25 detail rows of report groupNo (nil: set by the
// store) with the widest and the smallest amounts.
func reportItems(groupNo *string) []store.BasicDataItem {
	var items []store.BasicDataItem
	for i := range 25 {
		items = append(items, store.BasicDataItem{GroupNo: groupNo, CaseID: new("CASE" + string(rune('A'+i))),
			RepaymentMoney: new(decimal.RequireFromString("123456789012.12345678")), PracticalRepaymentMoney: new(decimal.RequireFromString("-0.00000001"))})
	}
	return items
}

// allItems reads the detail rows of report groupNo, 10 a page.
func allItems(t *testing.T, db store.Store, groupNo string) []store.BasicDataItem {
	t.Helper()
	var all []store.BasicDataItem
	var after int64
	for {
		page, err := db.BasicDataItems(ctx, groupNo, after, 10)
		if err != nil {
			t.Fatal(err)
		}
		if len(page) == 0 {
			return all
		}
		all = append(all, page...)
		after = page[len(page)-1].ID
	}
}

// uploadReport claims the one report waiting for its file, finishes it
// uploaded, and checks that report groupNo reads so.
func uploadReport(t *testing.T, db store.Store, groupNo string) {
	t.Helper()
	claimed, err := db.ClaimBasicData(ctx, store.ClaimRequest{Now: t0, Lease: time.Minute, Limit: 5})
	if err != nil || len(claimed) != 1 {
		t.Fatalf("claim: %d %v", len(claimed), err)
	}
	url := "file:///reports/PH.xlsx"
	if _, err := db.FinishBasicData(ctx, *claimed[0].ClaimOwner, t0, []store.BasicDataUpdate{{ID: claimed[0].ID, Status: store.BasicDataUploaded, FileURL: &url}}); err != nil {
		t.Fatal(err)
	}
	got, err := db.GetBasicData(ctx, groupNo)
	if err != nil || *got.Status != store.BasicDataUploaded || *got.FileURL != url {
		t.Fatalf("report after upload: %+v %v", got, err)
	}
}

// basicConfig creates with cfg a rule, a channel and a realtime template
// of scene infoType, failing the test on an error.
func basicConfig(t *testing.T, cfg *store.Config, infoType int) (store.Rule, store.Channel, store.Template) {
	t.Helper()
	r, err := cfg.CreateRule(ctx, store.Rule{FunCode: new("rate < 0.9")})
	if err != nil {
		t.Fatal(err)
	}
	ch, err := cfg.CreateChannel(ctx, store.Channel{ChannelName: new("ops")}, nil)
	if err != nil {
		t.Fatal(err)
	}
	tpl, err := cfg.CreateTemplate(ctx, store.Template{InfoType: new(infoType), SendType: new(store.SendRealtime), Content: new("{country}")})
	if err != nil {
		t.Fatal(err)
	}
	return r, ch, tpl
}

// valueSets shows the alerts a pending alert's content holds, " | " between.
func valueSets(t *testing.T, content string) string {
	t.Helper()
	sets, err := store.ValueSets(content)
	if err != nil {
		t.Fatalf("content %q: %v", content, err)
	}
	var parts []string
	for _, s := range sets {
		parts = append(parts, store.EncodeValues(s))
	}
	return strings.Join(parts, " | ")
}

func wantValidation(t *testing.T, err error, table, column string) {
	t.Helper()
	var ve *store.ValidationError
	if !errors.As(err, &ve) || ve.Table != table || ve.Column != column {
		t.Fatalf("want a validation error naming %s.%s, got %v", table, column, err)
	}
	if !strings.Contains(err.Error(), table+"."+column) {
		t.Fatalf("error %q does not name %s.%s", err, table, column)
	}
}

func firstKey(m map[string]int64) string {
	for k := range m {
		return k
	}
	return ""
}
