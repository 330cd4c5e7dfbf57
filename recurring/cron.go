package recurring

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/robfig/cron/v3"
)

// The cron form, "cron <5-field cron> for <duration>": windows start at the
// times of the cron expression read in the caller's zone and last the
// duration in real time.

// maxDuration is the longest window of the cron form.
const maxDuration = 7 * day

const wantCron = "want cron <minute> <hour> <day of month> <month> <day of week> for <duration>, e.g. cron 0 2 * * 0 for 2h"

// cronWindows is a parsed cron form.
type cronWindows struct {
	expr  string             // the cron expression, normalised
	sched *cron.SpecSchedule // its times; Location is time.Local: the zone of the time given to Next
	dur   time.Duration      // how long each window lasts, 0 < dur <= maxDuration
}

// parseCron parses fields, what follows "cron" in spec split at white
// space, as "<cron> for <duration>".
func parseCron(spec string, fields []string) (cronWindows, error) {
	fail := func(field, part, reason string, args ...any) (cronWindows, error) {
		return cronWindows{}, &ParseError{Spec: spec, Field: field, Part: part, Reason: fmt.Sprintf(reason, args...)}
	}
	at := -1
	for i, f := range fields {
		if strings.EqualFold(f, "for") {
			if at >= 0 {
				return fail("", "for", "appears twice; %s", wantCron)
			}
			at = i
		}
	}
	exprFields := fields
	if at >= 0 {
		exprFields = fields[:at]
	}
	written := strings.Join(exprFields, " ") // as in spec, for errors
	expr := strings.ToLower(written)
	switch {
	case expr == "":
		return fail("cron expression", "", "missing; %s", wantCron)
	case at < 0:
		return fail("cron expression", written, "no \"for <duration>\" after it; %s", wantCron)
	case at == len(fields)-1:
		return fail("duration", "", "missing after \"for\"; %s", wantCron)
	case at < len(fields)-2:
		return fail("", strings.Join(fields[at+2:], " "), "unexpected after the duration; %s", wantCron)
	}
	if strings.Contains(expr, "=") {
		return fail("cron expression", written, "a time zone (TZ=, CRON_TZ=) is not allowed: windows are read in the zone the caller gives")
	}
	parsed, err := cron.ParseStandard(expr)
	if err != nil {
		return fail("cron expression", written, "%v; %s", err, wantCron)
	}
	sched, ok := parsed.(*cron.SpecSchedule)
	if !ok {
		return fail("cron expression", written, "@every repeats from whenever it is asked, not at calendar times; write the times as 5 fields")
	}
	if sched.Second != 1 {
		// ParseStandard's specs start at second 0 of their minutes, which
		// after relies on.
		return fail("cron expression", written, "starts at seconds other than :00, which 5-field cron cannot express")
	}
	if sched.Next(time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)).IsZero() {
		return fail("cron expression", written, "never matches a date (such as 30 February)")
	}

	text := fields[at+1]
	dur, err := time.ParseDuration(text)
	switch {
	case err != nil:
		return fail("duration", text, "not a duration; want a number with a unit, e.g. 2h, 90m or 7h30m")
	case dur <= 0:
		return fail("duration", text, "must be longer than zero")
	case dur > maxDuration:
		return fail("duration", text, "must be 168h (7 days) at most")
	}
	return cronWindows{expr: expr, sched: sched, dur: dur}, nil
}

// String returns the normalised "cron <expression> for <duration>".
func (c cronWindows) String() string {
	return "cron " + c.expr + " for " + formatDuration(c.dur)
}

// formatDuration writes d as time.ParseDuration reads it, leaving out zero
// units: 2h, 7h30m, 90s as 1m30s. Durations with fractions of a second are
// written as time.Duration.String does.
func formatDuration(d time.Duration) string {
	if d%time.Second != 0 {
		return d.String()
	}
	var b []byte
	for _, u := range []struct {
		unit time.Duration
		sym  byte
	}{{time.Hour, 'h'}, {time.Minute, 'm'}, {time.Second, 's'}} {
		if n := d / u.unit; n > 0 {
			b = strconv.AppendInt(b, int64(n), 10)
			b = append(b, u.sym)
			d -= n * u.unit
		}
	}
	return string(b)
}

// active returns the window with the latest start s <= t, if t < s + dur.
// The starts that can hold t are those in (t-dur, t]. after gives the
// first; when there are more (windows that overlap), the next few are
// walked one by one, and past walkSteps a binary search on after finds
// the last in about log2(dur/1s) calls rather than one call per start.
func (c cronWindows) active(t time.Time, loc *time.Location) (start, end time.Time, ok bool) {
	lt := t.In(loc)
	s := c.after(lt.Add(-c.dur))
	if s.IsZero() || s.After(lt) {
		return time.Time{}, time.Time{}, false
	}
	for i := 0; ; i++ {
		n := c.after(s)
		if n.IsZero() || n.After(lt) {
			break
		}
		if i == walkSteps {
			s = c.lastStart(s, lt)
			break
		}
		s = n
	}
	return s.UTC(), s.Add(c.dur).UTC(), true
}

// walkSteps is how many further starts active walks one by one.
const walkSteps = 4

// lastStart returns the last start <= t, given lo with after(lo) <= t.
// Starts are whole seconds and after(x) is the first start after x, so
// once after(lo) <= t < after(hi) with hi-lo <= 1s, after(lo) is the only
// start in (lo, hi] and no start lies in (hi, t].
func (c cronWindows) lastStart(lo, t time.Time) time.Time {
	hi := t
	for hi.Sub(lo) > time.Second {
		mid := lo.Add(hi.Sub(lo) / 2)
		if n := c.after(mid); !n.IsZero() && !n.After(t) {
			lo = mid
		} else {
			hi = mid
		}
	}
	return c.after(lo)
}

// after returns the first start after x, x in the caller's zone: robfig's
// Next. Starts fall on second 0 of a minute (parseCron checks), so the first
// after x is the first after the last second of x's local minute, from
// which Next's first step lands on the next minute: that spares Next the
// walk over up to 59 seconds, each reading the zone (1.5µs of its 2µs).
func (c cronWindows) after(x time.Time) time.Time {
	return c.sched.Next(x.Add(time.Duration(59-x.Second())*time.Second - time.Duration(x.Nanosecond())))
}

// next returns the window of the first start after t.
func (c cronWindows) next(t time.Time, loc *time.Location) (start, end time.Time) {
	s := c.after(t.In(loc))
	if s.IsZero() {
		return time.Time{}, time.Time{}
	}
	return s.UTC(), s.Add(c.dur).UTC()
}
