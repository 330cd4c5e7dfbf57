package recurring_test

import (
	"fmt"
	"sort"
	"testing"
	"time"
)

// The weekly form checked against a brute force written plainly from the
// package's definition, over every transition of 2027 in zones with
// daylight saving time.

// weeklyCase is a weekly spec and, independently, what it says.
type weeklyCase struct {
	spec     string
	days     []time.Weekday
	from, to int // minutes after midnight; to <= from: the window ends the next day
}

var weeklyCases = []weeklyCase{
	{"DAILY 01:30-03:30", []time.Weekday{0, 1, 2, 3, 4, 5, 6}, 90, 210},
	{"SUN 02:00-04:00", []time.Weekday{time.Sunday}, 120, 240},
	{"MON-FRI 22:00-06:00", []time.Weekday{1, 2, 3, 4, 5}, 22 * 60, 6 * 60},
	{"SAT 00:00-24:00", []time.Weekday{time.Saturday}, 0, 24 * 60},
}

// date is a local calendar date.
type date struct {
	y int
	m time.Month
	d int
}

func (d date) String() string { return fmt.Sprintf("%04d-%02d-%02d", d.y, d.m, d.d) }

func (d date) weekday() time.Weekday {
	return time.Date(d.y, d.m, d.d, 12, 0, 0, 0, time.UTC).Weekday()
}

func (d date) dayBefore() date {
	p := time.Date(d.y, d.m, d.d-1, 12, 0, 0, 0, time.UTC)
	return date{p.Year(), p.Month(), p.Day()}
}

func (c weeklyCase) listed(wd time.Weekday) bool {
	for _, d := range c.days {
		if d == wd {
			return true
		}
	}
	return false
}

// clockRule is the definition: t is in the window of listed date D when
// its local date is D and its clock is in [from, to), or, for a window
// crossing midnight, its local date is the day after D and its clock is
// before to. It returns D.
func (c weeklyCase) clockRule(t time.Time, loc *time.Location) (date, bool) {
	return c.clockRuleAt(localOf(t, loc))
}

// local is an instant's local date, weekday and clock (seconds after
// midnight).
type local struct {
	day     date
	weekday time.Weekday
	clock   int
}

func localOf(t time.Time, loc *time.Location) local {
	lt := t.In(loc)
	return local{date{lt.Year(), lt.Month(), lt.Day()}, lt.Weekday(), lt.Hour()*3600 + lt.Minute()*60 + lt.Second()}
}

func (c weeklyCase) clockRuleAt(l local) (date, bool) {
	from, to := c.from*60, c.to*60
	if to > from {
		return l.day, c.listed(l.weekday) && l.clock >= from && l.clock < to
	}
	if c.listed(l.weekday) && l.clock >= from {
		return l.day, true
	}
	return l.day.dayBefore(), c.listed((l.weekday+6)%7) && l.clock < to
}

// bruteWindow is a window as one interval: from the first instant the
// clock rule puts in it to the end of the last.
type bruteWindow struct {
	day        date
	start, end time.Time
}

// minutes returns the local time of every minute of [from, to).
func minutes(loc *time.Location, from, to time.Time) []local {
	out := make([]local, 0, int(to.Sub(from)/time.Minute))
	for u := from; u.Before(to); u = u.Add(time.Minute) {
		out = append(out, localOf(u, loc))
	}
	return out
}

// bruteWindows applies the clock rule to every minute from from (the local
// times ls; the zones change offset and the windows begin and end on whole
// minutes) and returns the windows in the order they start.
func (c weeklyCase) bruteWindows(from time.Time, ls []local) []bruteWindow {
	byDay := map[date]*bruteWindow{}
	var order []*bruteWindow
	for i, l := range ls {
		d, ok := c.clockRuleAt(l)
		if !ok {
			continue
		}
		u := from.Add(time.Duration(i) * time.Minute)
		w := byDay[d]
		if w == nil {
			w = &bruteWindow{day: d, start: u}
			byDay[d] = w
			order = append(order, w)
		}
		w.end = u.Add(time.Minute)
	}
	out := make([]bruteWindow, len(order))
	for i, w := range order {
		out[i] = *w
	}
	sort.Slice(out, func(i, j int) bool { return out[i].start.Before(out[j].start) })
	return out
}

// containing returns the window holding t that started last.
func containing(ws []bruteWindow, t time.Time) (bruteWindow, bool) {
	i := sort.Search(len(ws), func(i int) bool { return ws[i].start.After(t) })
	for j := i - 1; j >= 0 && j >= i-3; j-- {
		if t.Before(ws[j].end) {
			return ws[j], true
		}
	}
	return bruteWindow{}, false
}

// following returns the first window starting after t.
func following(ws []bruteWindow, t time.Time) (bruteWindow, bool) {
	i := sort.Search(len(ws), func(i int) bool { return ws[i].start.After(t) })
	if i == len(ws) {
		return bruteWindow{}, false
	}
	return ws[i], true
}

// TestWeeklyAcrossDST checks Active and Next at every 5 minutes of 2027
// (of 2011 for Samoa),
// every minute within 3 hours of each change of offset, and just around
// every window's ends, in zones of both hemispheres, against the brute
// force. Where an instant is active though the clock rule alone leaves it
// out, it must lie between the two readings of a repeated hour (a start or
// end inside it); the test counts those instants.
func TestWeeklyAcrossDST(t *testing.T) {
	zones := []struct {
		name      string
		year      int
		changes   int            // of offset in the year
		stretched map[string]int // spec: the probes active outside the clock rule
	}{
		// 2027-11-07 01:00 EDT falls back to 01:00 EST: DAILY 01:30-03:30 runs
		// from 01:30 EDT to 03:30 EST, holding 01:00-01:29 EST.
		{"America/New_York", 2027, 2, map[string]int{"DAILY 01:30-03:30": 30}},
		{"Europe/Berlin", 2027, 2, nil},
		{"Australia/Sydney", 2027, 2, nil},
		// Beyond the brief: a 30-minute change; changes at midnight; a
		// skipped day (Samoa went from -10 to +14 after 29 December 2011).
		{"Australia/Lord_Howe", 2027, 2, nil},
		{"America/Santiago", 2027, 2, nil},
		// 2011-04-02 04:00 -10 fell back to 03:00 -11: DAILY 01:30-03:30 runs
		// to the second 03:30, holding the first 03:30-03:59.
		{"Pacific/Apia", 2011, 3, map[string]int{"DAILY 01:30-03:30": 30}},
	}
	for _, z := range zones {
		t.Run(z.name, func(t *testing.T) {
			t.Parallel()
			loc := zone(t, z.name)
			year, next := utc(z.year, 1, 1, 0, 0), utc(z.year+1, 1, 1, 0, 0)
			trans := transitions(loc, year, next)
			if len(trans) != z.changes {
				t.Fatalf("%d changes of offset in %d, want %d: %v", len(trans), z.year, z.changes, trans)
			}
			from, to := year.AddDate(0, 0, -3), next.AddDate(0, 0, 10)
			ls := minutes(loc, from, to)
			for _, c := range weeklyCases {
				t.Run(c.spec, func(t *testing.T) {
					s := mustParse(t, c.spec)
					ws := c.bruteWindows(from, ls)
					if ws[0].start.Equal(from) {
						ws = ws[1:] // cut by the scan
					}
					if ws[len(ws)-1].end.Equal(to) {
						ws = ws[:len(ws)-1]
					}
					var extra []time.Time
					for _, w := range ws {
						extra = append(extra, w.start.Add(-time.Nanosecond), w.start, w.start.Add(30*time.Second),
							w.end.Add(-time.Nanosecond), w.end)
						checkFlips(t, c, loc, w)
					}
					stretched := 0
					for _, u := range probes(year, next, 5*time.Minute, trans, 3*time.Hour, extra) {
						want, wantOK := containing(ws, u)
						start, end, ok := s.Active(u, loc)
						if ok != wantOK || ok && (!start.Equal(want.start) || !end.Equal(want.end)) {
							t.Fatalf("Active(%v = %v) = %v, %v, %v; want %v, %v, %v (window of %v)",
								u, u.In(loc), start, end, ok, want.start, want.end, wantOK, want.day)
						}
						if ok {
							if start.After(u) || !u.Before(end) || start.Location() != time.UTC || end.Location() != time.UTC {
								t.Fatalf("Active(%v) = [%v, %v): does not hold it in UTC", u, start, end)
							}
							if d, in := c.clockRule(u, loc); !in {
								stretched++
							} else if d != want.day {
								t.Fatalf("Active(%v = %v): window of %v, the clock says %v", u, u.In(loc), want.day, d)
							}
							if ns, ne := s.Next(start.Add(-time.Nanosecond), loc); !ns.Equal(start) || !ne.Equal(end) {
								t.Fatalf("Next(just before %v) = [%v, %v), want the window [%v, %v)", start, ns, ne, start, end)
							}
						} else if _, in := c.clockRule(u, loc); in {
							t.Fatalf("Active(%v = %v) = false; the clock rule has it in a window", u, u.In(loc))
						}
						wantNext, _ := following(ws, u)
						if ns, ne := s.Next(u, loc); !ns.Equal(wantNext.start) || !ne.Equal(wantNext.end) {
							t.Fatalf("Next(%v = %v) = [%v, %v), want [%v, %v) (window of %v)",
								u, u.In(loc), ns, ne, wantNext.start, wantNext.end, wantNext.day)
						}
					}
					if stretched != z.stretched[c.spec] {
						t.Errorf("%d probes active outside the clock rule, want %d", stretched, z.stretched[c.spec])
					}
				})
			}
		})
	}
}

// checkFlips checks that the clock rule flips into window w at its start
// and out of it at its end.
func checkFlips(t *testing.T, c weeklyCase, loc *time.Location, w bruteWindow) {
	t.Helper()
	in := func(u time.Time) bool { d, ok := c.clockRule(u, loc); return ok && d == w.day }
	if in(w.start.Add(-time.Second)) || !in(w.start) || !in(w.end.Add(-time.Second)) || in(w.end) {
		t.Fatalf("window of %v [%v, %v): the clock rule does not flip at its ends", w.day, w.start, w.end)
	}
}

// TestWeeklyDSTDays pins the windows of the days clocks change.
func TestWeeklyDSTDays(t *testing.T) {
	tests := []struct {
		name, zone, spec string
		at               time.Time // an instant in the window, or before it for Next
		start, end       time.Time
		real             time.Duration
	}{
		{"New York spring forward: 03:00 EDT to 04:00 EDT", "America/New_York", "SUN 02:00-04:00",
			utc(2027, 3, 14, 7, 30), utc(2027, 3, 14, 7, 0), utc(2027, 3, 14, 8, 0), time.Hour},
		{"New York fall back: the repeated hour counts twice", "America/New_York", "SUN 01:00-02:00",
			utc(2027, 11, 7, 6, 30), utc(2027, 11, 7, 5, 0), utc(2027, 11, 7, 7, 0), 2 * time.Hour},
		{"New York: a window across the change", "America/New_York", "SAT 22:00-06:00",
			utc(2027, 3, 14, 5, 0), utc(2027, 3, 14, 3, 0), utc(2027, 3, 14, 10, 0), 7 * time.Hour},
		{"New York: across the change in autumn", "America/New_York", "SAT 22:00-06:00",
			utc(2027, 11, 7, 5, 0), utc(2027, 11, 7, 2, 0), utc(2027, 11, 7, 11, 0), 9 * time.Hour},
		{"New York: ending where the repeat starts ends at the first 01:00", "America/New_York", "SUN 00:00-01:00",
			utc(2027, 11, 7, 4, 30), utc(2027, 11, 7, 4, 0), utc(2027, 11, 7, 5, 0), time.Hour},
		{"New York: starting inside the repeat starts at the first 01:30", "America/New_York", "DAILY 01:30-03:30",
			utc(2027, 11, 7, 6, 15), utc(2027, 11, 7, 5, 30), utc(2027, 11, 7, 8, 30), 3 * time.Hour},
		{"New York: ending in the gap ends at the gap", "America/New_York", "SUN 01:30-02:30",
			utc(2027, 3, 14, 6, 45), utc(2027, 3, 14, 6, 30), utc(2027, 3, 14, 7, 0), 30 * time.Minute},
		{"New York: starting in the gap", "America/New_York", "DAILY 02:30-03:30",
			utc(2027, 3, 14, 7, 15), utc(2027, 3, 14, 7, 0), utc(2027, 3, 14, 7, 30), 30 * time.Minute},
		{"New York: ending inside the repeat ends at the second 01:30", "America/New_York", "DAILY 00:00-01:30",
			utc(2027, 11, 7, 5, 45), utc(2027, 11, 7, 4, 0), utc(2027, 11, 7, 6, 30), 2*time.Hour + 30*time.Minute},
		{"Berlin spring forward", "Europe/Berlin", "SUN 02:00-04:00",
			utc(2027, 3, 28, 1, 30), utc(2027, 3, 28, 1, 0), utc(2027, 3, 28, 2, 0), time.Hour},
		{"Berlin fall back: 02:00 CEST to 04:00 CET", "Europe/Berlin", "SUN 02:00-04:00",
			utc(2027, 10, 31, 1, 30), utc(2027, 10, 31, 0, 0), utc(2027, 10, 31, 3, 0), 3 * time.Hour},
		{"Sydney fall back (April)", "Australia/Sydney", "SUN 02:00-04:00",
			utc(2027, 4, 3, 16, 30), utc(2027, 4, 3, 15, 0), utc(2027, 4, 3, 18, 0), 3 * time.Hour},
		{"Sydney spring forward (October)", "Australia/Sydney", "SUN 02:00-04:00",
			utc(2027, 10, 2, 16, 30), utc(2027, 10, 2, 16, 0), utc(2027, 10, 2, 17, 0), time.Hour},
		{"Santiago: Saturday's 23:00 repeats at midnight", "America/Santiago", "SAT 00:00-24:00",
			utc(2027, 4, 4, 3, 30), utc(2027, 4, 3, 3, 0), utc(2027, 4, 4, 4, 0), 25 * time.Hour},
		{"Santiago: Saturday's midnight is skipped", "America/Santiago", "SAT 00:00-24:00",
			utc(2027, 9, 5, 3, 30), utc(2027, 9, 4, 4, 0), utc(2027, 9, 5, 4, 0), 24 * time.Hour},
		{"Samoa: Thursday night ends when Friday is skipped", "Pacific/Apia", "THU 22:00-06:00",
			utc(2011, 12, 30, 9, 0), utc(2011, 12, 30, 8, 0), utc(2011, 12, 30, 10, 0), 2 * time.Hour},
		{"Samoa: Friday night is Saturday's small hours", "Pacific/Apia", "FRI 22:00-06:00",
			utc(2011, 12, 30, 12, 0), utc(2011, 12, 30, 10, 0), utc(2011, 12, 30, 16, 0), 6 * time.Hour},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			loc := zone(t, tt.zone)
			s := mustParse(t, tt.spec)
			if got := tt.end.Sub(tt.start); got != tt.real {
				t.Fatalf("test case: [%v, %v) lasts %v, not %v", tt.start, tt.end, got, tt.real)
			}
			start, end, ok := s.Active(tt.at, loc)
			if !ok || !start.Equal(tt.start) || !end.Equal(tt.end) {
				t.Errorf("Active(%v) = %v, %v, %v; want [%v, %v) = %v to %v local",
					tt.at, start, end, ok, tt.start, tt.end, tt.start.In(loc), tt.end.In(loc))
			}
			start, end = s.Next(tt.start.Add(-time.Minute), loc)
			if !start.Equal(tt.start) || !end.Equal(tt.end) {
				t.Errorf("Next(a minute before) = [%v, %v), want [%v, %v)", start, end, tt.start, tt.end)
			}
			if _, _, ok := s.Active(tt.start.Add(-time.Nanosecond), loc); ok {
				t.Errorf("active just before %v", tt.start)
			}
			if _, _, ok := s.Active(tt.end, loc); ok {
				t.Errorf("active at its end %v", tt.end)
			}
		})
	}
}

// TestWeeklyWindowInGap: a window lying wholly in the skipped hour (or day)
// does not happen that day, and Next goes on to the next week.
func TestWeeklyWindowInGap(t *testing.T) {
	apia := zone(t, "Pacific/Apia")
	fri := mustParse(t, "FRI 10:00-12:00")
	start, end := fri.Next(utc(2011, 12, 29, 0, 0), apia) // Wednesday 14:00 local
	if want := utc(2012, 1, 5, 20, 0); !start.Equal(want) || !end.Equal(want.Add(2*time.Hour)) {
		t.Errorf("Samoa: Next = [%v, %v), want [%v, +2h): 30 December 2011 did not happen", start, end, want)
	}

	loc := zone(t, "America/New_York")
	s := mustParse(t, "SUN 02:10-02:40")
	for u := utc(2027, 3, 14, 5, 0); u.Before(utc(2027, 3, 14, 9, 0)); u = u.Add(time.Minute) {
		if start, end, ok := s.Active(u, loc); ok {
			t.Fatalf("Active(%v) = [%v, %v), want none on the day 02:00-03:00 is skipped", u, start, end)
		}
	}
	start, end = s.Next(utc(2027, 3, 13, 12, 0), loc)
	if want := utc(2027, 3, 21, 6, 10); !start.Equal(want) || !end.Equal(want.Add(30*time.Minute)) {
		t.Errorf("Next = [%v, %v), want [%v, +30m) on the next Sunday", start, end, want)
	}
}

// TestWeeklyStretchedOverlap: on the day New York repeats 01:00-01:59,
// the window of 6 November (01:40 to the second 01:20 of the 7th) and the
// window of the 7th (from the first 01:40) overlap; Active reports the
// later.
func TestWeeklyStretchedOverlap(t *testing.T) {
	loc := zone(t, "America/New_York")
	s := mustParse(t, "DAILY 01:40-01:20")
	tests := []struct{ at, start, end time.Time }{
		{utc(2027, 11, 7, 5, 39), utc(2027, 11, 6, 5, 40), utc(2027, 11, 7, 6, 20)},
		{utc(2027, 11, 7, 5, 40), utc(2027, 11, 7, 5, 40), utc(2027, 11, 8, 6, 20)},
		{utc(2027, 11, 7, 6, 10), utc(2027, 11, 7, 5, 40), utc(2027, 11, 8, 6, 20)},
	}
	for _, tt := range tests {
		start, end, ok := s.Active(tt.at, loc)
		if !ok || !start.Equal(tt.start) || !end.Equal(tt.end) {
			t.Errorf("Active(%v) = %v, %v, %v; want [%v, %v)", tt.at, start, end, ok, tt.start, tt.end)
		}
	}
	if start, end := s.Next(utc(2027, 11, 7, 5, 0), loc); !start.Equal(utc(2027, 11, 7, 5, 40)) || !end.Equal(utc(2027, 11, 8, 6, 20)) {
		t.Errorf("Next = [%v, %v), want the window of the 7th", start, end)
	}
}

// TestWeeklyDays: which days a window crossing midnight covers.
func TestWeeklyDays(t *testing.T) {
	s := mustParse(t, "MON-FRI 22:00-06:00")
	loc := zone(t, "Europe/Berlin")
	local := func(m time.Month, d, h, min int) time.Time { return time.Date(2027, m, d, h, min, 0, 0, loc) }
	tests := []struct {
		at   time.Time
		want bool
	}{
		{local(6, 11, 22, 0), true},  // Friday 22:00
		{local(6, 12, 5, 59), true},  // Saturday 05:59, Friday's window
		{local(6, 12, 6, 0), false},  // Saturday 06:00
		{local(6, 12, 22, 0), false}, // Saturday 22:00
		{local(6, 13, 23, 0), false}, // Sunday 23:00
		{local(6, 14, 3, 0), false},  // Monday 03:00: Sunday is not listed
		{local(6, 14, 21, 59), false},
		{local(6, 14, 22, 0), true}, // Monday 22:00
		{local(6, 15, 3, 0), true},  // Tuesday 03:00, Monday's window
	}
	for _, tt := range tests {
		if _, _, ok := s.Active(tt.at, loc); ok != tt.want {
			t.Errorf("Active(%v) = %v, want %v", tt.at, ok, tt.want)
		}
	}
}
