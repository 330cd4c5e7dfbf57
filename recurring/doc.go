// Package recurring evaluates recurring maintenance windows in a country's
// time zone, correctly across daylight-saving changes. It knows nothing of
// SQL or alerts: the caller parses a spec once with Parse and asks Active
// (is this instant in a window, and which) or Next (the next window) with
// the zone to read it in.
//
//	s, err := recurring.Parse("MON-FRI 22:00-06:00")
//	start, end, ok := s.Active(now, berlin) // instants, UTC
//	start, end = s.Next(now, berlin)
//
// # Specs
//
// A spec has one of two forms. Day names, "DAILY", "cron" and "for" may be
// written in any case; white space around '-' and ',' is allowed.
//
// Weekly wall-clock windows, "DAYS HH:MM-HH:MM":
//
//	SUN 02:00-04:00        Sundays 02:00-04:00
//	MON-FRI 22:00-06:00    weekdays 22:00 to 06:00 the next morning
//	SAT,SUN 00:00-24:00    whole weekend days
//	MON,WED-FRI 09:00-10:00
//	DAILY 01:30-03:30      every day ("*" is the same)
//
// DAYS is DAILY, *, or a comma-separated list of SUN MON TUE WED THU FRI SAT
// and ranges of them (a range may wrap: FRI-MON is Friday to Monday). The
// times are H:MM or HH:MM; the end may be 24:00 (and 00:00 as an end means
// the same). An end not after the start means the window ends on the next
// day: in MON-FRI 22:00-06:00, Friday 22:00 to Saturday 06:00 is in a
// window, and Monday 00:00-06:00 would be only if SUN were listed. A start
// equal to the end is refused.
//
// Windows from a cron expression, "cron <5-field cron> for <duration>":
//
//	cron 0 2 * * 0 for 2h          Sundays 02:00, for two hours
//	cron 30 22 * * 1-5 for 7h30m   weekdays 22:30, for seven and a half hours
//
// The expression is a standard 5-field cron (minute, hour, day of month,
// month, day of week, as robfig/cron's ParseStandard reads it; descriptors
// such as @daily are accepted, @every and TZ= prefixes are not). The
// duration is a Go duration, more than zero and at most 168h (7 days).
//
// String returns a spec in a normalised form, and Parse refuses any other
// text with a *ParseError that names the part at fault.
//
// # Weekly windows across daylight-saving changes
//
// A weekly window is the wall-clock range on each listed local date: an
// instant is in it when its local date (in the zone given) is listed and
// its local clock is in [start, end), or, for a window crossing midnight,
// when its local date is the day after a listed one and its clock is
// before the end. Active and Next report each window as one interval of
// real time, [start, end):
//
//   - start is the first instant whose local clock reads the start time or
//     later on that date;
//   - end is the instant from which the local clock never again reads
//     earlier than the end time (on the date the window ends): every
//     instant whose clock reads earlier is before it.
//
// When the clock springs forward (a gap) nothing is lost: a window
// 02:00-04:00 on a day whose 02:00-03:00 does not exist starts at the
// first instant after the gap (03:00 local) and lasts one real hour; a
// window whose end falls in the gap ends at the gap; a window lying wholly
// in a gap (02:10-02:40 there) does not occur that day, and Next skips it.
// When the clock falls back (an overlap) a repeated clock time inside the
// window counts both times: on a day when 02:00 falls back to 01:00,
// 01:00-02:00 lasts two real hours, from the first 01:00 to the 02:00
// after the repeat. A start inside the repeated hour is its first
// occurrence and an end inside it its second, so that the window stays one
// interval, which then also holds instants the clock rule alone would
// leave out: that day, DAILY 01:30-03:30 runs three real hours from the
// first 01:30 to 03:30, the repeated 01:00-01:29 included, and
// DAILY 00:00-01:30 runs from midnight to the second 01:30, the first
// 01:30-01:59 included. An end at the very start of the repeat ends at its
// first occurrence: 00:00-01:00 ends at the first 01:00, as no later clock
// reading is earlier. Stretched windows of consecutive days can overlap
// (DAILY 01:40-01:20 that day); Active then reports the one that started
// last.
//
// Wall times are resolved to instants by walking the zone's periods of
// constant offset (time.Time.ZoneBounds), not with time.Date, whose choice
// in gaps and overlaps is unspecified.
//
// # Cron windows across daylight-saving changes
//
// A cron window starts at each time robfig/cron's SpecSchedule.Next finds
// when given a time in the zone, and lasts the duration in real time: in
// New York, "cron 0 1 * * * for 2h" ends at 04:00 on the day clocks skip
// an hour and at 02:00 on the day they repeat one. robfig/cron advances
// the clock hour by hour, so:
//
//   - a start time that falls in a gap does not happen that day: in New
//     York, "cron 30 2 * * * for 1h" has no window on the day clocks jump
//     from 02:00 to 03:00 (unlike the weekly "DAILY 02:30-03:30", which
//     has one from 03:00 to 03:30);
//   - a start time inside a repeated hour happens twice, once in each
//     occurrence: in Berlin, "cron 30 2 * * * for 1h" starts at 02:30 CEST
//     and again at 02:30 CET on the day clocks fall back from 03:00 to
//     02:00.
//
// Active reports the window with the latest start at or before the instant
// that has not yet ended; windows overlap when the duration is longer than
// the time between starts. Next reports the window of the first start after
// the instant; it returns zero times when the expression has no time within
// five years (robfig/cron's limit).
//
// # Zones
//
// A nil *time.Location means UTC. Starts and ends are always returned in
// UTC.
package recurring
