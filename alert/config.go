package alert

import (
	"context"
	"fmt"
	"sort"

	"github.com/shopspring/decimal"

	"github.com/yujing-go/yujing/rule"
	"github.com/yujing-go/yujing/store"
)

// configIndex is the enabled configuration of one Tick, read in one query
// per table and indexed for the lookups the stages make (no query per
// record).
type configIndex struct {
	ruleSet          *rule.RuleSet
	rules            map[string]store.Rule
	templates        map[string]store.Template              // by mod_no
	countryTemplates map[sceneCountry]store.CountryTemplate // first by id; country "*" is the default
	routes           map[sceneCountry][]store.Routing       // larger sort first; country "*" routes added
	channels         map[string]store.Channel
	details          map[string]map[string]string // channel_no → data_key → data_value
	countryNames     map[string]string
}

type sceneCountry struct {
	infoType int
	country  string
}

func (e *Engine) loadConfig(ctx context.Context) (*configIndex, error) {
	snap, err := e.platform.LoadSnapshot(ctx)
	if err != nil {
		return nil, err
	}
	ix := &configIndex{
		rules: map[string]store.Rule{}, templates: map[string]store.Template{},
		countryTemplates: map[sceneCountry]store.CountryTemplate{}, routes: map[sceneCountry][]store.Routing{},
		channels: map[string]store.Channel{}, details: map[string]map[string]string{}, countryNames: map[string]string{},
	}
	var rules []rule.Rule
	for _, r := range snap.Rules {
		if r.RuleNo == nil {
			continue
		}
		ix.rules[*r.RuleNo] = r
		rules = append(rules, rule.Rule{No: *r.RuleNo, Code: str(r.FunCode), Desc: str(r.FunDesc), Threshold: str(r.ThresholdVal), Sort: sortOf(r.Sort)})
	}
	var routes []rule.Route
	for _, r := range snap.RuleRoutes {
		if r.InfoType == nil || r.CountryNo == nil || r.RuleNo == nil {
			continue
		}
		routes = append(routes, rule.Route{InfoType: *r.InfoType, Country: *r.CountryNo, RuleNo: *r.RuleNo, Sort: sortOf(r.Sort)})
	}
	ix.ruleSet = rule.NewRuleSet(rules, routes)
	for _, t := range snap.Templates {
		if t.ModNo != nil {
			ix.templates[*t.ModNo] = t
		}
	}
	sort.Slice(snap.CountryTemplates, func(i, j int) bool { return snap.CountryTemplates[i].ID < snap.CountryTemplates[j].ID })
	for _, ct := range snap.CountryTemplates {
		if ct.InfoType == nil || ct.CountryNo == nil || ct.ModNo == nil {
			continue
		}
		if _, ok := ix.templates[*ct.ModNo]; !ok {
			continue // its template is disabled or gone
		}
		k := sceneCountry{*ct.InfoType, *ct.CountryNo}
		if _, ok := ix.countryTemplates[k]; !ok {
			ix.countryTemplates[k] = ct
		}
		if ct.CountryName != nil && *ct.CountryName != "" {
			ix.countryNames[*ct.CountryNo] = *ct.CountryName
		}
	}
	for _, c := range snap.Channels {
		if c.ChannelNo != nil {
			ix.channels[*c.ChannelNo] = c
		}
	}
	for _, d := range snap.ChannelDetails {
		if d.ChannelNo == nil || d.DataKey == nil {
			continue
		}
		if ix.details[*d.ChannelNo] == nil {
			ix.details[*d.ChannelNo] = map[string]string{}
		}
		ix.details[*d.ChannelNo][*d.DataKey] = str(d.DataValue)
	}
	// Routings come sorted by sort desc; a country's own come before "*".
	for _, r := range snap.Routings {
		if r.InfoType == nil || r.ChannelNo == nil {
			continue
		}
		k := sceneCountry{*r.InfoType, r.CountryNo}
		ix.routes[k] = append(ix.routes[k], r)
		if _, ok := ix.countryNames[r.CountryNo]; !ok && r.CountryName != "" {
			ix.countryNames[r.CountryNo] = r.CountryName
		}
	}
	return ix, nil
}

// template returns the template of a scene in a country: the country's
// own mapping, else the mapping for every country ("*").
func (ix *configIndex) template(infoType int, country string) (store.Template, error) {
	ct, ok := ix.countryTemplates[sceneCountry{infoType, country}]
	if !ok {
		ct, ok = ix.countryTemplates[sceneCountry{infoType, store.AllCountries}]
	}
	if !ok {
		return store.Template{}, fmt.Errorf("no template: monitor_country_mod has no enabled row with an enabled template for info_type %d, country %s", infoType, country)
	}
	return ix.templates[*ct.ModNo], nil
}

// channelsFor returns the enabled channels routed to a scene in a country
// (the country's routes, then the routes for every country), larger sort
// first, each once.
func (ix *configIndex) channelsFor(infoType int, country string) []store.Channel {
	var out []store.Channel
	seen := map[string]bool{}
	for _, c := range []string{country, store.AllCountries} {
		for _, r := range ix.routes[sceneCountry{infoType, c}] {
			ch, ok := ix.channels[*r.ChannelNo]
			if !ok || seen[*r.ChannelNo] {
				continue
			}
			seen[*r.ChannelNo] = true
			out = append(out, ch)
		}
	}
	return out
}

// countryName names a country for messages.
func (ix *configIndex) countryName(country string) string {
	if n, ok := ix.countryNames[country]; ok {
		return n
	}
	return country
}

func str(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

func sortOf(d *decimal.Decimal) float64 {
	if d == nil {
		return 0
	}
	return d.InexactFloat64()
}
