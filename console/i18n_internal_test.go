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

// TestWordingsDoNotCollide: a key means one thing: the wordings of one
// group of pages never replace another's with other words (a rules page's "Save" once
// relabelled the channel editor's button and the silence form's "or for").
func TestWordingsDoNotCollide(t *testing.T) {
	for _, l := range []Lang{English, Chinese} {
		seen := map[string]string{}
		for i, src := range textSources(l) {
			for k, v := range src {
				if w, ok := seen[k]; ok && w != v {
					t.Errorf("%s: key %q is %q in one wording and %q in wording %d", l, k, w, v, i)
				}
				seen[k] = v
			}
		}
	}
}
