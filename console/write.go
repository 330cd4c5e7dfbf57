package console

import (
	"net/http"
	"strings"
)

// maxFormBytes bounds a write's body: the forms are a few short fields.
const maxFormBytes = 16 << 10

// writeHandler makes one change as user, then answers (a redirect, or a
// page that shows a refusal).
type writeHandler func(w http.ResponseWriter, r *http.Request, user string) error

// write wraps a write: cross-origin requests are refused by
// http.CrossOriginProtection, a read-only console and an unnamed user
// refuse it with 403, and the form is read bounded.
func (c *console) write(h writeHandler) http.Handler {
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c.log.InfoContext(r.Context(), "console: cross-origin request refused", "method", r.Method, "path", r.URL.Path,
			"origin", r.Header.Get("Origin"), "sec_fetch_site", r.Header.Get("Sec-Fetch-Site"))
		c.fail(w, r, http.StatusForbidden, "err.crossOrigin", nil)
	}))
	return cop.Handler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if c.readOnly {
			c.log.InfoContext(r.Context(), "console: write refused: read-only", "path", r.URL.Path)
			c.fail(w, r, http.StatusForbidden, "err.readOnly", nil)
			return
		}
		user := strings.TrimSpace(c.user(r))
		if n := len([]rune(user)); n == 0 || n > 64 {
			c.log.InfoContext(r.Context(), "console: write refused: no user, or a name that does not fit", "path", r.URL.Path, "chars", n)
			c.fail(w, r, http.StatusForbidden, "err.noUser", nil)
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, maxFormBytes)
		if err := r.ParseForm(); err != nil {
			c.fail(w, r, http.StatusBadRequest, "err.form", nil)
			return
		}
		if err := h(w, r, user); err != nil {
			c.failErr(w, r, err)
		}
	}))
}

// seeOther redirects to a page of the console after a write. The target
// is relative to the request's own URL, which the console cannot know
// under the host's prefix; every route is one segment below the root, so
// "silences?done=silence" or "./?done=ack" lands on the console's page.
func seeOther(w http.ResponseWriter, target string) {
	w.Header().Set("Location", target)
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusSeeOther)
}
