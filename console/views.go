package console

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"html/template"
	"net/http"
	"time"
)

// assets are the templates, the style sheet and the script, served from
// the binary: nothing is fetched from elsewhere at run time.
//
//go:embed templates/*.html static/*
var assets embed.FS

// views are the parsed templates: one set per page, each the layout with
// the page's "content".
type views struct {
	byName map[string]*template.Template
}

// errorPage is the template of every refusal and failure.
const errorPage = "error"

func parseViews(defs []pageDef) (*views, error) {
	base, err := template.New("layout.html").Funcs(funcs()).ParseFS(assets, "templates/layout.html")
	if err != nil {
		return nil, fmt.Errorf("console: templates: %w", err)
	}
	v := &views{byName: map[string]*template.Template{}}
	files := map[string]string{errorPage: "error.html"}
	for _, d := range defs {
		files[d.name] = d.template
	}
	for name, file := range files {
		t, err := template.Must(base.Clone()).ParseFS(assets, "templates/"+file)
		if err != nil {
			return nil, fmt.Errorf("console: template %s: %w", file, err)
		}
		v.byName[name] = t
	}
	return v, nil
}

// pageData is what every template gets; Body is the page's own data.
type pageData struct {
	Lang     Lang
	T        Text
	Name     string // the page's name (its title's key)
	Nav      []navItem
	User     string
	ReadOnly bool
	Refresh  int    // seconds between reloads; 0: none
	Flash    string // the outcome of the write that led here
	Error    string // a refusal to show above the page
	Detail   string // what was refused, in the API's words
	Now      time.Time
	Body     any
}

// newPageData starts a page's data for the request.
func (c *console) newPageData(w http.ResponseWriter, r *http.Request, name string) *pageData {
	lang := c.language(w, r)
	t := c.words[lang]
	p := &pageData{Lang: lang, T: t, Name: name, Nav: navigation(name, t), User: c.user(r), ReadOnly: c.readOnly,
		Now: c.engine.Now()}
	if done := r.URL.Query().Get("done"); done != "" {
		p.Flash = t["done."+done]
	}
	return p
}

// render writes the page with its status; the page is made in memory
// first, so that a template failure is a clean 500.
func (c *console) render(w http.ResponseWriter, r *http.Request, status int, p *pageData) {
	var buf bytes.Buffer
	if err := c.views.byName[p.Name].ExecuteTemplate(&buf, "layout.html", p); err != nil {
		c.log.ErrorContext(r.Context(), "console: render", "page", p.Name, "err", err)
		http.Error(w, "console: the page could not be made", http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		_, _ = w.Write(buf.Bytes())
	}
}

// page serves a GET of a page: the handler loads its data, render writes it.
func (c *console) page(d pageDef, h pageHandler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := c.newPageData(w, r, d.name)
		if err := h(w, r, p); err != nil {
			c.failErr(w, r, err)
			return
		}
		c.render(w, r, http.StatusOK, p)
	})
}

// httpError is a refusal a handler returns: its status and the key of its
// message, with the API's words for what was refused.
type httpError struct {
	status int
	key    string
	detail string
}

func (e *httpError) Error() string { return fmt.Sprintf("%d %s: %s", e.status, e.key, e.detail) }

// failErr answers with the error page: a refusal with its status, any
// other error as a 500 that is logged and whose text is not shown.
func (c *console) failErr(w http.ResponseWriter, r *http.Request, err error) {
	if he, ok := errors.AsType[*httpError](err); ok {
		c.fail(w, r, he.status, he.key, errors.New(he.detail))
		return
	}
	c.log.ErrorContext(r.Context(), "console: request failed", "method", r.Method, "path", r.URL.Path, "err", err)
	c.fail(w, r, http.StatusInternalServerError, "err.internal", nil)
}

// fail answers with the error page: status, the message of key, and
// detail's text when given (shown escaped).
func (c *console) fail(w http.ResponseWriter, r *http.Request, status int, key string, detail error) {
	p := c.newPageData(w, r, errorPage)
	p.Error = p.T[key]
	if detail != nil && detail.Error() != "" {
		p.Detail = detail.Error()
	}
	c.render(w, r, status, p)
}
