package ops

import (
	"fmt"
	"sort"

	"github.com/yujing-go/yujing/store"
)

// routeKey is what makes two routings the same route: scene, country,
// channel and escalation level.
type routeKey struct {
	scene   int
	country string
	channel string
	level   int
}

// checkRoutings reports routings that repeat an earlier one, and a
// country's routing to a channel that a routing for every country ("*")
// already sends the scene's alerts to at the same level: the engine sends
// each message to a channel once.
func (c *checker) checkRoutings() {
	first := map[routeKey]string{}
	for _, r := range c.snap.Routings { // larger sort first, then by id: the engine's order
		if r.InfoType == nil || r.ChannelNo == nil {
			continue
		}
		k := routeKey{*r.InfoType, r.CountryNo, *r.ChannelNo, r.EscalationLevel()}
		if prev, ok := first[k]; ok {
			c.add(Finding{Severity: SeverityWarning, Check: CheckDuplicate, Table: "monitor_routing", Code: r.RoutingNo, Column: "channel_no",
				Scene: r.InfoType, Country: r.CountryNo, Message: fmt.Sprintf("repeats routing %s (channel %s, escalation level %d)", prev, k.channel, k.level)})
			continue
		}
		first[k] = r.RoutingNo
	}
	for _, r := range c.snap.Routings {
		if r.InfoType == nil || r.ChannelNo == nil || r.CountryNo == store.AllCountries {
			continue
		}
		all, ok := first[routeKey{*r.InfoType, store.AllCountries, *r.ChannelNo, r.EscalationLevel()}]
		if ok && first[routeKey{*r.InfoType, r.CountryNo, *r.ChannelNo, r.EscalationLevel()}] == r.RoutingNo {
			c.add(Finding{Severity: SeverityWarning, Check: CheckShadowed, Table: "monitor_routing", Code: r.RoutingNo, Column: "country_no",
				Scene: r.InfoType, Country: r.CountryNo, Message: fmt.Sprintf("routing %s sends this scene to channel %s in every country: this row changes nothing",
					all, *r.ChannelNo)})
		}
	}
}

// checkRuleRoutes reports rule routes that repeat an earlier one, and a
// country's route to a rule that a route for every country applies with
// as large a sort: the engine evaluates each rule once, at its largest
// sort.
func (c *checker) checkRuleRoutes() {
	type key struct {
		scene   int
		country string
		rule    string
	}
	first := map[key]store.RuleRoute{}
	for _, r := range c.snap.RuleRoutes {
		if r.InfoType == nil || r.CountryNo == nil || r.RuleNo == nil {
			continue
		}
		k := key{*r.InfoType, *r.CountryNo, *r.RuleNo}
		if prev, ok := first[k]; ok {
			c.add(Finding{Severity: SeverityWarning, Check: CheckDuplicate, Table: "monitor_rule_route", Code: str(r.BuNo), Column: "rule_no",
				Scene: r.InfoType, Country: *r.CountryNo, Message: fmt.Sprintf("repeats rule route %s (rule %s)", str(prev.BuNo), k.rule)})
			continue
		}
		first[k] = r
	}
	for k, r := range first {
		all, ok := first[key{k.scene, store.AllCountries, k.rule}]
		if k.country == store.AllCountries || !ok || sortOf(all) < sortOf(r) {
			continue
		}
		c.add(Finding{Severity: SeverityWarning, Check: CheckShadowed, Table: "monitor_rule_route", Code: str(r.BuNo), Column: "country_no",
			Scene: r.InfoType, Country: k.country, Message: fmt.Sprintf("rule route %s applies rule %s to every country with as large a sort: this row changes nothing",
				str(all.BuNo), k.rule)})
	}
}

func sortOf(r store.RuleRoute) float64 {
	if r.Sort == nil {
		return 0
	}
	return r.Sort.InexactFloat64()
}

// checkTimeZones reports each country that rows route, map or apply rules
// to without a time zone in the engine: its windows, slots and schedules
// are in UTC.
func (c *checker) checkTimeZones() {
	where := map[string]string{}
	see := func(country, table string) {
		if _, ok := where[country]; !ok && country != "" && country != store.AllCountries {
			where[country] = table
		}
	}
	for _, r := range c.snap.Routings {
		see(r.CountryNo, "monitor_routing")
	}
	for _, m := range c.snap.CountryTemplates {
		see(str(m.CountryNo), "monitor_country_mod")
	}
	for _, r := range c.snap.RuleRoutes {
		see(str(r.CountryNo), "monitor_rule_route")
	}
	countries := make([]string, 0, len(where))
	for country := range where {
		countries = append(countries, country)
	}
	sort.Strings(countries)
	for _, country := range countries {
		if _, ok := c.engine.TimeZone(country); !ok {
			c.add(Finding{Severity: SeverityWarning, Check: CheckNoTimeZone, Table: where[country], Column: "country_no", Country: country,
				Message: "the engine has no time zone for " + country + " (alert.WithTimeZones): its slots, schedules and message times are in UTC"})
		}
	}
}
