package alert

import (
	"testing"
	"time"

	"github.com/yujing-go/yujing/store"
)

// TestRealtimeSlot: a realtime slot is aligned to local midnight in the
// country's zone and contains the moment the alert is recorded.
func TestRealtimeSlot(t *testing.T) {
	kolkata := mustZone(t, "Asia/Kolkata")     // +05:30
	newYork := mustZone(t, "America/New_York") // DST on 2026-03-08 02:00 → 03:00
	for _, tc := range []struct {
		name string
		now  time.Time
		d    time.Duration
		loc  *time.Location
		want time.Time
	}{
		{"UTC, 10 minutes", time.Date(2026, 11, 24, 10, 7, 30, 0, time.UTC), 10 * time.Minute, time.UTC,
			time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC)},
		{"on the boundary", time.Date(2026, 11, 24, 10, 10, 0, 0, time.UTC), 10 * time.Minute, time.UTC,
			time.Date(2026, 11, 24, 10, 10, 0, 0, time.UTC)},
		{"+05:30, one hour: on the local hour", time.Date(2026, 11, 24, 10, 7, 0, 0, time.UTC), time.Hour, kolkata,
			time.Date(2026, 11, 24, 9, 30, 0, 0, time.UTC)},
		{"a day in +05:30 starts at local midnight", time.Date(2026, 11, 24, 20, 0, 0, 0, time.UTC), 24 * time.Hour, kolkata,
			time.Date(2026, 11, 24, 18, 30, 0, 0, time.UTC)},
		{"after a spring-forward, hours count from local midnight", time.Date(2026, 3, 8, 8, 30, 0, 0, time.UTC), time.Hour, newYork,
			time.Date(2026, 3, 8, 8, 0, 0, 0, time.UTC)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := realtimeSlot(tc.now, tc.d, tc.loc)
			if !got.Equal(tc.want) || got.After(tc.now) || !tc.now.Before(got.Add(tc.d+time.Hour)) {
				t.Fatalf("slot of %s: %s, want %s", tc.now, got, tc.want)
			}
		})
	}
}

// TestScheduledSlot: a scheduled slot is the next time of the schedule in
// the country's zone, across a daylight-saving change too.
func TestScheduledSlot(t *testing.T) {
	manila := mustZone(t, "Asia/Manila")
	newYork := mustZone(t, "America/New_York")
	daily9, err := parseSchedule("0 9 * * *")
	if err != nil {
		t.Fatal(err)
	}
	if got := scheduledSlot(time.Date(2026, 11, 24, 0, 30, 0, 0, time.UTC), daily9, manila); !got.Equal(time.Date(2026, 11, 24, 1, 0, 0, 0, time.UTC)) {
		t.Fatalf("09:00 Manila after 08:30 Manila: %s", got)
	}
	if got := scheduledSlot(time.Date(2026, 11, 24, 1, 0, 0, 0, time.UTC), daily9, manila); !got.Equal(time.Date(2026, 11, 25, 1, 0, 0, 0, time.UTC)) {
		t.Fatalf("at 09:00 Manila the next slot is tomorrow's: %s", got)
	}
	// 2026-03-08: New York moves from UTC-5 to UTC-4; 09:00 local is 13:00 UTC.
	if got := scheduledSlot(time.Date(2026, 3, 7, 15, 0, 0, 0, time.UTC), daily9, newYork); !got.Equal(time.Date(2026, 3, 8, 13, 0, 0, 0, time.UTC)) {
		t.Fatalf("09:00 New York on the day clocks spring forward: %s", got)
	}
	if _, err := parseSchedule("every morning"); err == nil {
		t.Fatal("a malformed schedule was accepted")
	}
}

// TestSlotsOf: a template's own slot length (param3) and schedule (param4)
// win over the engine's defaults.
func TestSlotsOf(t *testing.T) {
	daily9, _ := parseSchedule("0 9 * * *")
	s := &slots{cat: &catalog{zones: map[string]*time.Location{}}, schedule: daily9, realtime: 10 * time.Minute}
	now := time.Date(2026, 11, 24, 10, 17, 0, 0, time.UTC)
	realtime := store.Template{SendType: new(store.SendRealtime)}
	if got, _ := s.of(realtime, "PH", now); !got.Equal(time.Date(2026, 11, 24, 10, 10, 0, 0, time.UTC)) {
		t.Fatalf("default realtime slot: %s", got)
	}
	realtime.Param3 = new(3600)
	if got, _ := s.of(realtime, "PH", now); !got.Equal(time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC)) {
		t.Fatalf("an hour's slot: %s", got)
	}
	scheduled := store.Template{SendType: new(store.SendScheduled)}
	if got, _ := s.of(scheduled, "PH", now); !got.Equal(time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)) {
		t.Fatalf("default schedule: %s", got)
	}
	scheduled.Param4 = new("30 18 * * *")
	if got, _ := s.of(scheduled, "PH", now); !got.Equal(time.Date(2026, 11, 24, 18, 30, 0, 0, time.UTC)) {
		t.Fatalf("the template's schedule: %s", got)
	}
	scheduled.Param4 = new("not cron")
	if _, err := s.of(scheduled, "PH", now); err == nil {
		t.Fatal("a template with a malformed schedule was given a slot")
	}
}

func mustZone(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Skipf("no time zone data for %s: %v", name, err)
	}
	return loc
}
