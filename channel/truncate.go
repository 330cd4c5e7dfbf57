package channel

import "unicode/utf8"

// TruncationMarker ends a message that Truncate shortened.
const TruncationMarker = "…(truncated)"

// Truncate returns s cut to at most limit bytes, without splitting a UTF-8
// character, and ending with TruncationMarker when anything was cut. When
// limit is too small for the marker, s is cut without it.
func Truncate(s string, limit int) string {
	if len(s) <= limit {
		return s
	}
	if limit <= 0 {
		return ""
	}
	marker := TruncationMarker
	if limit < len(marker) {
		marker = ""
	}
	n := limit - len(marker)
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + marker
}
