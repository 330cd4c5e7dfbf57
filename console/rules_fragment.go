package console

import (
	"bytes"
	"net/http"
)

// renderFragment writes one template of a page (not the layout): the part
// of the page that static/live.js replaces as the operator types.
func (c *console) renderFragment(w http.ResponseWriter, r *http.Request, p *pageData, name string) {
	var buf bytes.Buffer
	if err := c.views.byName[p.Name].ExecuteTemplate(&buf, name, p); err != nil {
		c.log.ErrorContext(r.Context(), "console: render fragment", "page", p.Name, "fragment", name, "err", err)
		http.Error(w, "console: the fragment could not be made", http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	_, _ = w.Write(buf.Bytes())
}
