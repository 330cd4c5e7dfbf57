package alert

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

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
	noData           map[sceneCountry]int // the largest no-data windows of the rule routes
	silences         *silenceIndex
}

type sceneCountry struct {
	infoType int
	country  string
}

// configCache keeps the indexed configuration between Ticks.
type configCache struct {
	ix      *configIndex
	version int64
	loaded  time.Time
}

// loadConfig returns the enabled configuration, indexed. It reads every
// configuration table (one query each) only when the configuration version
// moved since the last read (every write of the configuration API moves
// it), or WithConfigReload has passed, for rows written with SQL; an idle
// Tick otherwise costs one primary-key read, whatever the configuration's
// size. Ticks take turns, so the cache needs no lock.
func (e *Engine) loadConfig(ctx context.Context) (*configIndex, error) {
	v, err := e.platform.ConfigVersion(ctx)
	if err != nil {
		return nil, err
	}
	now := e.env.clock()
	c := &e.config
	if c.ix != nil && c.version == v && !now.Before(c.loaded) && now.Sub(c.loaded) < e.configReload {
		return c.ix, nil
	}
	snap, err := e.platform.LoadSnapshot(ctx)
	if err != nil {
		return nil, err
	}
	*c = configCache{ix: newConfigIndex(snap), version: v, loaded: now}
	for _, err := range c.ix.silences.problems() {
		e.log.WarnContext(ctx, "silence mutes nothing", "err", err)
	}
	return c.ix, nil
}

// newConfigIndex indexes a configuration snapshot for the stages' lookups.
func newConfigIndex(snap *store.Snapshot) *configIndex {
	ix := &configIndex{
		rules: map[string]store.Rule{}, templates: map[string]store.Template{},
		countryTemplates: map[sceneCountry]store.CountryTemplate{}, routes: map[sceneCountry][]store.Routing{},
		channels: map[string]store.Channel{}, details: map[string]map[string]string{}, countryNames: map[string]string{},
		noData: map[sceneCountry]int{},
	}
	ix.indexRules(snap.Rules, snap.RuleRoutes)
	ix.indexTemplates(snap.Templates, snap.CountryTemplates)
	ix.indexChannels(snap.Channels, snap.ChannelDetails, snap.Routings)
	ix.silences = newSilenceIndex(snap.Silences)
	return ix
}

func (ix *configIndex) indexRules(rows []store.Rule, routeRows []store.RuleRoute) {
	var rules []rule.Rule
	for _, r := range rows {
		if r.RuleNo == nil {
			continue
		}
		ix.rules[*r.RuleNo] = r
		rules = append(rules, rule.Rule{No: *r.RuleNo, Code: str(r.FunCode), Desc: str(r.FunDesc), Threshold: str(r.ThresholdVal), Sort: sortOf(r.Sort)})
	}
	var routes []rule.Route
	for _, r := range routeRows {
		if r.InfoType == nil || r.CountryNo == nil || r.RuleNo == nil {
			continue
		}
		routes = append(routes, rule.Route{InfoType: *r.InfoType, Country: *r.CountryNo, RuleNo: *r.RuleNo, Sort: sortOf(r.Sort)})
		if k := (sceneCountry{*r.InfoType, *r.CountryNo}); r.NoDataWindows() > ix.noData[k] {
			ix.noData[k] = r.NoDataWindows()
		}
	}
	ix.ruleSet = rule.NewRuleSet(rules, routes)
}

// indexTemplates keeps, per scene and country, the enabled mapping with
// the smallest id whose template is enabled.
func (ix *configIndex) indexTemplates(templates []store.Template, mappings []store.CountryTemplate) {
	for _, t := range templates {
		if t.ModNo != nil {
			ix.templates[*t.ModNo] = t
		}
	}
	sort.Slice(mappings, func(i, j int) bool { return mappings[i].ID < mappings[j].ID })
	for _, ct := range mappings {
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
}

// indexChannels indexes channels, their details, and the routes to them
// (which come sorted by sort, larger first).
func (ix *configIndex) indexChannels(channels []store.Channel, details []store.ChannelDetail, routings []store.Routing) {
	for _, c := range channels {
		if c.ChannelNo != nil {
			ix.channels[*c.ChannelNo] = c
		}
	}
	for _, d := range details {
		if d.ChannelNo == nil || d.DataKey == nil {
			continue
		}
		if ix.details[*d.ChannelNo] == nil {
			ix.details[*d.ChannelNo] = map[string]string{}
		}
		ix.details[*d.ChannelNo][*d.DataKey] = str(d.DataValue)
	}
	for _, r := range routings {
		if r.InfoType == nil || r.ChannelNo == nil {
			continue
		}
		k := sceneCountry{*r.InfoType, r.CountryNo}
		ix.routes[k] = append(ix.routes[k], r)
		if _, ok := ix.countryNames[r.CountryNo]; !ok && r.CountryName != "" {
			ix.countryNames[r.CountryNo] = r.CountryName
		}
	}
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
// first, each once: those that get every message (escalation level 0).
func (ix *configIndex) channelsFor(infoType int, country string) []store.Channel {
	return ix.routedChannels(infoType, country, func(level int) bool { return level == 0 })
}

// channelsOf returns the channels a pending alert goes to: an escalation
// to the routes of its level; any other message to the routes of level 0
// and, for a resolve, to the escalation levels that were notified.
func (ix *configIndex) channelsOf(l *store.SendLog) []store.Channel {
	level := l.Level()
	if l.Kind() == store.KindEscalated {
		return ix.routedChannels(intOr(l.InfoType, 0), str(l.CountryNo), func(x int) bool { return x == level })
	}
	return ix.routedChannels(intOr(l.InfoType, 0), str(l.CountryNo), func(x int) bool { return x <= level })
}

// routedChannels returns the channels of the routes whose escalation level
// passes the filter.
func (ix *configIndex) routedChannels(infoType int, country string, levelOK func(int) bool) []store.Channel {
	var out []store.Channel
	seen := map[string]bool{}
	for _, c := range []string{country, store.AllCountries} {
		for _, r := range ix.routes[sceneCountry{infoType, c}] {
			ch, ok := ix.channels[*r.ChannelNo]
			if !ok || seen[*r.ChannelNo] || !levelOK(r.EscalationLevel()) {
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

// policy returns what the configuration says of the lifecycle of a scene
// in a country, ruleNo being the rule that matched (or fired).
func (ix *configIndex) policy(k store.StateKey, ruleNo string) policy {
	p := policy{pending: 1, resolve: 1}
	if r, ok := ix.rules[ruleNo]; ok {
		p.pending, p.resolve = r.PendingWindows(), r.ResolveWindows()
	}
	p.noData = ix.noDataWindows(k)
	if tpl, err := ix.template(k.InfoType, k.CountryNo); err == nil {
		p.repeat = time.Duration(tpl.RepeatSeconds()) * time.Second
		p.resolvedText = strings.TrimSpace(str(tpl.ResolvedContent)) != "" || strings.TrimSpace(str(tpl.ResolvedContentChinese)) != ""
	}
	levels := map[int]*escalation{}
	for _, c := range []string{k.CountryNo, store.AllCountries} {
		for _, r := range ix.routes[sceneCountry{k.InfoType, c}] {
			if _, ok := ix.channels[*r.ChannelNo]; !ok || r.EscalationLevel() == 0 {
				continue
			}
			e := levels[r.EscalationLevel()]
			delay, repeat := time.Duration(r.EscalationDelay())*time.Second, time.Duration(r.EscalationRepeat())*time.Second
			if e == nil {
				levels[r.EscalationLevel()] = &escalation{level: r.EscalationLevel(), delay: delay, repeat: repeat}
				continue
			}
			e.delay = min(e.delay, delay)
			if repeat > 0 && (e.repeat == 0 || repeat < e.repeat) {
				e.repeat = repeat
			}
		}
	}
	for _, e := range levels {
		p.escalations = append(p.escalations, *e)
	}
	sort.Slice(p.escalations, func(i, j int) bool { return p.escalations[i].level < p.escalations[j].level })
	return p
}

// noDataWindows is the no-data windows of a scene in a country: its own
// rule routes' largest, else that of the routes for every country.
func (ix *configIndex) noDataWindows(k store.StateKey) int {
	if n := ix.noData[sceneCountry{k.InfoType, k.CountryNo}]; n > 0 {
		return n
	}
	return ix.noData[sceneCountry{k.InfoType, store.AllCountries}]
}

// noDataScene reports whether any country of the scene has no-data
// detection on.
func (ix *configIndex) noDataScene(infoType int) bool {
	for k, n := range ix.noData {
		if k.infoType == infoType && n > 0 {
			return true
		}
	}
	return false
}
