package recurring_test

import (
	"sort"
	"testing"
	"time"

	"github.com/yujing-go/yujing/recurring"
)

// TestCronDSTDays pins the cron windows around the changes in New York and
// Berlin: starts as robfig/cron finds them in the zone, durations in real
// time.
func TestCronDSTDays(t *testing.T) {
	tests := []struct {
		name, zone, spec string
		after            time.Time   // Next from here...
		starts           []time.Time // ...gives these starts in turn
		dur              time.Duration
	}{
		{"New York: Sunday 02:00 does not happen on 14 March", "America/New_York", "cron 0 2 * * 0 for 2h",
			utc(2027, 3, 7, 0, 0), []time.Time{utc(2027, 3, 7, 7, 0), utc(2027, 3, 21, 6, 0)}, 2 * time.Hour},
		{"New York: Sunday 02:00 EST once on 7 November", "America/New_York", "cron 0 2 * * 0 for 2h",
			utc(2027, 11, 1, 0, 0), []time.Time{utc(2027, 11, 7, 7, 0), utc(2027, 11, 14, 7, 0)}, 2 * time.Hour},
		{"New York: 01:30 twice on 7 November", "America/New_York", "cron 30 1 * * * for 1h",
			utc(2027, 11, 6, 12, 0), []time.Time{utc(2027, 11, 7, 5, 30), utc(2027, 11, 7, 6, 30), utc(2027, 11, 8, 6, 30)}, time.Hour},
		{"New York: 01:30 EST then 01:30 EDT in March", "America/New_York", "cron 30 1 * * * for 1h",
			utc(2027, 3, 13, 12, 0), []time.Time{utc(2027, 3, 14, 6, 30), utc(2027, 3, 15, 5, 30)}, time.Hour},
		{"New York: Saturday 22:00 for 8h ends at 07:00 EDT", "America/New_York", "cron 0 22 * * 6 for 8h",
			utc(2027, 3, 13, 0, 0), []time.Time{utc(2027, 3, 14, 3, 0), utc(2027, 3, 21, 2, 0)}, 8 * time.Hour},
		{"New York: weekdays 22:30 for 7h30m", "America/New_York", "cron 30 22 * * 1-5 for 7h30m",
			utc(2027, 3, 12, 12, 0), []time.Time{utc(2027, 3, 13, 3, 30), utc(2027, 3, 16, 2, 30)}, 7*time.Hour + 30*time.Minute},
		{"New York: 01:00 for 2h ends at 04:00 EDT in March", "America/New_York", "cron 0 1 * * * for 2h",
			utc(2027, 3, 13, 12, 0), []time.Time{utc(2027, 3, 14, 6, 0), utc(2027, 3, 15, 5, 0)}, 2 * time.Hour},
		{"New York: 01:00 for 2h ends at 02:00 EST, then starts again at 01:00 EST", "America/New_York", "cron 0 1 * * * for 2h",
			utc(2027, 11, 6, 12, 0), []time.Time{utc(2027, 11, 7, 5, 0), utc(2027, 11, 7, 6, 0), utc(2027, 11, 8, 6, 0)}, 2 * time.Hour},
		{"Berlin: 02:30 does not happen on 28 March", "Europe/Berlin", "cron 30 2 * * * for 1h",
			utc(2027, 3, 27, 0, 0), []time.Time{utc(2027, 3, 27, 1, 30), utc(2027, 3, 29, 0, 30)}, time.Hour},
		{"Berlin: 02:30 CEST and 02:30 CET on 31 October", "Europe/Berlin", "cron 30 2 * * * for 1h",
			utc(2027, 10, 30, 12, 0), []time.Time{utc(2027, 10, 31, 0, 30), utc(2027, 10, 31, 1, 30), utc(2027, 11, 1, 1, 30)}, time.Hour},
		{"Berlin: Sunday 01:00 for 3h across spring forward", "Europe/Berlin", "cron 0 1 * * 0 for 3h",
			utc(2027, 3, 27, 0, 0), []time.Time{utc(2027, 3, 28, 0, 0), utc(2027, 4, 3, 23, 0)}, 3 * time.Hour},
		{"Berlin: Sunday 02:00 for 2h, twice on 31 October", "Europe/Berlin", "cron 0 2 * * 0 for 2h",
			utc(2027, 10, 30, 0, 0), []time.Time{utc(2027, 10, 31, 0, 0), utc(2027, 10, 31, 1, 0), utc(2027, 11, 7, 1, 0)}, 2 * time.Hour},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			loc := zone(t, tt.zone)
			s := mustParse(t, tt.spec)
			at := tt.after
			for _, want := range tt.starts {
				start, end := s.Next(at, loc)
				if !start.Equal(want) || !end.Equal(want.Add(tt.dur)) {
					t.Fatalf("Next(%v) = [%v, %v), want [%v, %v) (%v local)", at, start, end, want, want.Add(tt.dur), want.In(loc))
				}
				// The window is active over its whole length; when windows
				// overlap, the later one wins from its start on.
				if gs, ge, ok := s.Active(start, loc); !ok || !gs.Equal(start) || !ge.Equal(end) {
					t.Errorf("Active(%v) = %v, %v, %v; want its window", start, gs, ge, ok)
				}
				if gs, _, ok := s.Active(end.Add(-time.Nanosecond), loc); !ok || gs.Before(start) {
					t.Errorf("Active(just before the end %v) = %v, %v; want the window or a later one", end, gs, ok)
				}
				at = start
			}
		})
	}
}

// cronChain returns every start of s in loc over [from, to), by calling
// Next from each start to the next.
func cronChain(t *testing.T, s recurring.Schedule, loc *time.Location, from, to time.Time) []time.Time {
	var out []time.Time
	for at := from; ; {
		start, _ := s.Next(at, loc)
		if start.IsZero() || !start.Before(to) {
			return out
		}
		if !start.After(at) {
			t.Fatalf("Next(%v) = %v, not after it", at, start)
		}
		out = append(out, start)
		at = start
	}
}

// TestCronAcrossDST checks, at every 15 minutes of 2027 and every minute
// within 3 hours of each change, that Active reports the window of the
// latest start (from the chain of Next) that has not ended, and that Next
// from anywhere gives the chain's next start. The specs include windows
// that overlap (*/20 for 1h) and a weekly 168h window that overlaps the
// next by an hour in spring and leaves an hour uncovered in autumn.
func TestCronAcrossDST(t *testing.T) {
	specs := []struct {
		spec string
		dur  time.Duration
	}{
		{"cron 0 2 * * 0 for 2h", 2 * time.Hour},
		{"cron 30 22 * * 1-5 for 7h30m", 7*time.Hour + 30*time.Minute},
		{"cron 30 1 * * * for 1h", time.Hour},
		{"cron 30 2 * * * for 1h", time.Hour},
		{"cron */20 * * * * for 1h", time.Hour},
		{"cron 0 0 * * 1 for 168h", 168 * time.Hour},
	}
	year, next := utc(2027, 1, 1, 0, 0), utc(2028, 1, 1, 0, 0)
	for _, name := range []string{"America/New_York", "Europe/Berlin"} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			loc := zone(t, name)
			trans := transitions(loc, year, next)
			for _, c := range specs {
				t.Run(c.spec, func(t *testing.T) {
					s := mustParse(t, c.spec)
					chain := cronChain(t, s, loc, year.AddDate(0, 0, -8), next.AddDate(0, 0, 8))
					// Around the ends of the windows: all of them, or those
					// near a change and every hundredth.
					var extra []time.Time
					for i, st := range chain {
						if len(chain) <= 600 || i%100 == 0 || nearAny(st, trans, 2*day) {
							extra = append(extra, st.Add(-time.Nanosecond), st, st.Add(c.dur-time.Nanosecond), st.Add(c.dur))
						}
					}
					for _, u := range probes(year, next, 15*time.Minute, trans, 3*time.Hour, extra) {
						// The latest start <= u, if u is before its end.
						i := sort.Search(len(chain), func(i int) bool { return chain[i].After(u) })
						var want time.Time
						if i > 0 && u.Before(chain[i-1].Add(c.dur)) {
							want = chain[i-1]
						}
						start, end, ok := s.Active(u, loc)
						if ok != !want.IsZero() || ok && (!start.Equal(want) || !end.Equal(want.Add(c.dur))) {
							t.Fatalf("Active(%v = %v) = %v, %v, %v; want start %v", u, u.In(loc), start, end, ok, want)
						}
						ns, ne := s.Next(u, loc)
						if !ns.Equal(chain[i]) || ne.Sub(ns) != c.dur {
							t.Fatalf("Next(%v) = [%v, %v), want start %v", u, ns, ne, chain[i])
						}
					}
				})
			}
		})
	}
}

const day = 24 * time.Hour

// nearAny reports whether u is within d of one of ts.
func nearAny(u time.Time, ts []time.Time, d time.Duration) bool {
	for _, t := range ts {
		if u.Sub(t) < d && t.Sub(u) < d {
			return true
		}
	}
	return false
}
