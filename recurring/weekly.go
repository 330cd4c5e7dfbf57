package recurring

import "time"

// The weekly form's windows. The window of a listed local date d runs from
// the first instant whose clock reads the start on d to the instant from
// which the clock never again reads earlier than the end (on d, or on the
// next day for a window crossing midnight). It is empty when it lies
// wholly in a gap.

const day = 24 * time.Hour

// startOf returns the start of the window of date d (a wall time at
// midnight).
func (w weekly) startOf(d time.Time, r resolver) time.Time {
	return r.first(d.Add(time.Duration(w.start) * time.Minute))
}

// endOf returns the end of the window of date d.
func (w weekly) endOf(d time.Time, r resolver) time.Time {
	end := d.Add(time.Duration(w.end) * time.Minute)
	if w.end <= w.start {
		end = end.Add(day)
	}
	return r.last(end)
}

// listed reports whether the weekday of date d is listed.
func (w weekly) listed(d time.Time) bool { return w.days&(1<<d.Weekday()) != 0 }

// active looks for t in the windows of its local date and of the days on
// either side: the day before for windows crossing midnight, and both for
// hours repeated at midnight, which can give t's clock another date than
// its window's. The latest start wins.
func (w weekly) active(t time.Time, loc *time.Location) (start, end time.Time, ok bool) {
	r, wall := resolverAt(t, loc)
	today := wall.Truncate(day)
	for i := 1; i >= -1; i-- {
		d := today.Add(time.Duration(i) * day)
		if !w.listed(d) {
			continue
		}
		if start = w.startOf(d, r); start.After(t) {
			continue
		}
		if end = w.endOf(d, r); t.Before(end) {
			return start, end, true
		}
	}
	return time.Time{}, time.Time{}, false
}

// maxDays bounds the days Next looks ahead: a listed day comes every week,
// and only a window lying wholly in a gap is skipped.
const maxDays = 400

// next returns the first non-empty window that starts after t. Starts grow
// with the date, so the first one found is the earliest.
func (w weekly) next(t time.Time, loc *time.Location) (start, end time.Time) {
	r := resolver{loc: loc}
	lt := t.In(loc)
	d := time.Date(lt.Year(), lt.Month(), lt.Day()-1, 0, 0, 0, 0, time.UTC)
	for range maxDays {
		if w.listed(d) {
			if start = w.startOf(d, r); start.After(t) {
				if end = w.endOf(d, r); end.After(start) {
					return start, end
				}
			}
		}
		d = d.Add(day)
	}
	return time.Time{}, time.Time{}
}
