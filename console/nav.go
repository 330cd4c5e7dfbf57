package console

import "net/http"

// pageDef is one page of the console: its path (one segment below the
// console's root; "" is the overview), the key of its name in Text (the
// navigation shows it when nav is set), its template (templates/NAME.html,
// which defines "content"), and its handler, which loads the page's data.
//
// A page is one handler file and one template: to add one, write both and
// add a line to pages.
type pageDef struct {
	path     string
	name     string // the template's name and the key of its title
	nav      bool
	get      func(c *console) pageHandler
	template string
}

// pageHandler loads a page's data for a GET; a status other than 200 (or
// an error) answers with the error page instead.
type pageHandler func(w http.ResponseWriter, r *http.Request, p *pageData) error

// pages lists the console's pages in navigation order.
func pages() []pageDef {
	return []pageDef{
		{path: "{$}", name: "overview", nav: true, template: "overview.html", get: func(c *console) pageHandler { return c.overview }},
		{path: "silences", name: "silences", nav: true, template: "silences.html", get: func(c *console) pageHandler { return c.silences }},
		{path: "alerts", name: "alerts", nav: true, template: "alerts.html", get: func(c *console) pageHandler { return c.alerts }},
		{path: "explain", name: "explain", template: "explain.html", get: func(c *console) pageHandler { return c.explain }},
		{path: "rules", name: "rules", nav: true, template: "rules.html", get: func(c *console) pageHandler { return c.rules }},
		{path: "templates", name: "templates", nav: true, template: "templates.html", get: func(c *console) pageHandler { return c.templatesPage }},
		{path: "channels", name: "channels", nav: true, template: "channels.html", get: func(c *console) pageHandler { return c.channels }},
		{path: "routes", name: "routes", nav: true, template: "routes.html", get: func(c *console) pageHandler { return c.routesPage }},
	}
}

// navItem is one link of the navigation.
type navItem struct {
	Href, Name string
	Current    bool
}

// navigation is the links to the pages that are in it, relative to the
// console's root.
func navigation(current string, t Text) []navItem {
	var out []navItem
	for _, p := range pages() {
		if !p.nav {
			continue
		}
		href := p.path
		if href == "{$}" {
			href = "./"
		}
		out = append(out, navItem{Href: href, Name: t[p.name], Current: p.name == current})
	}
	return out
}
