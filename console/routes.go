package console

import (
	"net/http"
	"slices"
	"strconv"

	"github.com/yujing-go/yujing/alert"
	"github.com/yujing-go/yujing/ops"
	"github.com/yujing-go/yujing/store"
)

// routesBody is the routes page's data: a page of the scene × country
// matrix of what the engine resolves (rules, template, channels), each
// cell with the Check findings about it, and the findings of no cell.
type routesBody struct {
	Scenes        []alert.SceneInfo
	Rows          []routeRow
	Other         []ops.Finding // findings that are about no cell of the matrix
	Errors, Warns int
	Page, Pages   int
	Countries     int
	Prev, Next    string
}

// routeRow is a country of the matrix ("*": every country).
type routeRow struct {
	Country string
	Cells   []routeCell
}

// routeCell is what a Tick resolves for a scene in a country, and the
// gaps Check finds there.
type routeCell struct {
	Scene       int
	Country     string
	Rules       []string
	Template    string // mod_no; "" when none resolves
	TemplateErr string
	Channels    []string
	Findings    []ops.Finding
	Class       string // gap (an error), warn, ok, partial (rules without a template or a channel here), none (no rule)
}

// sceneKey is a cell's place.
type sceneKey struct {
	scene   int
	country string
}

// routesPage shows the scene × country matrix of rule routes, templates and
// channel routes as the engine reads them (alert.ConfigView), paged by
// countries (?page=N), with ops.Check's findings in their cells and the
// others below. The reading of the configuration is kept while its
// version does not move (routesMemo).
func (c *console) routesPage(w http.ResponseWriter, r *http.Request, p *pageData) error {
	reading, err := c.routesReading(r.Context())
	if err != nil {
		return err
	}
	view, report, countries := reading.view, reading.report, reading.countries
	body := &routesBody{Scenes: c.engine.SceneInfos(), Errors: report.Errors, Warns: report.Warnings}
	body.Countries = len(countries) - 1
	placed := map[sceneKey][]ops.Finding{}
	inMatrix := map[string]bool{}
	for _, co := range countries {
		inMatrix[co] = true
	}
	scenes := map[int]bool{}
	for _, s := range body.Scenes {
		scenes[s.InfoType] = true
	}
	for _, f := range report.Findings {
		if f.Scene != nil && scenes[*f.Scene] && inMatrix[f.Country] {
			k := sceneKey{*f.Scene, f.Country}
			placed[k] = append(placed[k], f)
			continue
		}
		body.Other = append(body.Other, f)
	}
	page, _ := strconv.Atoi(r.URL.Query().Get("page"))
	body.Pages = max(1, (len(countries)+c.pageSize-1)/c.pageSize)
	body.Page = min(max(page, 1), body.Pages)
	for _, co := range countries[(body.Page-1)*c.pageSize : min(body.Page*c.pageSize, len(countries))] {
		row := routeRow{Country: co}
		for _, s := range body.Scenes {
			row.Cells = append(row.Cells, routeCellOf(view, s.InfoType, co, placed[sceneKey{s.InfoType, co}]))
		}
		body.Rows = append(body.Rows, row)
	}
	if body.Page > 1 {
		body.Prev = "routes?page=" + strconv.Itoa(body.Page-1)
	}
	if body.Page < body.Pages {
		body.Next = "routes?page=" + strconv.Itoa(body.Page+1)
	}
	p.Body = body
	return nil
}

// routeCellOf resolves one cell with the engine's reading.
func routeCellOf(view *alert.ConfigView, scene int, country string, findings []ops.Finding) routeCell {
	cell := routeCell{Scene: scene, Country: country, Rules: view.Rules(scene, country), Findings: findings, Class: "none"}
	if tpl, err := view.Template(scene, country); err == nil {
		cell.Template = deref(tpl.ModNo)
	} else {
		cell.TemplateErr = err.Error()
	}
	for _, ch := range view.Channels(scene, country) {
		cell.Channels = append(cell.Channels, deref(ch.ChannelNo))
	}
	switch {
	case slices.ContainsFunc(findings, func(f ops.Finding) bool { return f.Severity == ops.SeverityError }):
		cell.Class = "gap"
	case len(findings) > 0:
		cell.Class = "warn"
	case len(cell.Rules) > 0 && cell.Template != "" && len(cell.Channels) > 0:
		cell.Class = "ok"
	case len(cell.Rules) > 0:
		cell.Class = "partial" // Check judges the countries that inherit it
	}
	return cell
}

// routeCountries are "*" and every country a rule route, a country
// template or a channel route names, sorted.
func routeCountries(snap *store.Snapshot) []string {
	set := map[string]bool{}
	for _, r := range snap.RuleRoutes {
		set[deref(r.CountryNo)] = true
	}
	for _, t := range snap.CountryTemplates {
		set[deref(t.CountryNo)] = true
	}
	for _, r := range snap.Routings {
		set[r.CountryNo] = true
	}
	delete(set, store.AllCountries)
	delete(set, "")
	out := []string{store.AllCountries}
	for co := range set {
		out = append(out, co)
	}
	slices.Sort(out[1:])
	return out
}
