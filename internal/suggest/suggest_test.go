package suggest

import "testing"

func TestClosest(t *testing.T) {
	keys := []string{"format", "lang", "rate_limit", "secret", "timeout", "url"}
	for _, c := range []struct{ typo, want string }{
		{"timout", "timeout"},
		{"secert", "secret"},
		{"urls", "url"},
		{"lnag", "lang"}, // a swap is two edits: close enough for four letters
		{"lgn", ""},      // but not for three
		{"webhook", ""},
		{"ur", "url"},
	} {
		if got := Closest(c.typo, keys); got != c.want {
			t.Errorf("Closest(%q) = %q, want %q", c.typo, got, c.want)
		}
	}
}

func TestDistance(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want int
	}{{"", "", 0}, {"rat", "rate", 1}, {"短信", "短", 1}, {"kitten", "sitting", 3}} {
		if got := Distance(c.a, c.b); got != c.want {
			t.Errorf("Distance(%q, %q) = %d, want %d", c.a, c.b, got, c.want)
		}
	}
}
