package alert_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/yujing-go/yujing/alert"
	"github.com/yujing-go/yujing/internal/testdb"
	"github.com/yujing-go/yujing/store"
)

// TestFire: business code raises an alert directly; it is sent like any
// other, with its own values.
func TestFire(t *testing.T) {
	f := newFixture(t, testdb.SQLite)
	f.configure("PH")
	ctx := context.Background()
	a := alert.Alert{InfoType: smsScene, Country: "PH", Begin: t0, End: t0.Add(time.Minute), Numerator: 3, Denominator: 10,
		Values: map[string]any{"provider": "beta;gamma"}}
	if _, err := f.engine.Fire(ctx, a); err != nil {
		t.Fatal(err)
	}
	if _, err := f.engine.Fire(ctx, alert.Alert{InfoType: smsScene}); err == nil {
		t.Fatal("an alert without a country was accepted")
	}
	f.tick()
	got := f.recv.Got()
	if len(got) != 1 || !strings.Contains(got[0].Payload.English.Text, "30.00% (3/10)") || !strings.Contains(got[0].Payload.English.Text, "Provider beta;gamma.") {
		t.Fatalf("fired alert: %+v", got)
	}
}

// TestFireKey: deduplication is explicit. Fire with the same Key returns
// the first alert's bu_no and stores nothing; without a Key, a second Fire
// for the same window is a second alert, and both reach the channel in
// one message that shows each one's values.
func TestFireKey(t *testing.T) {
	for _, be := range testdb.Backends() {
		t.Run(be.Name, func(t *testing.T) {
			f := newFixture(t, be.Open)
			f.configure("PH")
			ctx := context.Background()
			fire := func(key, provider string) string {
				t.Helper()
				no, err := f.engine.Fire(ctx, alert.Alert{InfoType: smsScene, Country: "PH", Key: key, Begin: t0, End: t0.Add(time.Minute),
					Numerator: 3, Denominator: 10, Values: map[string]any{"provider": provider}})
				if err != nil {
					t.Fatal(err)
				}
				return no
			}
			k1 := fire("order-1029", "alpha")
			if again := fire("order-1029", "changed"); again != k1 {
				t.Fatalf("the same key fired again: %s, want %s", again, k1)
			}
			other := fire("", "beta")
			third := fire("", "gamma")
			if other == k1 || third == other {
				t.Fatalf("alerts without a key were merged into one record: %s %s %s", k1, other, third)
			}
			if n := f.count("SELECT COUNT(*) FROM monitor_record"); n != 3 {
				t.Fatalf("%d records, want 3 (one per distinct alert)", n)
			}
			r, err := f.db.GetRecord(ctx, third)
			if err != nil || !r.EndTime.Equal(t0.Add(time.Minute+2*time.Second)) || !strings.Contains(str(r.Reason), "2 s later") {
				t.Fatalf("the third alert of one window: end %v reason %q %v", r.EndTime, str(r.Reason), err)
			}
			f.tick()
			got := f.recv.Got()
			if len(got) != 1 {
				t.Fatalf("%d messages, want one for the slot", len(got))
			}
			text := got[0].Payload.English.Text
			for _, want := range []string{"3 alerts in this message", "Provider alpha.", "Provider beta."} {
				if !strings.Contains(text, want) {
					t.Fatalf("merged message lacks %q:\n%s", want, text)
				}
			}
			// The third one's values fit the row's 255 characters or not;
			// either way the message accounts for it.
			if !strings.Contains(text, "Provider gamma.") && !strings.Contains(text, "and 1 more not listed") {
				t.Fatalf("the third alert is neither listed nor counted:\n%s", text)
			}
			if zh := got[0].Payload.Chinese.Text; !strings.Contains(zh, "本消息合并了 3 条告警") {
				t.Fatalf("Chinese merged message:\n%s", zh)
			}
		})
	}
}

// TestMergedMessageSaysWhatIsLeftOut: more alerts than the pending row's
// content can hold are counted, and the message says how many it does not
// list; every record's reason says whether its values are shown.
func TestMergedMessageSaysWhatIsLeftOut(t *testing.T) {
	f := newFixture(t, testdb.SQLite)
	f.configure("PH")
	ctx := context.Background()
	const fired = 12
	for i := range fired {
		if _, err := f.engine.Fire(ctx, alert.Alert{InfoType: smsScene, Country: "PH", Numerator: int64(i), Denominator: 10,
			Values: map[string]any{"provider": fmt.Sprintf("provider-%02d", i)}}); err != nil {
			t.Fatal(err)
		}
	}
	res := f.tick()
	if res.Record.Enqueued != 1 || res.Record.Merged != fired-1 {
		t.Fatalf("recorded: %+v", res.Record)
	}
	got := f.recv.Got()
	if len(got) != 1 {
		t.Fatalf("%d messages", len(got))
	}
	text := got[0].Payload.English.Text
	listed := strings.Count(text, "Provider provider-")
	if !strings.HasPrefix(text, fmt.Sprintf("%d alerts in this message:", fired)) || listed < 2 || listed >= fired ||
		!strings.Contains(text, fmt.Sprintf("and %d more not listed", fired-listed)) {
		t.Fatalf("%d listed; message:\n%s", listed, text)
	}
	var hidden int
	var fires []store.Record
	if err := f.db.Select(ctx, &fires, "WHERE `param5` = ?", alert.FireRule); err != nil || len(fires) != fired {
		t.Fatalf("%d fired records %v", len(fires), err)
	}
	for _, r := range fires {
		if *r.Status != store.RecordRecorded {
			t.Fatalf("record %s in status %d", str(r.BuNo), *r.Status)
		}
		if strings.Contains(str(r.Reason), "not shown") {
			hidden++
		}
	}
	if hidden != fired-listed {
		t.Fatalf("%d records say their values are not shown, want %d", hidden, fired-listed)
	}
}
