package store_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/yujing-go/yujing/internal/testdb"
	"github.com/yujing-go/yujing/store"
)

// TestRecordPages pages through a scene's records of one country in
// window order, across pages, within the range asked for, and lists the
// countries with records.
func TestRecordPages(t *testing.T) {
	for _, be := range testdb.Backends() {
		t.Run(be.Name, func(t *testing.T) {
			db := be.Open(t)
			ctx := context.Background()
			t0 := time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)
			var recs []store.Record
			for i := 19; i >= 0; i-- { // stored newest first: the page orders them
				for _, c := range []string{"PH", "ID"} {
					b, e := t0.Add(time.Duration(i)*time.Hour), t0.Add(time.Duration(i+1)*time.Hour)
					recs = append(recs, store.Record{InfoType: new(1), CountryNo: new(c), BeginTime: &b, EndTime: &e, Content: new("rate=0.9")})
				}
			}
			// Another scene, and a second window length beginning at the same time.
			b, e := t0.Add(3*time.Hour), t0.Add(3*time.Hour+30*time.Minute)
			recs = append(recs, store.Record{InfoType: new(2), CountryNo: new("TH"), BeginTime: &b, EndTime: &b},
				store.Record{InfoType: new(1), CountryNo: new("PH"), BeginTime: &b, EndTime: &e})
			if _, err := db.InsertRecords(ctx, recs); err != nil {
				t.Fatal(err)
			}
			q := store.RecordPageQuery{InfoType: 1, CountryNo: "PH", From: t0.Add(2 * time.Hour), To: t0.Add(12 * time.Hour), Limit: 4}
			var got []string
			for {
				page, err := db.RecordPage(ctx, q)
				if err != nil {
					t.Fatal(err)
				}
				for _, r := range page {
					got = append(got, fmt.Sprintf("%s-%s", r.BeginTime.UTC().Format("15:04"), r.EndTime.UTC().Format("15:04")))
				}
				if len(page) < q.Limit {
					break
				}
				q.After = &page[len(page)-1]
			}
			want := "[02:00-03:00 03:00-03:30 03:00-04:00 04:00-05:00 05:00-06:00 06:00-07:00 07:00-08:00 08:00-09:00 09:00-10:00 10:00-11:00 11:00-12:00]"
			if fmt.Sprint(got) != want {
				t.Errorf("pages: %v\nwant %s", got, want)
			}
			countries, err := db.RecordCountries(ctx, 1, t0, t0.Add(24*time.Hour))
			if err != nil || fmt.Sprint(countries) != "[ID PH]" {
				t.Errorf("countries %v %v", countries, err)
			}
			if _, err := db.RecordPage(ctx, store.RecordPageQuery{InfoType: 1, CountryNo: "PH", To: t0, Limit: 0}); err == nil {
				t.Error("a page of 0 records was not refused")
			}
		})
	}
}

// TestSendOutcomes reads what became of alerts, waiting or archived.
func TestSendOutcomes(t *testing.T) {
	for _, be := range testdb.Backends() {
		t.Run(be.Name, func(t *testing.T) {
			db := be.Open(t)
			ctx := context.Background()
			now := time.Date(2027, 1, 1, 10, 0, 0, 0, time.UTC)
			slot := now
			l := store.SendLog{CountryNo: new("PH"), InfoType: new(1), ExpectSendTime: &slot, Content: new("rate=0.5")}
			l.SetKind(store.KindFiring)
			res, err := db.EnqueueSendLogs(ctx, now, []store.SendLog{l})
			if err != nil {
				t.Fatal(err)
			}
			got, err := db.SendOutcomes(ctx, []string{res[0].SlNo, "SL-NONE"})
			if err != nil {
				t.Fatal(err)
			}
			o, ok := got[res[0].SlNo]
			if !ok || len(got) != 1 || o.Status != store.SendWaiting || o.Kind != store.KindFiring || o.Archived || o.MergeCount != 1 {
				t.Errorf("outcomes %+v", got)
			}
			if _, err := db.SendOutcomes(ctx, make([]string, 1001)); err == nil {
				t.Error("1001 codes were not refused")
			}
		})
	}
}

// TestDecideSlot: the send log's decisions for an alert whose slot holds a
// row, without the database.
func TestDecideSlot(t *testing.T) {
	now := time.Date(2027, 1, 1, 10, 5, 0, 0, time.UTC)
	slot := time.Date(2027, 1, 1, 10, 0, 0, 0, time.UTC)
	row := func(status store.SendStatus, kind store.MessageKind) *store.SendLog {
		r := &store.SendLog{SlNo: new("SL1"), ExpectSendTime: &slot, Status: &status, Claim: store.Claim{ClaimUntil: &slot}}
		r.SetRecordBuNo("RC-old")
		r.SetKind(kind)
		return r
	}
	alert := func(kind store.MessageKind) *store.SendLog {
		a := &store.SendLog{ExpectSendTime: &slot}
		a.SetRecordBuNo("RC-new")
		a.SetKind(kind)
		return a
	}
	for _, c := range []struct {
		row   *store.SendLog
		alert *store.SendLog
		want  string
	}{
		{row(store.SendSent, store.KindFiring), alert(store.KindRepeat), "suppressed false firing"},
		{row(store.SendSent, store.KindFiring), alert(store.KindResolved), "EnqueueOutcome(0) true firing"},
		{row(store.SendWaiting, store.KindFiring), alert(store.KindRepeat), "merged false firing"},
		{row(store.SendWaiting, store.KindFiring), alert(store.KindResolved), "merged false fired and recovered"},
		{row(store.SendFailed, store.KindFiring), alert(store.KindRepeat), "EnqueueOutcome(0) true firing"},
		{row(store.SendWaiting, store.KindNoData), alert(store.KindFiring), "EnqueueOutcome(0) true no data"},
	} {
		d := store.DecideSlot(c.row, c.alert, now)
		if got := fmt.Sprintf("%s %v %s", d.Outcome, d.Shift, d.Kind); got != c.want {
			t.Errorf("%s row, %s alert: %s, want %s", c.row.Kind(), c.alert.Kind(), got, c.want)
		}
	}
}
