package console

import "testing"

// TestWordingsComplete: every key has a wording in both languages, so no
// page shows a blank in one of them.
func TestWordingsComplete(t *testing.T) {
	w := wordings()
	for _, pair := range [][2]Lang{{English, Chinese}, {Chinese, English}} {
		for k, v := range w[pair[0]] {
			if v == "" || w[pair[1]][k] == "" {
				t.Errorf("%q: %s %q, %s %q", k, pair[0], v, pair[1], w[pair[1]][k])
			}
		}
	}
	for _, p := range pages() {
		if w[English][p.name] == "" {
			t.Errorf("page %s has no title", p.name)
		}
	}
}
