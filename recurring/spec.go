package recurring

import (
	"fmt"
	"strings"
)

// The weekly form, "DAYS HH:MM-HH:MM": its parsing and its normalised text.

// weekly is a parsed "DAYS HH:MM-HH:MM".
type weekly struct {
	days  uint8 // bit d set: time.Weekday(d) is listed
	start int   // minutes after local midnight, 0..1439
	end   int   // minutes after local midnight, 1..1440; end <= start: the window ends on the next day
}

// allDays is weekly.days with every day listed.
const allDays = 1<<7 - 1

// dayNames are the day names of the spec, indexed by time.Weekday.
var dayNames = [7]string{"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"}

// mondayFirst is the order String lists days in.
var mondayFirst = [7]int{1, 2, 3, 4, 5, 6, 0}

const wantWeekly = "want DAYS HH:MM-HH:MM, e.g. SUN 02:00-04:00 or MON-FRI 22:00-06:00"

// parseWeekly parses fields, the spec split at white space, as
// "DAYS HH:MM-HH:MM".
func parseWeekly(spec string, fields []string) (weekly, error) {
	parts := joinAroundSeparators(fields)
	fail := func(field, part, reason string, args ...any) (weekly, error) {
		return weekly{}, &ParseError{Spec: spec, Field: field, Part: part, Reason: fmt.Sprintf(reason, args...)}
	}
	switch {
	case len(parts) == 1 && strings.Contains(parts[0], ":"):
		return fail("time range", parts[0], "no days before it; %s", wantWeekly)
	case len(parts) == 1:
		return fail("days", parts[0], "no time range after them; %s", wantWeekly)
	case len(parts) > 2 && strings.Contains(parts[len(parts)-1], ":"):
		return fail("", parts[1], "unexpected between the days and the time range (list days with ',' and '-'); %s", wantWeekly)
	case len(parts) > 2:
		return fail("", strings.Join(parts[2:], " "), "unexpected after the time range; %s", wantWeekly)
	}

	var w weekly
	var err error
	if w.days, err = parseDays(spec, parts[0]); err != nil {
		return weekly{}, err
	}
	from, to, ok := strings.Cut(parts[1], "-")
	if !ok {
		return fail("time range", parts[1], "not a range; %s", wantWeekly)
	}
	if strings.Contains(to, "-") {
		return fail("time range", parts[1], "more than one '-'; %s", wantWeekly)
	}
	var reason string
	if w.start, reason = parseClock(from, false); reason != "" {
		return fail("start time", from, "%s", reason)
	}
	if w.end, reason = parseClock(to, true); reason != "" {
		return fail("end time", to, "%s", reason)
	}
	if w.start == w.end {
		return fail("time range", parts[1], "starts and ends at the same time; a window crossing midnight ends before it starts (22:00-06:00), a whole day is 00:00-24:00")
	}
	if w.end == 0 {
		w.end = 24 * 60 // 22:00-00:00 is 22:00-24:00
	}
	return w, nil
}

// joinAroundSeparators joins fields again, with a space between two fields
// unless one of them ends or starts with '-' or ',': "MON - FRI 22:00 -
// 06:00" gives "MON-FRI" and "22:00-06:00".
func joinAroundSeparators(fields []string) []string {
	parts := make([]string, 0, 2)
	for i, f := range fields {
		if i > 0 && (endsSep(fields[i-1]) || startsSep(f)) {
			parts[len(parts)-1] += f
			continue
		}
		parts = append(parts, f)
	}
	return parts
}

func endsSep(s string) bool   { return strings.HasSuffix(s, "-") || strings.HasSuffix(s, ",") }
func startsSep(s string) bool { return strings.HasPrefix(s, "-") || strings.HasPrefix(s, ",") }

// parseDays parses a day list: DAILY, *, or names and ranges of names
// separated by commas (SUN, MON-FRI, SAT,SUN, MON,WED-FRI). A range may
// wrap past Saturday: FRI-MON is Friday to Monday.
func parseDays(spec, list string) (uint8, error) {
	fail := func(part, reason string) (uint8, error) {
		return 0, &ParseError{Spec: spec, Field: "day", Part: part, Reason: reason}
	}
	if strings.EqualFold(list, "DAILY") || list == "*" {
		return allDays, nil
	}
	var days uint8
	for item := range strings.SplitSeq(list, ",") {
		if item == "" {
			return fail(list, "empty day in the list")
		}
		if strings.EqualFold(item, "DAILY") || item == "*" {
			return fail(item, "means every day and cannot be combined with other days")
		}
		first, last, isRange := strings.Cut(item, "-")
		if isRange && (first == "" || last == "") {
			return fail(item, "a range of days needs a first and a last day, e.g. MON-FRI")
		}
		if strings.Contains(last, "-") {
			return fail(item, "more than one '-' in a range of days")
		}
		a, ok := dayNumber(first)
		if !ok {
			return fail(first, unknownDay)
		}
		b := a
		if isRange {
			if b, ok = dayNumber(last); !ok {
				return fail(last, unknownDay)
			}
		}
		for d := a; ; d = (d + 1) % 7 {
			days |= 1 << d
			if d == b {
				break
			}
		}
	}
	return days, nil
}

const unknownDay = "unknown day; want SUN, MON, TUE, WED, THU, FRI, SAT, a range such as MON-FRI, DAILY or *"

// dayNumber returns the time.Weekday of a three-letter day name, in any
// case.
func dayNumber(name string) (int, bool) {
	for d, n := range dayNames {
		if strings.EqualFold(name, n) {
			return d, true
		}
	}
	return 0, false
}

// parseClock parses H:MM or HH:MM into minutes after midnight. An end may
// be 24:00. It returns a reason when s is not a time.
func parseClock(s string, end bool) (int, string) {
	hh, mm, ok := strings.Cut(s, ":")
	if !ok || !digits(hh, 1, 2) || !digits(mm, 2, 2) {
		if s == "" {
			return 0, "missing; want HH:MM"
		}
		return 0, "not a time; want HH:MM, e.g. 02:00 or 22:30"
	}
	h := atoi(hh)
	m := atoi(mm)
	switch {
	case m > 59:
		return 0, fmt.Sprintf("minute %s is not 00-59", mm)
	case end && h == 24 && m == 0:
		return 24 * 60, ""
	case end && h == 24:
		return 0, "an end after midnight is 24:00 at most"
	case !end && h == 24 && m == 0:
		return 0, "24:00 is an end only; a window from midnight starts at 00:00"
	case end && h > 24:
		return 0, fmt.Sprintf("hour %s is not 00-24", hh)
	case h > 23:
		return 0, fmt.Sprintf("hour %s is not 00-23", hh)
	}
	return h*60 + m, ""
}

// digits reports whether s is min to max ASCII digits.
func digits(s string, min, max int) bool {
	if len(s) < min || len(s) > max {
		return false
	}
	for i := range len(s) {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// atoi converts a string of at most two digits.
func atoi(s string) int {
	n := 0
	for i := range len(s) {
		n = n*10 + int(s[i]-'0')
	}
	return n
}

// String returns the normalised "DAYS HH:MM-HH:MM".
func (w weekly) String() string {
	var b strings.Builder
	if w.days == allDays {
		b.WriteString("DAILY")
	} else {
		// Runs of consecutive days, Monday first: three or more as a range.
		for i := 0; i < 7; {
			if w.days&(1<<mondayFirst[i]) == 0 {
				i++
				continue
			}
			j := i
			for j+1 < 7 && w.days&(1<<mondayFirst[j+1]) != 0 {
				j++
			}
			if b.Len() > 0 {
				b.WriteByte(',')
			}
			b.WriteString(dayNames[mondayFirst[i]])
			switch {
			case j-i >= 2:
				b.WriteByte('-')
				b.WriteString(dayNames[mondayFirst[j]])
			case j-i == 1:
				b.WriteByte(',')
				b.WriteString(dayNames[mondayFirst[j]])
			}
			i = j + 1
		}
	}
	fmt.Fprintf(&b, " %02d:%02d-%02d:%02d", w.start/60, w.start%60, w.end/60, w.end%60)
	return b.String()
}
