package console

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"time"

	"github.com/yujing-go/yujing/alert"
	"github.com/yujing-go/yujing/store"
)

// overviewBody is the overview's data: a page of countries (rows) by the
// engine's scenes (columns).
type overviewBody struct {
	Scenes      []alert.SceneInfo
	Rows        []matrixRow
	Page, Pages int
	Countries   int    // in all pages
	Pager       string // "Page 1 of 8 · 200 countries"
	Prev, Next  string
}

// matrixRow is one country's cells, one per scene.
type matrixRow struct {
	Country string
	Cells   []cell
}

// overview serves the matrix of scenes × countries. Its queries are
// bounded by the page: the countries of each scene (one per scene), the
// page's states, the live silences, and the page's records of the last
// windows (one per scene).
func (c *console) overview(w http.ResponseWriter, r *http.Request, p *pageData) error {
	ctx := r.Context()
	now := p.Now
	scenes := matrixScenes(c.engine.SceneInfos())
	countries, err := c.countries(ctx, scenes)
	if err != nil {
		return err
	}
	body := &overviewBody{Scenes: scenes, Countries: len(countries)}
	body.Pages = max(1, (len(countries)+c.pageSize-1)/c.pageSize)
	body.Page = min(max(1, atoiOr(r.URL.Query().Get("page"), 1)), body.Pages)
	lo := (body.Page - 1) * c.pageSize
	shown := countries[min(lo, len(countries)):min(lo+c.pageSize, len(countries))]
	body.Pager = fmt.Sprintf(p.T["pager"], body.Page, body.Pages, body.Countries)
	if body.Page > 1 {
		body.Prev = "?page=" + strconv.Itoa(body.Page-1)
	}
	if body.Page < body.Pages {
		body.Next = "?page=" + strconv.Itoa(body.Page+1)
	}
	states, err := c.pageStates(ctx, shown, len(scenes))
	if err != nil {
		return err
	}
	live, err := c.db.LiveSilences(ctx, now)
	if err != nil {
		return fmt.Errorf("console: overview: %w", err)
	}
	trends, err := c.trends(ctx, scenes, shown, now)
	if err != nil {
		return err
	}
	m := c.engine.SilenceMatcher(live)
	for _, country := range shown {
		row := matrixRow{Country: country}
		for _, s := range scenes {
			k := store.StateKey{InfoType: s.InfoType, CountryNo: country}
			row.Cells = append(row.Cells, newCell(k, states[k], m, trends[k], now, body.Page, !c.readOnly))
		}
		body.Rows = append(body.Rows, row)
	}
	p.Body = body
	if c.refresh > 0 {
		p.Refresh = int(c.refresh / time.Second)
	}
	return nil
}

// matrixScenes are the scenes with windows and a lifecycle: neither
// report scenes nor types raised only with Fire.
func matrixScenes(all []alert.SceneInfo) []alert.SceneInfo {
	out := make([]alert.SceneInfo, 0, len(all))
	for _, s := range all {
		if s.Window > 0 && !s.Report {
			out = append(out, s)
		}
	}
	return out
}

// countries returns every country with a state in one of the scenes,
// sorted.
func (c *console) countries(ctx context.Context, scenes []alert.SceneInfo) ([]string, error) {
	seen := map[string]bool{}
	for _, s := range scenes {
		cs, err := c.db.StateCountries(ctx, s.InfoType)
		if err != nil {
			return nil, fmt.Errorf("console: overview: %w", err)
		}
		for _, co := range cs {
			seen[co] = true
		}
	}
	out := make([]string, 0, len(seen))
	for co := range seen {
		out = append(out, co)
	}
	slices.Sort(out)
	return out, nil
}

// pageStates reads the states of the countries, in pages of the store's
// bound; there are at most countries × scenes of the engine's (and a few
// of other info types).
func (c *console) pageStates(ctx context.Context, countries []string, scenes int) (map[store.StateKey]*store.AlertState, error) {
	out := make(map[store.StateKey]*store.AlertState, len(countries)*scenes)
	if len(countries) == 0 {
		return out, nil
	}
	const batch = 500
	var after int64
	for {
		got, err := c.db.AlertStates(ctx, store.StateFilter{Countries: countries, AfterID: after, Limit: batch})
		if err != nil {
			return nil, fmt.Errorf("console: overview: %w", err)
		}
		for i := range got {
			out[got[i].Key()] = &got[i]
		}
		if len(got) < batch {
			return out, nil
		}
		after = got[len(got)-1].ID
	}
}

func atoiOr(s string, def int) int {
	n, err := strconv.Atoi(s)
	if err != nil {
		return def
	}
	return n
}
