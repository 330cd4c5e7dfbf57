package storetest

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/yujing-go/yujing/store"
)

// testFailedSlot: an alert for a slot whose row failed is not swallowed: it
// goes into the next second (within the seed's unique key), says why, and
// later alerts of the slot merge into it.
func testFailedSlot(t *testing.T, open OpenStore) {
	db := open(t)
	first := enqueue(t, db, t0, sendLog("PH", t0, "rate=0.5"))[0].SlNo
	claimed := claimSendLogs(t, db, 1, "claim")
	if _, err := db.FinishSendLogs(ctx, *claimed[0].ClaimOwner, t0, []store.SendLogUpdate{{ID: claimed[0].ID, Status: store.SendFailed,
		RetryTimes: new(0), Reason: "wecom: invalid webhook url"}}); err != nil {
		t.Fatal(err)
	}
	res := enqueue(t, db, t0.Add(time.Minute), sendLog("PH", t0, "rate=0.4"))
	if res[0].Outcome != store.Enqueued || res[0].SlNo == first || !res[0].Slot.Equal(t0.Add(time.Second)) {
		t.Fatalf("alert after a failed slot: %+v", res[0])
	}
	if !strings.Contains(res[0].Detail, first) || !strings.Contains(res[0].Detail, "failed") {
		t.Fatalf("detail %q does not say which alert failed", res[0].Detail)
	}
	second := res[0].SlNo
	res, err := db.EnqueueSendLogs(ctx, t0.Add(2*time.Minute), []store.SendLog{sendLog("PH", t0, "rate=0.3")})
	if err != nil || res[0].Outcome != store.Merged || res[0].SlNo != second {
		t.Fatalf("third alert of the slot: %+v %v", res, err)
	}
	failed, err := db.GetSendLog(ctx, first)
	if err != nil || *failed.Status != store.SendFailed || *failed.Reason != "wecom: invalid webhook url" || *failed.Param3 != 1 {
		t.Fatalf("the failed row changed: %+v %v", failed, err)
	}
	due, err := db.ClaimSendLogs(ctx, store.ClaimRequest{Now: t0.Add(2 * time.Minute), Lease: time.Minute, Limit: 10})
	if err != nil || len(due) != 1 || *due[0].SlNo != second {
		t.Fatalf("the new alert is not due: %d %v", len(due), err)
	}
}

// testClaimedInsert: rows inserted claimed are found by ClaimedRecords
// when they were new, and not when their window was stored already.
func testClaimedInsert(t *testing.T, open OpenStore) {
	db := open(t)
	until := t0.Add(time.Minute)
	rec := func(country string) store.Record {
		return store.Record{InfoType: new(1), CountryNo: new(country), BeginTime: new(t0), EndTime: new(t0.Add(10 * time.Minute)),
			Status: new(store.RecordAlert), Claim: store.Claim{ClaimOwner: new("me"), ClaimUntil: &until}}
	}
	if _, err := db.InsertRecords(ctx, []store.Record{{InfoType: new(1), CountryNo: new("PH"), BeginTime: new(t0),
		EndTime: new(t0.Add(10 * time.Minute)), Status: new(store.RecordNoAlert)}}); err != nil {
		t.Fatal(err)
	}
	n, err := db.InsertRecords(ctx, []store.Record{rec("PH"), rec("ID")})
	if err != nil || n != 1 {
		t.Fatalf("inserted %d %v", n, err)
	}
	got, err := db.ClaimedRecordIDs(ctx, store.RecordAlert, "me", until)
	if err != nil || len(got) != 1 {
		t.Fatalf("claimed records after the insert: %+v %v", got, err)
	}
	id, err := db.GetRecord(ctx, firstKey(got))
	if err != nil || *id.CountryNo != "ID" || id.ID != got[firstKey(got)] {
		t.Fatalf("the claimed record: %+v %v", id, err)
	}
}

// testRepeatedAndFull: an alert recorded again (same bu_no) changes
// nothing; merges past the content column are counted, not shown, and the
// content never outgrows its column.
func testRepeatedAndFull(t *testing.T, open OpenStore) {
	db := open(t)
	due := t0.Add(time.Hour)
	one := func(buNo, content string) store.EnqueueResult {
		t.Helper()
		l := sendLog("PH", due, content)
		l.SetRecordBuNo(buNo)
		return enqueue(t, db, t0, l)[0]
	}
	first := one("RC-1", "rate=0.5;window=10:00–10:10")
	if r := one("RC-1", "rate=0.5;window=10:00–10:10"); r.Outcome != store.Repeated || r.SlNo != first.SlNo {
		t.Fatalf("the same alert again: %+v", r)
	}
	var shown, hidden int
	for i := range 40 {
		r := one(fmt.Sprintf("RC-%d", i+2), "rate=0."+strings.Repeat("1", i%9+1)+";window=10:"+strings.Repeat("0", 2)+"–10:10")
		if r.Outcome != store.Merged {
			t.Fatalf("merge %d: %+v", i, r)
		}
		if strings.Contains(r.Detail, "not shown") {
			hidden++
		} else {
			shown++
		}
	}
	row, err := db.GetSendLog(ctx, first.SlNo)
	if err != nil {
		t.Fatal(err)
	}
	sets, err := store.ValueSets(*row.Content)
	if err != nil || row.MergeCount() != 41 || len(sets) != shown+1 || hidden == 0 || len([]rune(*row.Content)) > store.SendLogContentMax {
		t.Fatalf("after 41 alerts: count %d, %d sets (%d shown, %d hidden), %d characters, %v", row.MergeCount(), len(sets), shown, hidden,
			len([]rune(*row.Content)), err)
	}
}
