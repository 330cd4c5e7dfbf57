package recurring

import (
	"strings"
	"time"
)

// Schedule is a parsed recurring window: weekly wall-clock windows
// ("MON-FRI 22:00-06:00") or windows that start at the times of a cron
// expression and last a fixed duration ("cron 0 2 * * 0 for 2h").
//
// A Schedule is a small immutable value, safe to copy and to use from
// several goroutines. The zero value is invalid: it has no windows, Active
// always reports false, Next returns zero times and String returns "".
type Schedule struct {
	spec   string // normalised; empty for the zero value
	kind   kind
	weekly weekly      // kind == kindWeekly
	cron   cronWindows // kind == kindCron
}

// kind tells the forms of a Schedule apart.
type kind uint8

const (
	kindNone kind = iota
	kindWeekly
	kindCron
)

// Parse parses a schedule spec: "DAYS HH:MM-HH:MM" (such as
// "SUN 02:00-04:00", "MON-FRI 22:00-06:00", "DAILY 01:30-03:30") or
// "cron <5-field cron> for <duration>" (such as "cron 0 2 * * 0 for 2h").
// The grammar is in the package documentation. A spec that does not parse
// gives a *ParseError naming the part at fault.
func Parse(spec string) (Schedule, error) {
	fields := strings.Fields(spec)
	if len(fields) == 0 {
		return Schedule{}, &ParseError{Spec: spec, Reason: "empty; want DAYS HH:MM-HH:MM (e.g. SUN 02:00-04:00) or cron <5 fields> for <duration> (e.g. cron 0 2 * * 0 for 2h)"}
	}
	if strings.EqualFold(fields[0], "cron") {
		c, err := parseCron(spec, fields[1:])
		if err != nil {
			return Schedule{}, err
		}
		return Schedule{spec: c.String(), kind: kindCron, cron: c}, nil
	}
	w, err := parseWeekly(spec, fields)
	if err != nil {
		return Schedule{}, err
	}
	return Schedule{spec: w.String(), kind: kindWeekly, weekly: w}, nil
}

// String returns the normalised spec, which Parse reads back to the same
// Schedule: day names in upper case, listed Monday first with runs of three
// or more days as ranges ("MON-FRI", "SAT,SUN", "DAILY" for every day),
// times as HH:MM with an end at midnight written 24:00, and for the cron
// form the lower-case cron expression with single spaces and the duration
// without zero units ("cron 30 22 * * 1-5 for 7h30m").
func (s Schedule) String() string { return s.spec }

// Active reports whether t lies in a window of the schedule read in loc
// (nil loc = UTC), and if so that window's start and end (instants, UTC):
// start <= t < end. When windows overlap (a cron form whose duration is
// longer than the time between its starts, or weekly windows stretched by
// a repeated hour) it reports the one that started last.
func (s Schedule) Active(t time.Time, loc *time.Location) (start, end time.Time, ok bool) {
	if loc == nil {
		loc = time.UTC
	}
	switch s.kind {
	case kindWeekly:
		return s.weekly.active(t, loc)
	case kindCron:
		return s.cron.active(t, loc)
	}
	return time.Time{}, time.Time{}, false
}

// Next returns the first window that starts strictly after t, read in loc
// (nil loc = UTC): its start and end (instants, UTC). It returns zero times
// when there is none: for the zero Schedule, and for a cron expression that
// has no time within five years of t (robfig/cron's limit).
func (s Schedule) Next(t time.Time, loc *time.Location) (start, end time.Time) {
	if loc == nil {
		loc = time.UTC
	}
	switch s.kind {
	case kindWeekly:
		return s.weekly.next(t, loc)
	case kindCron:
		return s.cron.next(t, loc)
	}
	return time.Time{}, time.Time{}
}
