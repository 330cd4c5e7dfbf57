package store

import "testing"

// TestChannelKeyPattern: a channel_no is matched as a JSON key, its LIKE
// wildcards and the escape character taken literally.
func TestChannelKeyPattern(t *testing.T) {
	for _, c := range []struct{ no, want string }{
		{"CH01", `%"CH01":{%`},
		{"CH_1%", `%"CH!_1!%":{%`},
		{`a!"b`, `%"a!!\"b":{%`},
	} {
		if got := channelKeyPattern(c.no); got != c.want {
			t.Errorf("channelKeyPattern(%q) = %q, want %q", c.no, got, c.want)
		}
	}
}
