package recurring

import (
	"testing"
	"time"
	_ "time/tzdata"
)

// TestWallResolution checks firstAt and lastAt against a scan of the local
// clock minute by minute, for wall times every 10 minutes within 30 hours
// of changes of offset: springing forward and falling back, by an hour and
// by half an hour, at midnight, and a skipped day.
func TestWallResolution(t *testing.T) {
	cases := []struct {
		zone   string
		change time.Time // an instant just after a change of offset
	}{
		{"America/New_York", time.Date(2027, 3, 14, 7, 0, 0, 0, time.UTC)},
		{"America/New_York", time.Date(2027, 11, 7, 6, 0, 0, 0, time.UTC)},
		{"Europe/Berlin", time.Date(2027, 3, 28, 1, 0, 0, 0, time.UTC)},
		{"Europe/Berlin", time.Date(2027, 10, 31, 1, 0, 0, 0, time.UTC)},
		{"Australia/Sydney", time.Date(2027, 4, 3, 16, 0, 0, 0, time.UTC)},
		{"Australia/Sydney", time.Date(2027, 10, 2, 16, 0, 0, 0, time.UTC)},
		{"Australia/Lord_Howe", time.Date(2027, 4, 3, 15, 0, 0, 0, time.UTC)},
		{"Australia/Lord_Howe", time.Date(2027, 10, 2, 15, 30, 0, 0, time.UTC)},
		{"America/Santiago", time.Date(2027, 4, 4, 3, 0, 0, 0, time.UTC)},
		{"America/Santiago", time.Date(2027, 9, 5, 4, 0, 0, 0, time.UTC)},
		{"America/Havana", time.Date(2027, 3, 14, 5, 0, 0, 0, time.UTC)},
		{"America/Havana", time.Date(2027, 11, 7, 5, 0, 0, 0, time.UTC)},
		{"Pacific/Apia", time.Date(2011, 12, 30, 10, 0, 0, 0, time.UTC)},
		{"Asia/Kolkata", time.Date(2027, 6, 1, 0, 0, 0, 0, time.UTC)}, // no change
		{"UTC", time.Date(2027, 6, 1, 0, 0, 0, 0, time.UTC)},
	}
	for _, c := range cases {
		t.Run(c.zone+"/"+c.change.Format("2006-01-02"), func(t *testing.T) {
			loc, err := time.LoadLocation(c.zone)
			if err != nil {
				t.Fatal(err)
			}
			if c.zone != "UTC" && c.zone != "Asia/Kolkata" {
				_, before := c.change.Add(-time.Second).In(loc).Zone()
				if _, after := c.change.In(loc).Zone(); before == after {
					t.Fatalf("no change of offset at %v", c.change)
				}
			}
			// The clock, as seconds of a UTC wall time, every minute of
			// ±60h around the change.
			from := c.change.Add(-60 * time.Hour)
			clock := make([]int64, 120*60)
			for i := range clock {
				u := from.Add(time.Duration(i) * time.Minute)
				_, off := u.In(loc).Zone()
				clock[i] = u.Unix() + int64(off)
			}
			at := func(i int) time.Time { return from.Add(time.Duration(i) * time.Minute) }
			lt := c.change.In(loc)
			mid := time.Date(lt.Year(), lt.Month(), lt.Day(), lt.Hour(), 0, 0, 0, time.UTC)
			for w := mid.Add(-30 * time.Hour); !w.After(mid.Add(30 * time.Hour)); w = w.Add(10 * time.Minute) {
				// first: the first minute reading w or later.
				first := -1
				for i, s := range clock {
					if s >= w.Unix() {
						first = i
						break
					}
				}
				// last: just after the last minute reading earlier than w.
				last := 0
				for i, s := range clock {
					if s < w.Unix() {
						last = i + 1
					}
				}
				if got := firstAt(w, loc); first < 0 || !got.Equal(at(first)) {
					t.Fatalf("firstAt(%s) = %v, want %v", w.Format("2006-01-02 15:04"), got, at(first))
				}
				if got := lastAt(w, loc); !got.Equal(at(last)) {
					t.Fatalf("lastAt(%s) = %v, want %v", w.Format("2006-01-02 15:04"), got, at(last))
				}
			}
		})
	}
}

// TestResolverFixed: the fixed-offset shortcut agrees with firstAt and
// lastAt for the wall times within three days of the instant it is made
// for, at instants all over a year, near changes or not.
func TestResolverFixed(t *testing.T) {
	for _, name := range []string{"America/New_York", "Europe/Berlin", "Australia/Sydney", "Australia/Lord_Howe"} {
		loc, err := time.LoadLocation(name)
		if err != nil {
			t.Fatal(err)
		}
		fixed := 0
		for u := time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC); u.Year() == 2027; u = u.Add(5*time.Hour + 17*time.Minute) {
			r, wall := resolverAt(u, loc)
			if !r.fixed {
				continue
			}
			fixed++
			for w := wall.Add(-3 * day); !w.After(wall.Add(3 * day)); w = w.Add(3*time.Hour + 10*time.Minute) {
				if got, want := r.first(w), firstAt(w, loc); !got.Equal(want) {
					t.Fatalf("%s: resolver at %v: first(%v) = %v, firstAt = %v", name, u, w, got, want)
				}
				if got, want := r.last(w), lastAt(w, loc); !got.Equal(want) {
					t.Fatalf("%s: resolver at %v: last(%v) = %v, lastAt = %v", name, u, w, got, want)
				}
			}
		}
		if fixed < 1200 {
			t.Errorf("%s: the shortcut applied at %d of 1657 instants, want most", name, fixed)
		}
	}
}
