package storetest

import (
	"strings"
	"testing"
	"time"

	"github.com/yujing-go/yujing/store"
)

// testForeignRows: rows another system wrote (no claim_until) are never
// claimed, merged into or archived; an alert whose slot such a row holds
// goes into the next second; a window such a row holds counts as collected.
func testForeignRows(t *testing.T, open OpenDB) {
	db := open(t)
	x := db.SQL()
	exec := func(q string, args ...any) {
		t.Helper()
		if _, err := x.ExecContext(ctx, x.Rebind(q), args...); err != nil {
			t.Fatal(err)
		}
	}
	exec("INSERT INTO monitor_send_log (sl_no, country_no, mod_no, content, info_type, expect_send_time, status, retry_times) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
		"OLD-WAIT", "PH", "MD1", "old", 1, t0, 0, 2)
	exec("INSERT INTO monitor_send_log (sl_no, country_no, mod_no, content, info_type, expect_send_time, status, retry_times) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
		"OLD-SENT", "ID", "MD1", "old", 1, t0, 1, 2)
	exec("INSERT INTO monitor_record (bu_no, info_type, country_no, begin_time, end_time, status) VALUES (?, ?, ?, ?, ?, ?)",
		"OLD-REC", 1, "PH", t0, t0.Add(10*time.Minute), 0)
	exec("INSERT INTO monitor_hist_data (bu_no, info_type, begin_time, end_time, numerator_count) VALUES (?, ?, ?, ?, ?)",
		"OLD-WIN", 1, t0, t0.Add(10*time.Minute), 7)
	exec("INSERT INTO monitor_basic_data (group_no, country_name, begin_time, end_time, info_type, status) VALUES (?, ?, ?, ?, ?, ?)",
		"OLD-BD", "Philippines", t0, t0.Add(time.Hour), 0, 0)

	later := t0.Add(48 * time.Hour)
	if got, err := db.ClaimSendLogs(ctx, store.ClaimRequest{Now: later, Lease: time.Minute, Limit: 10}); err != nil || len(got) != 0 {
		t.Fatalf("claimed %d foreign send logs %v", len(got), err)
	}
	for _, st := range []store.RecordStatus{store.RecordWaiting, store.RecordAlert} {
		if got, err := db.ClaimRecords(ctx, st, store.ClaimRequest{Now: later, Lease: time.Minute, Limit: 10}); err != nil || len(got) != 0 {
			t.Fatalf("claimed %d foreign records %v", len(got), err)
		}
	}
	if got, err := db.ClaimBasicData(ctx, store.ClaimRequest{Now: later, Lease: time.Minute, Limit: 10}); err != nil || len(got) != 0 {
		t.Fatalf("claimed %d foreign reports %v", len(got), err)
	}
	if n, err := db.ArchiveSendLogs(ctx, store.ClaimRequest{Now: later, Lease: time.Minute, Limit: 10}); err != nil || n != 0 {
		t.Fatalf("archived %d foreign send logs %v", n, err)
	}
	if ok, err := db.ClaimWindow(ctx, store.WindowClaim{InfoType: 1, Begin: t0, End: t0.Add(10 * time.Minute), Owner: "me", Now: later, Lease: time.Minute}); err != nil || ok {
		t.Fatalf("claimed a window another system collected: %v %v", ok, err)
	}
	res, err := db.EnqueueSendLogs(ctx, t0, []store.SendLog{sendLog("PH", t0, "rate=0.5"), sendLog("ID", t0, "rate=0.6")})
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range res {
		if r.Outcome != store.Enqueued || !r.Slot.Equal(t0.Add(time.Second)) || !strings.Contains(r.Detail, "another system") {
			t.Fatalf("alert %d in a slot a foreign row holds: %+v", i, r)
		}
	}
	for _, code := range []string{"OLD-WAIT", "OLD-SENT"} {
		row, err := db.GetSendLog(ctx, code)
		if err != nil || *row.Content != "old" || row.Param3 != nil || row.ClaimUntil != nil || row.UpdateTime != nil {
			t.Fatalf("foreign row %s changed: %+v %v", code, row, err)
		}
	}
}
