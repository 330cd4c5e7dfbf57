package recurring

import "time"

// Resolving a local wall-clock time to an instant, deterministically.
//
// A wall time is a local date and clock written as a time.Time in UTC
// whose fields are the local ones (2027-03-14 02:00 in New York is
// 2027-03-14T02:00:00Z here). time.Date leaves unspecified which instant it
// picks for a wall time that a zone skips (a gap) or repeats (an overlap),
// so these functions walk the zone's periods of constant offset instead
// (Time.ZoneBounds): within a period the wall clock is the instant plus the
// period's offset, so it reads w or later from instant w-offset on.

// reach bounds how far a wall time can be from the instant that reads it:
// more than any UTC offset (the largest in the tz database are under 16h,
// local mean times of the 19th century such as Manila's -15:56), with room
// for a transition.
const reach = 26 * time.Hour

// maxPeriods caps the periods walked; ±reach spans two or three at most.
const maxPeriods = 16

// offsetAt returns loc's UTC offset at instant u and the instant its next
// period starts (zero if none).
func offsetAt(u time.Time, loc *time.Location) (off time.Duration, next time.Time) {
	lu := u.In(loc)
	_, sec := lu.Zone()
	_, next = lu.ZoneBounds()
	return time.Duration(sec) * time.Second, next
}

// firstAt returns the first instant at which the wall clock in loc reads
// wall or later. For a wall time in a gap that is the end of the gap (the
// transition); for a repeated one, its earlier occurrence.
func firstAt(wall time.Time, loc *time.Location) time.Time {
	x := wall.Add(-reach) // reads earlier than wall
	for range maxPeriods {
		off, next := offsetAt(x, loc)
		// In the period [x, next) the clock reads wall or later from c on.
		c := wall.Add(-off)
		if c.Before(x) {
			c = x // the whole period does: wall was skipped
		}
		if next.IsZero() || c.Before(next) {
			return c.UTC()
		}
		x = next
	}
	return x.UTC() // unreachable: no zone changes offset that often
}

// lastAt returns the instant from which the wall clock in loc never again
// reads earlier than wall: every instant whose clock reads earlier is
// before it. For a wall time in a gap that is the end of the gap; for one
// inside a repeated stretch, its later occurrence; for one at the very
// start of a repeated stretch (01:00 when 02:00 falls back to 01:00), its
// earlier occurrence, as the clock reads 01:00 or later from then on.
func lastAt(wall time.Time, loc *time.Location) time.Time {
	x := wall.Add(-reach) // reads earlier than wall
	limit := wall.Add(reach)
	last := x
	for range maxPeriods {
		off, next := offsetAt(x, loc)
		// In the period [x, next) the clock reads earlier than wall before c.
		if c := wall.Add(-off); c.After(x) {
			if !next.IsZero() && next.Before(c) {
				c = next
			}
			last = c
		}
		if next.IsZero() || next.After(limit) {
			break
		}
		x = next
	}
	return last.UTC()
}

// resolver resolves the wall times near one instant: with a fixed offset
// when loc keeps one offset for days around it (most of the year in most
// zones), and with firstAt and lastAt otherwise.
type resolver struct {
	loc   *time.Location
	off   time.Duration
	fixed bool
}

// steadyFor is how long loc must keep its offset on either side of an
// instant for the wall times of the windows around it to be resolved with
// that offset alone: those wall times lie within three days of the
// instant's, and with offsets below reach no instant outside ±5 days reads
// them.
const steadyFor = 5 * 24 * time.Hour

// resolverAt returns a resolver for the wall times within three days of
// t's in loc, and t's wall time.
func resolverAt(t time.Time, loc *time.Location) (resolver, time.Time) {
	lt := t.In(loc)
	_, sec := lt.Zone()
	off := time.Duration(sec) * time.Second
	from, to := lt.ZoneBounds()
	fixed := (from.IsZero() || t.Sub(from) >= steadyFor) && (to.IsZero() || to.Sub(t) > steadyFor)
	wall := t.Add(off).UTC()
	return resolver{loc: loc, off: off, fixed: fixed}, wall
}

// first is firstAt.
func (r resolver) first(wall time.Time) time.Time {
	if r.fixed {
		return wall.Add(-r.off)
	}
	return firstAt(wall, r.loc)
}

// last is lastAt.
func (r resolver) last(wall time.Time) time.Time {
	if r.fixed {
		return wall.Add(-r.off)
	}
	return lastAt(wall, r.loc)
}
