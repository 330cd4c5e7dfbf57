package recurring_test

import (
	"slices"
	"testing"
	"time"
	_ "time/tzdata" // the zones of the tests, whatever the machine has

	"github.com/yujing-go/yujing/recurring"
)

// zone loads a time zone or fails the test.
func zone(t testing.TB, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatalf("time zone %s: %v", name, err)
	}
	return loc
}

// mustParse parses spec or fails the test.
func mustParse(t testing.TB, spec string) recurring.Schedule {
	t.Helper()
	s, err := recurring.Parse(spec)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// utc is a UTC instant to the minute.
func utc(y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, time.UTC)
}

// offsetOf returns loc's UTC offset at u, in seconds.
func offsetOf(u time.Time, loc *time.Location) int {
	_, off := u.In(loc).Zone()
	return off
}

// transitions returns the instants in [from, to) at which loc's UTC offset
// changes, found by comparing the offsets an hour apart and then halving
// the hour to the second.
func transitions(loc *time.Location, from, to time.Time) []time.Time {
	var out []time.Time
	for u := from; u.Before(to); u = u.Add(time.Hour) {
		next := u.Add(time.Hour)
		if offsetOf(u, loc) == offsetOf(next, loc) {
			continue
		}
		lo, hi := u, next // offset(lo) != offset(hi); the change is in (lo, hi]
		for hi.Sub(lo) > time.Second {
			mid := lo.Add(hi.Sub(lo) / 2)
			if offsetOf(mid, loc) == offsetOf(lo, loc) {
				lo = mid
			} else {
				hi = mid
			}
		}
		out = append(out, hi)
	}
	return out
}

// probes returns the sorted, distinct instants a year scan checks: every
// step of [from, to), every minute within ±near of each transition, and
// the extra instants.
func probes(from, to time.Time, step time.Duration, trans []time.Time, near time.Duration, extra []time.Time) []time.Time {
	out := make([]time.Time, 0, int(to.Sub(from)/step)+len(trans)*int(2*near/time.Minute+1)+len(extra))
	add := func(u time.Time) {
		if u = u.UTC(); !u.Before(from) && u.Before(to) {
			out = append(out, u)
		}
	}
	for u := from; u.Before(to); u = u.Add(step) {
		add(u)
	}
	for _, tr := range trans {
		for u := tr.Add(-near); !u.After(tr.Add(near)); u = u.Add(time.Minute) {
			add(u)
		}
	}
	for _, u := range extra {
		add(u)
	}
	slices.SortFunc(out, time.Time.Compare)
	return slices.CompactFunc(out, time.Time.Equal)
}
