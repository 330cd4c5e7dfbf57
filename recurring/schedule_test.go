package recurring_test

import (
	"testing"
	"time"

	"github.com/yujing-go/yujing/recurring"
)

// TestNilLocationIsUTC: a nil zone reads the schedule in UTC, for both
// forms.
func TestNilLocationIsUTC(t *testing.T) {
	for _, c := range []struct {
		spec       string
		at         time.Time
		start, end time.Time
	}{
		{"SUN 02:00-04:00", utc(2027, 3, 14, 3, 0), utc(2027, 3, 14, 2, 0), utc(2027, 3, 14, 4, 0)},
		{"MON-FRI 22:00-06:00", utc(2027, 3, 13, 5, 0), utc(2027, 3, 12, 22, 0), utc(2027, 3, 13, 6, 0)},
		{"cron 0 2 * * 0 for 2h", utc(2027, 3, 14, 3, 0), utc(2027, 3, 14, 2, 0), utc(2027, 3, 14, 4, 0)},
	} {
		t.Run(c.spec, func(t *testing.T) {
			s := mustParse(t, c.spec)
			start, end, ok := s.Active(c.at, nil)
			if !ok || !start.Equal(c.start) || !end.Equal(c.end) {
				t.Errorf("Active(%v, nil) = %v, %v, %v; want [%v, %v)", c.at, start, end, ok, c.start, c.end)
			}
			if s2, e2, ok2 := s.Active(c.at, time.UTC); s2 != start || e2 != end || ok2 != ok {
				t.Errorf("Active(nil) = %v, %v, %v but Active(UTC) = %v, %v, %v", start, end, ok, s2, e2, ok2)
			}
			ns, ne := s.Next(c.start.Add(-time.Minute), nil)
			if !ns.Equal(c.start) || !ne.Equal(c.end) {
				t.Errorf("Next(nil) = [%v, %v), want [%v, %v)", ns, ne, c.start, c.end)
			}
			// An instant given in another zone is the same instant.
			tokyo := zone(t, "Asia/Tokyo")
			if s2, _, ok2 := s.Active(c.at.In(tokyo), nil); !ok2 || !s2.Equal(start) {
				t.Errorf("Active(in Tokyo, nil) = %v, %v; want %v", s2, ok2, start)
			}
			if start.Location() != time.UTC || ns.Location() != time.UTC {
				t.Errorf("not in UTC: %v, %v", start, ns)
			}
		})
	}
}

// TestZeroSchedule: the zero value has no windows.
func TestZeroSchedule(t *testing.T) {
	var s recurring.Schedule
	if s.String() != "" {
		t.Errorf("String() = %q", s.String())
	}
	if _, _, ok := s.Active(utc(2027, 1, 1, 0, 0), nil); ok {
		t.Error("the zero Schedule is active")
	}
	if start, end := s.Next(utc(2027, 1, 1, 0, 0), nil); !start.IsZero() || !end.IsZero() {
		t.Errorf("Next = %v, %v; want zero times", start, end)
	}
}

// TestConcurrentUse: a Schedule is used by several goroutines at once (run
// with -race).
func TestConcurrentUse(t *testing.T) {
	loc := zone(t, "Europe/Berlin")
	schedules := []recurring.Schedule{mustParse(t, "MON-FRI 22:00-06:00"), mustParse(t, "cron */20 * * * * for 1h")}
	done := make(chan struct{})
	for g := range 4 {
		go func() {
			defer func() { done <- struct{}{} }()
			for i := range 200 {
				u := utc(2027, 10, 30, 0, 0).Add(time.Duration(g*200+i) * 7 * time.Minute)
				for _, s := range schedules {
					s.Active(u, loc)
					s.Next(u, loc)
				}
			}
		}()
	}
	for range 4 {
		<-done
	}
}

// TestOverlappingCronWindows: with windows longer than the time between
// their starts, Active reports the one that started last, also when more
// than a few have started (the binary search).
func TestOverlappingCronWindows(t *testing.T) {
	loc := zone(t, "America/New_York")
	for _, c := range []struct {
		spec string
		at   time.Time
		want time.Time
		dur  time.Duration
	}{
		{"cron */20 * * * * for 1h", utc(2027, 6, 1, 12, 59), utc(2027, 6, 1, 12, 40), time.Hour},
		{"cron * * * * * for 168h", utc(2027, 6, 1, 12, 59).Add(30 * time.Second), utc(2027, 6, 1, 12, 59), 168 * time.Hour},
		{"cron 0 * * * * for 168h", utc(2027, 11, 7, 6, 30), utc(2027, 11, 7, 6, 0), 168 * time.Hour},
		{"cron * 3 * * * for 24h", utc(2027, 6, 2, 2, 0), utc(2027, 6, 1, 7, 59), 24 * time.Hour},
	} {
		s := mustParse(t, c.spec)
		start, end, ok := s.Active(c.at, loc)
		if !ok || !start.Equal(c.want) || end.Sub(start) != c.dur {
			t.Errorf("%s: Active(%v) = %v, %v, %v; want start %v", c.spec, c.at, start, end, ok, c.want)
		}
	}
}

// TestCronBeyondFiveYears: a cron expression with no time within five years
// (robfig/cron's horizon) has no next window.
func TestCronBeyondFiveYears(t *testing.T) {
	s := mustParse(t, "cron 0 0 29 2 * for 1h") // 2100 is no leap year
	at := utc(2097, 3, 1, 0, 0)
	if start, end := s.Next(at, nil); !start.IsZero() || !end.IsZero() {
		t.Errorf("Next(%v) = [%v, %v), want zero times", at, start, end)
	}
	if start, _ := s.Next(utc(2095, 3, 1, 0, 0), nil); !start.Equal(utc(2096, 2, 29, 0, 0)) {
		t.Errorf("Next(2095) = %v, want 2096-02-29", start)
	}
}
