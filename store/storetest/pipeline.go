package storetest

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/yujing-go/yujing/store"
)

// testRecords: inserting a window twice is not an error and not a
// duplicate; retries are claimable only while they last; history reads.
func testRecords(t *testing.T, open OpenStore) {
	db := open(t)
	rows := records(5, t0)
	if n, err := db.InsertRecords(ctx, rows); err != nil || n != 5 {
		t.Fatalf("first insert: n=%d err=%v", n, err)
	}
	for _, r := range rows {
		if r.BuNo == nil || len(*r.BuNo) == 0 || len(*r.BuNo) > 32 {
			t.Fatalf("bu_no not generated: %v", r.BuNo)
		}
		if *r.Status != store.RecordWaiting || *r.RuleRetryTime != 2 || *r.SendRetryTime != 2 {
			t.Fatalf("seed defaults not applied: status %v retries %v/%v", *r.Status, *r.RuleRetryTime, *r.SendRetryTime)
		}
	}
	if n, err := db.InsertRecords(ctx, records(6, t0)); err != nil || n != 1 {
		t.Fatalf("second insert of the same window: n=%d err=%v, want 1 new row and no error", n, err)
	}
	all, err := db.RecordsByWindows(ctx, 7, []string{"C0000", "C0001", "C0002", "C0003", "C0004", "C0005"}, []time.Time{t0})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(all); n != 6 {
		t.Fatalf("%d records, want 6", n)
	}

	// Status 1 rows are claimable while rule_retry_time > 0.
	claimed, err := db.ClaimRecords(ctx, store.RecordWaiting, store.ClaimRequest{Now: t0, Lease: time.Minute, Limit: 2})
	if err != nil || len(claimed) != 2 {
		t.Fatalf("claim: %d %v", len(claimed), err)
	}
	owner := *claimed[0].ClaimOwner
	retryAt := t0.Add(5 * time.Minute)
	_, err = db.FinishRecords(ctx, owner, t0, []store.RecordUpdate{
		{ID: claimed[0].ID, Status: store.RecordRuleFailed, RuleRetryTime: new(1), Reason: "rule R1: division by zero", RetryAt: retryAt},
		{ID: claimed[1].ID, Status: store.RecordRuleFailed, RuleRetryTime: new(0), Reason: "rule R1: division by zero"},
	})
	if err != nil {
		t.Fatal(err)
	}
	failed := func(at time.Time) []store.Record {
		rows, err := db.ClaimRecords(ctx, store.RecordRuleFailed, store.ClaimRequest{Now: at, Lease: time.Minute, Limit: 10})
		if err != nil {
			t.Fatal(err)
		}
		return rows
	}
	if got := failed(t0.Add(time.Minute)); len(got) != 0 {
		t.Fatalf("failed record claimed before its retry time: %d", len(got))
	}
	got := failed(retryAt)
	if len(got) != 1 || got[0].ID != claimed[0].ID {
		t.Fatalf("want only the record with retries left, got %d rows", len(got))
	}
	if got[0].Reason == nil || *got[0].Reason != "rule R1: division by zero" {
		t.Fatalf("reason not kept: %v", got[0].Reason)
	}

	// History lookups.
	hist, err := db.RecordsByWindows(ctx, 7, []string{"C0001", "C0003", "nope"}, []time.Time{t0, t0.Add(-time.Hour)})
	if err != nil || len(hist) != 2 {
		t.Fatalf("records by windows: %d %v", len(hist), err)
	}
}

// testWindows: one host collects a window; an expired claim is taken
// over; a collected window is never claimed again.
func testWindows(t *testing.T, open OpenStore) {
	db := open(t)
	w := store.WindowClaim{InfoType: 3, Begin: t0, End: t0.Add(10 * time.Minute), Now: t0, Lease: time.Minute}
	a, b := w, w
	a.Owner, b.Owner = "host-a", "host-b"
	if ok, err := db.ClaimWindow(ctx, a); err != nil || !ok {
		t.Fatalf("first claim: %v %v", ok, err)
	}
	if ok, err := db.ClaimWindow(ctx, b); err != nil || ok {
		t.Fatalf("second claim during the lease: %v %v", ok, err)
	}
	b.Now = t0.Add(2 * time.Minute)
	if ok, err := db.ClaimWindow(ctx, b); err != nil || !ok {
		t.Fatalf("claim after the lease: %v %v", ok, err)
	}
	begin, end := t0, t0.Add(10*time.Minute)
	h := store.HistData{InfoType: new(3), BeginTime: &begin, EndTime: &end, NumeratorCount: new(95), DenominatorCount: new(100),
		Rate: new(decimal.RequireFromString("0.9500"))}
	if err := db.FinishWindow(ctx, "host-a", b.Now, h); !errors.Is(err, store.ErrClaimLost) {
		t.Fatalf("finish by the expired owner: want ErrClaimLost, got %v", err)
	}
	if err := db.FinishWindow(ctx, "host-b", b.Now, h); err != nil {
		t.Fatal(err)
	}
	c := w
	c.Owner, c.Now = "host-c", t0.Add(time.Hour)
	if ok, err := db.ClaimWindow(ctx, c); err != nil || ok {
		t.Fatalf("claim of a collected window: %v %v", ok, err)
	}
	ws, err := db.Windows(ctx, 3, t0.Add(-time.Hour))
	if err != nil || len(ws) != 1 {
		t.Fatalf("windows: %d %v", len(ws), err)
	}
	if ws[0].CollectedTime == nil || ws[0].ClaimOwner != nil || *ws[0].NumeratorCount != 95 || !ws[0].Rate.Equal(decimal.RequireFromString("0.95")) {
		t.Fatalf("window row: %+v", ws[0])
	}
}

// testSendLogs: one row per slot; a second alert merges into a waiting
// row and is suppressed once the row is being sent; rows wait until due.
func testSendLogs(t *testing.T, open OpenStore) {
	db := open(t)
	due := t0.Add(time.Hour) // a scheduled slot
	res := enqueue(t, db, t0, sendLog("PH", due, "rate=0.5"), sendLog("PH", due, "rate=0.4"), sendLog("ID", t0, "rate=0.3"))
	want := []store.EnqueueOutcome{store.Enqueued, store.Merged, store.Enqueued}
	for i, r := range res {
		if r.Outcome != want[i] {
			t.Fatalf("alert %d: %v, want %v", i, r.Outcome, want[i])
		}
	}
	if res[0].SlNo != res[1].SlNo {
		t.Fatalf("merged alert names another row: %s vs %s", res[1].SlNo, res[0].SlNo)
	}
	ph, err := db.GetSendLog(ctx, res[0].SlNo)
	if err != nil {
		t.Fatal(err)
	}
	if ph.MergeCount() != 2 || *ph.Status != store.SendWaiting || *ph.RetryTimes != 2 {
		t.Fatalf("merged row: content %q merges %d status %d retries %d", *ph.Content, ph.MergeCount(), *ph.Status, *ph.RetryTimes)
	}
	if got := valueSets(t, *ph.Content); got != "rate=0.5 | rate=0.4" {
		t.Fatalf("merged row holds %q, want both alerts' values", got)
	}

	// Only the due row is claimed now; the scheduled one at its time.
	claimed, err := db.ClaimSendLogs(ctx, store.ClaimRequest{Now: t0, Lease: 24 * time.Hour, Limit: 10})
	if err != nil || len(claimed) != 1 || *claimed[0].CountryNo != "ID" {
		t.Fatalf("claim at t0: %d rows %v", len(claimed), err)
	}
	later, err := db.ClaimSendLogs(ctx, store.ClaimRequest{Now: due, Lease: time.Minute, Limit: 10})
	if err != nil || len(later) != 1 || *later[0].SlNo != res[0].SlNo {
		t.Fatalf("claim at the slot: %d rows %v", len(later), err)
	}
	// While it is being sent, another alert for the slot is suppressed.
	res2, err := db.EnqueueSendLogs(ctx, due, []store.SendLog{sendLog("PH", due, "rate=0.1")})
	if err != nil || res2[0].Outcome != store.Suppressed || res2[0].SlNo != res[0].SlNo {
		t.Fatalf("alert for a slot being sent: %+v %v", res2, err)
	}
	// A failed attempt leaves it waiting with one retry fewer; it merges again.
	_, err = db.FinishSendLogs(ctx, *later[0].ClaimOwner, due, []store.SendLogUpdate{{ID: later[0].ID, Status: store.SendWaiting,
		RetryTimes: new(1), Reason: "wecom: errcode -1", ChannelState: new(`{"CH1":{"status":"retry"}}`), NotBefore: due.Add(time.Minute)}})
	if err != nil {
		t.Fatal(err)
	}
	res3, err := db.EnqueueSendLogs(ctx, due, []store.SendLog{sendLog("PH", due, "rate=0.2")})
	if err != nil || res3[0].Outcome != store.Merged {
		t.Fatalf("alert for a slot waiting to retry: %+v %v", res3, err)
	}
	if again, _ := db.ClaimSendLogs(ctx, store.ClaimRequest{Now: due.Add(30 * time.Second), Lease: time.Minute, Limit: 10}); len(again) != 0 {
		t.Fatalf("claimed before its backoff ended")
	}
	row, _ := db.GetSendLog(ctx, res[0].SlNo)
	if *row.RetryTimes != 1 || *row.Reason != "wecom: errcode -1" || row.MergeCount() != 3 || valueSets(t, *row.Content) != "rate=0.5 | rate=0.4 | rate=0.2" {
		t.Fatalf("after a failed attempt and a merge: %+v", row)
	}
	// Release hands rows back unchanged and due at once.
	claimed2, _ := db.ClaimSendLogs(ctx, store.ClaimRequest{Now: due.Add(time.Minute), Lease: time.Minute, Limit: 10})
	if len(claimed2) != 1 {
		t.Fatalf("claim after backoff: %d", len(claimed2))
	}
	if err := db.ReleaseSendLogs(ctx, *claimed2[0].ClaimOwner, []int64{claimed2[0].ID}); err != nil {
		t.Fatal(err)
	}
	if again, _ := db.ClaimSendLogs(ctx, store.ClaimRequest{Now: due.Add(time.Minute), Lease: time.Minute, Limit: 10}); len(again) != 1 {
		t.Fatalf("released row not claimable")
	}
}

// testArchive: finished rows move to monitor_send_log_hist with every
// column, once their archive time has come, exactly once.
func testArchive(t *testing.T, open OpenStore) {
	db := open(t)
	res := enqueue(t, db, t0, sendLog("PH", t0, "a=1"), sendLog("ID", t0, "b=2"), sendLog("TH", t0, "c=3"))
	claimed := claimSendLogs(t, db, 3, "claim")
	sent := t0.Add(time.Second)
	archiveAt := t0.Add(time.Hour)
	var ups []store.SendLogUpdate
	for i, r := range claimed {
		u := store.SendLogUpdate{ID: r.ID, Status: store.SendSent, RealitySendTime: &sent, NotBefore: archiveAt,
			ChannelState: new(`{"CH1":{"status":"sent"}}`)}
		if i == 2 {
			u = store.SendLogUpdate{ID: r.ID, Status: store.SendWaiting, RetryTimes: new(1), NotBefore: t0.Add(time.Minute)}
		}
		ups = append(ups, u)
	}
	if _, err := db.FinishSendLogs(ctx, *claimed[0].ClaimOwner, sent, ups); err != nil {
		t.Fatal(err)
	}
	if n, err := db.ArchiveSendLogs(ctx, store.ClaimRequest{Now: t0.Add(time.Minute), Lease: time.Minute, Limit: 10}); err != nil || n != 0 {
		t.Fatalf("archive before time: %d %v", n, err)
	}
	n, err := db.ArchiveSendLogs(ctx, store.ClaimRequest{Now: archiveAt, Lease: time.Minute, Limit: 10})
	if err != nil || n != 2 {
		t.Fatalf("archive: moved %d, %v; want 2", n, err)
	}
	if n, _ := db.ArchiveSendLogs(ctx, store.ClaimRequest{Now: archiveAt, Lease: time.Minute, Limit: 10}); n != 0 {
		t.Fatalf("second archive moved %d rows", n)
	}
	left := 0
	for _, r := range res {
		_, err := db.GetSendLog(ctx, r.SlNo)
		switch {
		case err == nil:
			left++
		case !errors.Is(err, store.ErrNotFound):
			t.Fatal(err)
		}
	}
	if left != 1 {
		t.Fatalf("%d rows left in monitor_send_log, want the waiting one", left)
	}
	hist, err := db.GetSendLogHist(ctx, res[0].SlNo)
	if err != nil || len(hist) != 1 {
		t.Fatalf("history of %s: %d %v", res[0].SlNo, len(hist), err)
	}
	h := hist[0]
	if *h.Status != store.SendSent || *h.Content != "a=1" || !h.RealitySendTime.Equal(sent) || *h.CountryNo != "PH" ||
		*h.ChannelState != `{"CH1":{"status":"sent"}}` || !h.ExpectSendTime.Equal(t0) {
		t.Fatalf("archived row lost data: %+v", h)
	}
}

// testBasicData: a report's detail rows, written by one writer
// (BeginBasicData, InsertBasicDataItems, EndBasicData), read back exactly
// page by page; the report is claimed for its file and finished; a
// window's report is written once.
func testBasicData(t *testing.T, open OpenStore) {
	db := open(t)
	bd := report("菲律宾")
	ok, err := db.BeginBasicData(ctx, &bd, "writer", t0, time.Minute)
	if err != nil || !ok || bd.GroupNo == nil {
		t.Fatalf("begin: %v %v %+v", ok, err, bd)
	}
	if n, err := db.InsertBasicDataItems(ctx, reportItems(bd.GroupNo)); err != nil || n != 25 {
		t.Fatalf("items: %d %v", n, err)
	}
	if err := db.EndBasicData(ctx, "writer", bd.ID, "", t0); err != nil {
		t.Fatal(err)
	}
	dup := report("菲律宾")
	if ok, err := db.BeginBasicData(ctx, &dup, "another", t0.Add(time.Hour), time.Minute); err != nil || ok {
		t.Fatalf("second report of the same window: %v %v", ok, err)
	}
	all := allItems(t, db, *bd.GroupNo)
	if len(all) != 25 || !all[24].RepaymentMoney.Equal(decimal.RequireFromString("123456789012.12345678")) ||
		all[0].RepaymentMoney.String() != "123456789012.12345678" || !all[0].PracticalRepaymentMoney.Equal(decimal.RequireFromString("-0.00000001")) {
		t.Fatalf("paged %d items, amount %v", len(all), all[0].RepaymentMoney)
	}
	uploadReport(t, db, *bd.GroupNo)
}

// testConcurrentArchive: four archivers at once move every finished row
// exactly once.
func testConcurrentArchive(t *testing.T, open OpenStore) {
	db := open(t)
	var logs []store.SendLog
	for i := range 200 {
		logs = append(logs, sendLog(fmt.Sprintf("C%03d", i), t0, "x=1"))
	}
	enqueued := enqueue(t, db, t0, logs...)
	for {
		claimed, err := db.ClaimSendLogs(ctx, store.ClaimRequest{Now: t0, Lease: time.Minute, Limit: 50})
		if err != nil {
			t.Fatal(err)
		}
		if len(claimed) == 0 {
			break
		}
		var ups []store.SendLogUpdate
		for _, r := range claimed {
			ups = append(ups, store.SendLogUpdate{ID: r.ID, Status: store.SendSent, NotBefore: t0})
		}
		if _, err := db.FinishSendLogs(ctx, *claimed[0].ClaimOwner, t0, ups); err != nil {
			t.Fatal(err)
		}
	}
	var wg sync.WaitGroup
	var total atomic.Int64
	for range 4 {
		wg.Go(func() {
			for {
				n, err := db.ArchiveSendLogs(ctx, store.ClaimRequest{Now: t0.Add(time.Minute), Lease: time.Minute, Limit: 15})
				if err != nil {
					t.Error(err)
					return
				}
				if n == 0 {
					return
				}
				total.Add(n)
			}
		})
	}
	wg.Wait()
	var inHist, inLog, dup int
	for _, r := range enqueued {
		hist, err := db.GetSendLogHist(ctx, r.SlNo)
		if err != nil {
			t.Fatal(err)
		}
		inHist += min(len(hist), 1)
		if len(hist) > 1 {
			dup++
		}
		if _, err := db.GetSendLog(ctx, r.SlNo); err == nil {
			inLog++
		} else if !errors.Is(err, store.ErrNotFound) {
			t.Fatal(err)
		}
	}
	if total.Load() != 200 || inHist != 200 || inLog != 0 {
		t.Fatalf("moved %d; history has %d rows, send log %d", total.Load(), inHist, inLog)
	}
	if dup != 0 {
		t.Fatalf("%d rows archived twice", dup)
	}
}

// testReportWriting: one writer per report; a dead writer's partial rows
// are dropped when another takes the report over; a finished report is
// never written again.
func testReportWriting(t *testing.T, open OpenStore) {
	db := open(t)
	mk := func() *store.BasicData { return new(report("Philippines")) }
	a := mk()
	ok, err := db.BeginBasicData(ctx, a, "writer-a", t0, time.Minute)
	if err != nil || !ok || a.ID == 0 || a.GroupNo == nil || *a.Status != store.BasicDataCollecting {
		t.Fatalf("first writer: %v %v %+v", ok, err, a)
	}
	item := store.BasicDataItem{GroupNo: a.GroupNo, CaseID: new("C1"), RepaymentMoney: new(decimal.RequireFromString("1"))}
	if _, err := db.InsertBasicDataItems(ctx, []store.BasicDataItem{item, item}); err != nil {
		t.Fatal(err)
	}
	if ok, err := db.BeginBasicData(ctx, mk(), "writer-b", t0.Add(30*time.Second), time.Minute); err != nil || ok {
		t.Fatalf("second writer during the lease: %v %v", ok, err)
	}
	// The report is not offered for upload while its rows are written.
	if got, _ := db.ClaimBasicData(ctx, store.ClaimRequest{Now: t0.Add(2 * time.Hour), Lease: time.Minute, Limit: 5}); len(got) != 0 {
		t.Fatalf("a report being written was claimed for upload")
	}
	b := mk()
	if ok, err := db.BeginBasicData(ctx, b, "writer-b", t0.Add(2*time.Minute), time.Minute); err != nil || !ok || *b.GroupNo != *a.GroupNo {
		t.Fatalf("take-over after the lease: %v %v", ok, err)
	}
	partial, err := db.BasicDataItems(ctx, *b.GroupNo, 0, 10)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(partial); n != 0 {
		t.Fatalf("%d partial rows survived the take-over", n)
	}
	if err := db.EndBasicData(ctx, "writer-a", a.ID, "", t0.Add(3*time.Minute)); !errors.Is(err, store.ErrClaimLost) {
		t.Fatalf("end by the dead writer: %v", err)
	}
	if err := db.EndBasicData(ctx, "writer-b", b.ID, "1 row not stored: case_id too long", t0.Add(3*time.Minute)); err != nil {
		t.Fatal(err)
	}
	if ok, err := db.BeginBasicData(ctx, mk(), "writer-c", t0.Add(time.Hour), time.Minute); err != nil || ok {
		t.Fatalf("a finished report was begun again: %v %v", ok, err)
	}
	got, err := db.GetBasicData(ctx, *b.GroupNo)
	if err != nil || *got.Status != store.BasicDataWaiting || *got.Reason != "1 row not stored: case_id too long" || got.ClaimOwner != nil {
		t.Fatalf("finished report: %+v %v", got, err)
	}
	bad := store.BasicDataItem{CaseID: new(strings.Repeat("x", 33))}
	if err := db.CheckBasicDataItem(&bad); err == nil {
		t.Fatal("an over-long case_id passed the check")
	}
}
