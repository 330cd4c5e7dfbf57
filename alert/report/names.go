package report

import (
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf16"
)

// FileName names the file for a person (an email attachment, a download):
// scene, country and window in the country's zone, in ASCII letters,
// digits, '-' and '_' only, so it is safe in a URL, an object key and any
// file system. For example "collections_PH_20261124-0000_20261125-0000.xlsx".
// Two reports may share a file name (a scene named only in Chinese, a
// repeated hour at a DST change); ObjectKey is the identity.
func FileName(m Meta) string {
	loc := m.location()
	country := fileToken(m.CountryNo, false)
	if country == "" {
		country = fileToken(m.Country, false)
	}
	if country == "" {
		country = "country"
	}
	scene := fileToken(m.Scene, true)
	if scene == "" {
		scene = "report"
	}
	const layout = "20060102-1504"
	return scene + "_" + country + "_" + m.Begin.In(loc).Format(layout) + "_" + m.End.In(loc).Format(layout) + ".xlsx"
}

// fileToken keeps s's ASCII letters and digits (lowered when lower is
// set), turns every run of other characters into one '-', and keeps at
// most 40 bytes.
func fileToken(s string, lower bool) string {
	const maxLen = 40
	var b strings.Builder
	dash := false
	for _, r := range s {
		switch {
		case r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			if lower {
				r = unicode.ToLower(r)
			}
			b.WriteRune(r)
		default:
			dash = true
		}
		if b.Len() >= maxLen {
			break
		}
	}
	return strings.TrimRight(b.String()[:min(b.Len(), maxLen)], "-")
}

// maxSheetName is Excel's limit on a sheet name, in UTF-16 code units.
const maxSheetName = 31

// SheetName names the report's (first) worksheet after its country and
// window in the country's zone, within Excel's rules: at most 31
// characters, none of []:*?/\, not blank, no apostrophe at either end. A
// one-day window from midnight reads "PH 2026-11-24"; any other window
// "PH 20261124-0600~20261124-1200".
func SheetName(m Meta) string { return sheetName(m, 1) }

// sheetName names part n (from 1) of a report: parts after the first, for
// reports longer than one sheet holds, end in " (n)".
func sheetName(m Meta, part int) string {
	suffix := ""
	if part > 1 {
		suffix = " (" + strconv.Itoa(part) + ")"
	}
	window := windowLabel(m)
	if utf16Len(window)+len(suffix) > maxSheetName {
		window = m.Begin.In(m.location()).Format("20060102-1504")
	}
	name := window + suffix
	country := sheetCountry(m)
	if room := maxSheetName - utf16Len(name) - 1; room > 0 && country != "" {
		name = truncateUTF16(country, room) + " " + name
	}
	return name
}

// windowLabel shows a window compactly in the country's zone.
func windowLabel(m Meta) string {
	loc := m.location()
	b, e := m.Begin.In(loc), m.End.In(loc)
	if isMidnight(b) && e.Equal(b.AddDate(0, 0, 1)) {
		return b.Format("2006-01-02")
	}
	const layout = "20060102-1504"
	return b.Format(layout) + "~" + e.Format(layout)
}

func isMidnight(t time.Time) bool {
	return t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 && t.Nanosecond() == 0
}

// sheetCountry is the country's code (or name) with what Excel refuses in a
// sheet name taken out.
func sheetCountry(m Meta) string {
	clean := func(s string) string {
		s = strings.Map(func(r rune) rune {
			if strings.ContainsRune(`[]:*?/\`, r) || unicode.IsControl(r) || r == unicode.ReplacementChar {
				return -1
			}
			return r
		}, s)
		return strings.Trim(strings.Join(strings.Fields(s), " "), "' ")
	}
	if c := clean(m.CountryNo); c != "" {
		return c
	}
	return clean(m.Country)
}

func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

// truncateUTF16 keeps the longest prefix of s of at most n UTF-16 code
// units, without a trailing space or apostrophe.
func truncateUTF16(s string, n int) string {
	used := 0
	for i, r := range s {
		if used+utf16.RuneLen(r) > n {
			return strings.TrimRight(s[:i], "' ")
		}
		used += utf16.RuneLen(r)
	}
	return s
}

// ObjectKey is where the report is stored, made only from the identity of
// its monitor_basic_data row (info type, country code, window in UTC,
// group_no) so that storing it again replaces the same object. For example
// "reports/0/PH/20261124T0000Z-20261125T0000Z-G20261124PH.xlsx". Characters
// of the code and group_no other than ASCII letters, digits and '-' are
// escaped as "_XX" (hex), so distinct rows never share a key; times carry
// seconds only when they have some. The key always passes CheckKey.
func ObjectKey(m Meta) string {
	var b strings.Builder
	b.WriteString("reports/")
	b.WriteString(strconv.Itoa(m.InfoType))
	b.WriteByte('/')
	b.WriteString(keyToken(m.CountryNo))
	b.WriteByte('/')
	b.WriteString(keyTime(m.Begin))
	b.WriteByte('-')
	b.WriteString(keyTime(m.End))
	if m.GroupNo != "" {
		b.WriteByte('-')
		b.WriteString(keyToken(m.GroupNo))
	}
	b.WriteString(".xlsx")
	return b.String()
}

func keyTime(t time.Time) string {
	t = t.UTC()
	if t.Second() == 0 {
		return t.Format("20060102T1504Z")
	}
	return t.Format("20060102T150405Z")
}

// keyToken escapes s injectively into ASCII letters, digits, '-' and '_'.
// An empty s is "_", which no escape produces.
func keyToken(s string) string {
	if s == "" {
		return "_"
	}
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '-' || '0' <= c && c <= '9' || 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('_')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&0xf])
	}
	return b.String()
}
