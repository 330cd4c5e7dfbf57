package storetest

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/yujing-go/yujing/store"
)

// testSlotKinds: EnqueueSendLogs with message kinds (SendLog.Kind,
// monitor_send_log.param1) and escalation levels (param2): kinds that go
// into one message merge (a resolve into a waiting firing alert makes it
// "fired and recovered"), others take the next second; a change of state
// is never suppressed by a sent slot, a repeat or a plain alert is.
func testSlotKinds(t *testing.T, open OpenStore) {
	t.Run("WaitingRow", func(t *testing.T) { testKindsIntoWaiting(t, open(t)) })
	t.Run("SentRow", func(t *testing.T) { testKindsAfterSent(t, open(t)) })
	t.Run("OneCall", func(t *testing.T) { testKindsInOneCall(t, open(t)) })
}

// kindCase is an alert given to a slot whose row holds another.
type kindCase struct {
	country    string
	row, add   store.MessageKind // the slot row's kind, the alert's
	rowLevel   int
	addLevel   int
	merged     bool              // merged into the row, else enqueued a second later
	mergedKind store.MessageKind // the row's kind after a merge
}

// testKindsIntoWaiting: an alert into its slot's waiting row merges when
// their kinds go into one message (a repeat into firing stays firing; a
// resolve into firing becomes fired and recovered; an escalation into one
// of its level) and otherwise goes into the next second, leaving the row
// as it was (no data into firing; an escalation into another level).
func testKindsIntoWaiting(t *testing.T, db store.Store) {
	for _, c := range []kindCase{
		{country: "PH", row: store.KindFiring, add: store.KindRepeat, merged: true, mergedKind: store.KindFiring},
		{country: "ID", row: store.KindFiring, add: store.KindResolved, merged: true, mergedKind: store.KindRecovered},
		{country: "MY", row: store.KindEscalated, rowLevel: 1, add: store.KindEscalated, addLevel: 1, merged: true, mergedKind: store.KindEscalated},
		{country: "TH", row: store.KindFiring, add: store.KindNoData},
		{country: "VN", row: store.KindEscalated, rowLevel: 1, add: store.KindEscalated, addLevel: 2},
	} {
		what := fmt.Sprintf("%s: a %s (level %d) alert into a waiting %s (level %d) row", c.country, c.add, c.addLevel, c.row, c.rowLevel)
		first := enqueue(t, db, t0, kindAlert(c.country, t0, c.row, c.rowLevel, "RC-"+c.country+"-1"))[0]
		res := enqueue(t, db, t0, kindAlert(c.country, t0, c.add, c.addLevel, "RC-"+c.country+"-2"))[0]
		if c.merged {
			if res.Outcome != store.Merged || res.SlNo != first.SlNo || !res.Slot.Equal(t0) {
				t.Fatalf("%s: %+v, want merged into %s", what, res, first.SlNo)
			}
			row := checkKindRow(t, db, first.SlNo, c.mergedKind, max(c.rowLevel, c.addLevel), 2, what)
			if row.RecordBuNo() != "RC-"+c.country+"-2" {
				t.Fatalf("%s: the row names record %q, want the latest", what, row.RecordBuNo())
			}
			continue
		}
		wantShifted(t, res, first.SlNo, t0, what)
		checkKindRow(t, db, first.SlNo, c.row, c.rowLevel, 1, what)
		checkKindRow(t, db, res.SlNo, c.add, c.addLevel, 1, what)
	}
}

// testKindsAfterSent: once a slot's row was sent, an alert that tells a
// change of state (resolved, firing, no data, escalated) goes into the
// next second, saying which row it moved past; a repeat or a plain alert
// is suppressed.
func testKindsAfterSent(t *testing.T, db store.Store) {
	cases := []kindCase{
		{country: "PH", add: store.KindResolved}, {country: "ID", add: store.KindFiring}, {country: "TH", add: store.KindNoData},
		{country: "VN", add: store.KindEscalated, addLevel: 1}, {country: "MY", add: store.KindRepeat}, {country: "SG", add: store.KindAlert},
	}
	var rows []store.SendLog
	for _, c := range cases {
		rows = append(rows, kindAlert(c.country, t0, store.KindFiring, 0, "RC-"+c.country+"-1"))
	}
	first := enqueue(t, db, t0, rows...)
	sent := claimSendLogs(t, db, len(cases), "claim the slots' alerts")
	var ups []store.SendLogUpdate
	for _, r := range sent {
		ups = append(ups, store.SendLogUpdate{ID: r.ID, Status: store.SendSent, RealitySendTime: new(t0), NotBefore: t0.Add(time.Hour)})
	}
	if _, err := db.FinishSendLogs(ctx, *sent[0].ClaimOwner, t0, ups); err != nil {
		t.Fatal(err)
	}
	for i, c := range cases {
		what := fmt.Sprintf("%s: a %s alert into a sent slot", c.country, c.add)
		res := enqueue(t, db, t0.Add(time.Minute), kindAlert(c.country, t0, c.add, c.addLevel, "RC-"+c.country+"-2"))[0]
		if c.add.StateChange() {
			wantShifted(t, res, first[i].SlNo, t0, what)
			if !strings.Contains(res.Detail, "was sent") {
				t.Fatalf("%s: detail %q does not say the slot's alert was sent", what, res.Detail)
			}
			checkKindRow(t, db, res.SlNo, c.add, c.addLevel, 1, what)
			continue
		}
		if res.Outcome != store.Suppressed || res.SlNo != first[i].SlNo || !res.Slot.Equal(t0) {
			t.Fatalf("%s: %+v, want suppressed by %s", what, res, first[i].SlNo)
		}
	}
}

// testKindsInOneCall: alerts of one free slot given in one call combine as
// they would one after the other: firing and resolved make one row that
// fired and recovered; firing and an escalation make two rows, the
// escalation a second later (its detail naming the firing row), each
// keeping its level.
func testKindsInOneCall(t *testing.T, db store.Store) {
	res := enqueue(t, db, t0, kindAlert("PH", t0, store.KindFiring, 0, "RC-PH-1"), kindAlert("PH", t0, store.KindResolved, 0, "RC-PH-2"))
	if res[0].Outcome != store.Enqueued || res[1].Outcome != store.Merged || res[1].SlNo != res[0].SlNo || !res[1].Slot.Equal(t0) {
		t.Fatalf("firing and resolved in one call: %+v", res)
	}
	if row := checkKindRow(t, db, res[0].SlNo, store.KindRecovered, 0, 2, "firing and resolved in one call"); row.RecordBuNo() != "RC-PH-2" {
		t.Fatalf("firing and resolved in one call: the row names record %q, want RC-PH-2", row.RecordBuNo())
	}
	res = enqueue(t, db, t0, kindAlert("ID", t0, store.KindFiring, 1, "RC-ID-1"), kindAlert("ID", t0, store.KindEscalated, 2, "RC-ID-2"))
	if res[0].Outcome != store.Enqueued || !res[0].Slot.Equal(t0) || res[1].Outcome != store.Enqueued ||
		!res[1].Slot.Equal(t0.Add(time.Second)) || res[1].SlNo == res[0].SlNo {
		t.Fatalf("firing and escalated in one call: %+v", res)
	}
	if !strings.Contains(res[1].Detail, res[0].SlNo) {
		t.Fatalf("firing and escalated in one call: detail %q does not name the alert %s it moved past", res[1].Detail, res[0].SlNo)
	}
	checkKindRow(t, db, res[0].SlNo, store.KindFiring, 1, 1, "firing and escalated in one call")
	checkKindRow(t, db, res[1].SlNo, store.KindEscalated, 2, 1, "firing and escalated in one call")
}

// kindAlert is an alert of scene 1 for the slot, of kind k, from record
// buNo; level 0 leaves the level NULL.
func kindAlert(country string, slot time.Time, k store.MessageKind, level int, buNo string) store.SendLog {
	l := sendLog(country, slot, store.EncodeValues(map[string]string{"record": buNo, "kind": k.String()}))
	l.SetKind(k)
	if level > 0 {
		l.SetLevel(level)
	}
	l.SetRecordBuNo(buNo)
	return l
}

// wantShifted checks that res went into a new row a second after slot,
// past the slot's row blocking, and says so.
func wantShifted(t *testing.T, res store.EnqueueResult, blocking string, slot time.Time, what string) {
	t.Helper()
	if res.Outcome != store.Enqueued || res.SlNo == blocking || !res.Slot.Equal(slot.Add(time.Second)) {
		t.Fatalf("%s: %+v, want enqueued a second after %s", what, res, slot.Format(time.RFC3339))
	}
	if !strings.Contains(res.Detail, blocking) {
		t.Fatalf("%s: detail %q does not name the slot's alert %s", what, res.Detail, blocking)
	}
}

// checkKindRow reads the pending alert slNo and checks its kind, level and
// merge count.
func checkKindRow(t *testing.T, db store.Store, slNo string, kind store.MessageKind, level, count int, what string) store.SendLog {
	t.Helper()
	row, err := db.GetSendLog(ctx, slNo)
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	if row.Kind() != kind || row.Level() != level || row.MergeCount() != count {
		t.Fatalf("%s: the alert %s is %s level %d merging %d, want %s level %d merging %d", what, slNo, row.Kind(), row.Level(),
			row.MergeCount(), kind, level, count)
	}
	return row
}
