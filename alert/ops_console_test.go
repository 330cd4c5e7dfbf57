package alert_test

import (
	"testing"
	"time"

	"github.com/yujing-go/yujing/alert"
	"github.com/yujing-go/yujing/internal/testdb"
	"github.com/yujing-go/yujing/store"
)

// TestOpsConsoleHelpers: the helpers the console reads states with answer
// as the engine decides: a record's value, the scenes, a silence in the
// country's time zone, an acknowledgement that lapses.
func TestOpsConsoleHelpers(t *testing.T) {
	v, err := alert.DecodeRecordValue(new("denominator=1000;numerator=620;rate=0.62;vars.provider=\"acme\""), new("0.62"))
	if err != nil || v.Numerator != 620 || v.Denominator != 1000 || v.Rate != 0.62 || v.Vars["provider"] != "acme" {
		t.Errorf("decode: %+v %v", v, err)
	}
	if v, err := alert.DecodeRecordValue(new("numerator=1"), new("0.25")); err != nil || v.Rate != 0.25 {
		t.Errorf("rate from compare_val: %+v %v", v, err)
	}
	if _, err := alert.DecodeRecordValue(new("numerator=x"), nil); err == nil {
		t.Error("a bad numerator decoded")
	}
	manila := time.FixedZone("UTC+8", 8*3600)
	e, err := alert.New(alert.WithStore(testdb.SQLite(t)), alert.WithScenes(&smsSuccess{}), alert.WithFireTypes(7),
		alert.WithTimeZones(map[string]*time.Location{"PH": manila}))
	if err != nil {
		t.Fatal(err)
	}
	got := e.SceneInfos()
	if len(got) != 2 || got[0].InfoType != smsScene || got[0].Window != 10*time.Minute || got[1].InfoType != 7 || got[1].Window != 0 {
		t.Errorf("scenes %+v", got)
	}
	// Sunday 02:00–04:00 in Manila is Saturday 18:00–20:00 UTC.
	m := e.SilenceMatcher([]store.Silence{{SilenceNo: "SI1", InfoType: "1", CountryNo: "*", ChannelNo: "*", RuleNo: "*", Schedule: new("SUN 02:00-04:00")},
		{SilenceNo: "SI2", InfoType: "*", CountryNo: "ID", ChannelNo: "CH-1", RuleNo: "*", StartsAt: new(t0), EndsAt: new(t0.Add(time.Hour))}})
	sat := time.Date(2026, 11, 28, 18, 30, 0, 0, time.UTC)
	if s := m.Muting(smsScene, "PH", "", sat); s == nil || s.SilenceNo != "SI1" {
		t.Errorf("PH on Saturday 18:30 UTC: %v", s)
	}
	if s := m.Muting(smsScene, "TH", "", sat); s != nil {
		t.Errorf("TH (UTC) on Saturday 18:30 UTC: %v", s.SilenceNo)
	}
	if s := m.Muting(smsScene, "ID", "", t0.Add(time.Minute)); s != nil {
		t.Error("a silence of one channel mutes the scene × country")
	}
	st := store.AlertState{AckAt: new(t0), AckUntil: new(t0.Add(time.Hour))}
	if !alert.Acknowledged(&st, t0.Add(time.Minute)) || alert.Acknowledged(&st, t0.Add(time.Hour)) {
		t.Error("the acknowledgement does not hold until, and only until, ack_until")
	}
}
