package storetest

import (
	"testing"
	"time"

	"github.com/yujing-go/yujing/store"
)

// testReservedColumns: what the store keeps in the reserved columns comes
// back through the accessors that name it: a record's rule and alert
// (FinishRecords), a pending alert's merge count and latest record
// (EnqueueSendLogs, and once archived), a report's country and file size
// (FinishBasicData).
func testReservedColumns(t *testing.T, open OpenStore) {
	db := open(t)

	rows := records(2, t0)
	insertRecords(t, db, rows)
	claim := func(st store.RecordStatus, want int) []store.Record {
		t.Helper()
		got, err := db.ClaimRecords(ctx, st, store.ClaimRequest{Now: t0, Lease: time.Minute, Limit: 10})
		if err != nil || len(got) != want {
			t.Fatalf("claim records in status %d: %d %v, want %d", st, len(got), err, want)
		}
		return got
	}
	get := func(buNo string) store.Record {
		t.Helper()
		r, err := db.GetRecord(ctx, buNo)
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	judged := claim(store.RecordWaiting, 2)
	var ups []store.RecordUpdate
	for _, r := range judged {
		u := store.RecordUpdate{ID: r.ID, Status: store.RecordNoAlert}
		if *r.BuNo == *rows[0].BuNo {
			u = store.RecordUpdate{ID: r.ID, Status: store.RecordAlert, RuleNo: new("RL-1")}
		}
		ups = append(ups, u)
	}
	if _, err := db.FinishRecords(ctx, *judged[0].ClaimOwner, t0, ups); err != nil {
		t.Fatal(err)
	}
	if a, b := get(*rows[0].BuNo), get(*rows[1].BuNo); a.RuleNo() != "RL-1" || a.SlNo() != "" || b.RuleNo() != "" || b.SlNo() != "" {
		t.Fatalf("after the rules: rule %q alert %q, and rule %q alert %q", a.RuleNo(), a.SlNo(), b.RuleNo(), b.SlNo())
	}

	alert := sendLog("PH", t0, "rate=0.5")
	alert.SetRecordBuNo(*rows[0].BuNo)
	slNo := enqueue(t, db, t0, alert)[0].SlNo
	recorded := claim(store.RecordAlert, 1)
	if _, err := db.FinishRecords(ctx, *recorded[0].ClaimOwner, t0, []store.RecordUpdate{{ID: recorded[0].ID, Status: store.RecordRecorded,
		SlNo: &slNo}}); err != nil {
		t.Fatal(err)
	}
	if a := get(*rows[0].BuNo); a.RuleNo() != "RL-1" || a.SlNo() != slNo {
		t.Fatalf("after recording: rule %q alert %q, want RL-1 and %s", a.RuleNo(), a.SlNo(), slNo)
	}
	l, err := db.GetSendLog(ctx, slNo)
	if err != nil || l.MergeCount() != 1 || l.RecordBuNo() != *rows[0].BuNo {
		t.Fatalf("the alert: count %d record %q %v", l.MergeCount(), l.RecordBuNo(), err)
	}
	again := sendLog("PH", t0, "rate=0.4")
	again.SetRecordBuNo("RC-LATER")
	if res, err := db.EnqueueSendLogs(ctx, t0, []store.SendLog{again}); err != nil || res[0].Outcome != store.Merged {
		t.Fatalf("a second alert of the slot: %+v %v", res, err)
	}
	if l, err = db.GetSendLog(ctx, slNo); err != nil || l.MergeCount() != 2 || l.RecordBuNo() != "RC-LATER" {
		t.Fatalf("after a merge: count %d record %q %v", l.MergeCount(), l.RecordBuNo(), err)
	}
	sending := claimSendLogs(t, db, 1, "claim the alert")
	if _, err := db.FinishSendLogs(ctx, *sending[0].ClaimOwner, t0, []store.SendLogUpdate{{ID: sending[0].ID, Status: store.SendSent,
		RealitySendTime: new(t0), NotBefore: t0}}); err != nil {
		t.Fatal(err)
	}
	if n, err := db.ArchiveSendLogs(ctx, store.ClaimRequest{Now: t0, Lease: time.Minute, Limit: 10}); err != nil || n != 1 {
		t.Fatalf("archive: %d %v", n, err)
	}
	hist, err := db.GetSendLogHist(ctx, slNo)
	if err != nil || len(hist) != 1 || hist[0].MergeCount() != 2 || hist[0].RecordBuNo() != "RC-LATER" {
		t.Fatalf("the archived alert: %+v %v", hist, err)
	}

	bd := report("Philippines")
	bd.SetCountryNo("PH")
	if ok, err := db.BeginBasicData(ctx, &bd, "writer", t0, time.Minute); err != nil || !ok {
		t.Fatalf("begin report: %v %v", ok, err)
	}
	if err := db.EndBasicData(ctx, "writer", bd.ID, "", t0); err != nil {
		t.Fatal(err)
	}
	report, err := db.GetBasicData(ctx, *bd.GroupNo)
	if size, ok := report.FileSize(); err != nil || ok || report.CountryNo() != "PH" {
		t.Fatalf("report before upload: size %d %v, country %q, %v", size, ok, report.CountryNo(), err)
	}
	uploading, err := db.ClaimBasicData(ctx, store.ClaimRequest{Now: t0, Lease: time.Minute, Limit: 5})
	if err != nil || len(uploading) != 1 {
		t.Fatalf("claim report: %d %v", len(uploading), err)
	}
	if _, err := db.FinishBasicData(ctx, *uploading[0].ClaimOwner, t0, []store.BasicDataUpdate{{ID: uploading[0].ID,
		Status: store.BasicDataUploaded, FileURL: new("file:///reports/PH.xlsx"), FileSize: new(int64(123456))}}); err != nil {
		t.Fatal(err)
	}
	report, err = db.GetBasicData(ctx, *bd.GroupNo)
	if size, ok := report.FileSize(); err != nil || !ok || size != 123456 || report.CountryNo() != "PH" {
		t.Fatalf("report after upload: size %d %v, country %q, %v", size, ok, report.CountryNo(), err)
	}
	_, err = db.FinishBasicData(ctx, "nobody", t0, []store.BasicDataUpdate{{ID: report.ID, Status: store.BasicDataUploaded,
		FileSize: new(int64(1) << 31)}})
	wantValidation(t, err, "monitor_basic_data", "param3")
}
