package channel_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/yujing-go/yujing/channel"
)

func TestTruncate(t *testing.T) {
	const m = channel.TruncationMarker // 14 bytes
	for _, tc := range []struct {
		s    string
		max  int
		want string
	}{
		{"short", 10, "short"},
		{"exactly", 7, "exactly"},
		{strings.Repeat("a", 30), 20, "aaaaaa" + m},
		{"告警告警告警告警", 20, "告警" + m},                 // 20-14 = 6 bytes: two characters
		{"告警告警告警告警", 21, "告警" + m},                 // 7 bytes: still two, no split
		{"告警告警告警告警", 23, "告警告" + m},                // 9 bytes: three
		{"abcdefghijklmnopqrstuvwxyz", 5, "abcde"}, // too small for the marker
		{"告警告警", 5, "告"},                           // and still no split
		{"abc", 0, ""},
	} {
		got := channel.Truncate(tc.s, tc.max)
		if got != tc.want || len(got) > tc.max || !utf8.ValidString(got) {
			t.Errorf("Truncate(%q, %d) = %q, want %q", tc.s, tc.max, got, tc.want)
		}
	}
}
