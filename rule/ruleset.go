package rule

import (
	"cmp"
	"slices"
)

// AllCountries is the country_no marker of a route that applies to every country.
const AllCountries = "*"

// Route is one monitor_rule_route row: rule RuleNo applies to scene InfoType in Country.
type Route struct {
	InfoType int
	Country  string // a country code, or AllCountries
	RuleNo   string
	Sort     float64
}

// RuleSet answers which rules apply to a scene and country. It is built once
// from the enabled rules and routes and is safe for concurrent use.
type RuleSet struct {
	scenes map[int]*sceneRules
}

// sceneRules holds the ordered rules of one scene: those routed to every
// country, and for each country with routes of its own, the merge of both.
type sceneRules struct {
	all       []Rule
	byCountry map[string][]Rule
}

// routed is a rule with the priority of the route that brought it.
type routed struct {
	rule Rule
	sort float64
}

// NewRuleSet indexes rules by their routes. Routes naming a rule number that
// is not in rules are ignored, so the caller passes only enabled rules and
// routes; of two rules with the same number the first is kept. A rule routed
// to a scene more than once (for its country and for AllCountries, say) is
// listed once, with the largest sort of its routes. Country codes are
// compared exactly.
func NewRuleSet(rules []Rule, routes []Route) *RuleSet {
	byNo := make(map[string]Rule, len(rules))
	for _, r := range rules {
		if _, dup := byNo[r.No]; !dup {
			byNo[r.No] = r
		}
	}

	// scene → country → rule number → route priority
	index := make(map[int]map[string]map[string]float64)
	for _, rt := range routes {
		if _, ok := byNo[rt.RuleNo]; !ok {
			continue
		}
		countries := index[rt.InfoType]
		if countries == nil {
			countries = make(map[string]map[string]float64)
			index[rt.InfoType] = countries
		}
		nos := countries[rt.Country]
		if nos == nil {
			nos = make(map[string]float64)
			countries[rt.Country] = nos
		}
		if s, seen := nos[rt.RuleNo]; !seen || rt.Sort > s {
			nos[rt.RuleNo] = rt.Sort
		}
	}

	set := &RuleSet{scenes: make(map[int]*sceneRules, len(index))}
	for infoType, countries := range index {
		all := countries[AllCountries]
		sr := &sceneRules{
			all:       ordered(byNo, all, nil),
			byCountry: make(map[string][]Rule, len(countries)),
		}
		for country, nos := range countries {
			if country != AllCountries {
				sr.byCountry[country] = ordered(byNo, nos, all)
			}
		}
		set.scenes[infoType] = sr
	}
	return set
}

// ordered merges the routes of a country with those for every country
// (extra) and returns their rules, highest priority first.
func ordered(byNo map[string]Rule, nos, extra map[string]float64) []Rule {
	merged := make(map[string]float64, len(nos)+len(extra))
	for _, m := range []map[string]float64{nos, extra} {
		for no, s := range m {
			if prev, seen := merged[no]; !seen || s > prev {
				merged[no] = s
			}
		}
	}
	list := make([]routed, 0, len(merged))
	for no, s := range merged {
		list = append(list, routed{rule: byNo[no], sort: s})
	}
	slices.SortFunc(list, func(a, b routed) int {
		if c := cmp.Compare(b.sort, a.sort); c != 0 {
			return c
		}
		if c := cmp.Compare(b.rule.Sort, a.rule.Sort); c != 0 {
			return c
		}
		return cmp.Compare(a.rule.No, b.rule.No)
	})
	out := make([]Rule, len(list))
	for i, r := range list {
		out[i] = r.rule
	}
	return out
}

// For returns the rules routed to scene infoType in country: the routes for
// that exact country plus those for AllCountries, ordered by route sort
// (larger first), then rule sort (larger first), then rule number. The
// caller owns the returned slice.
func (s *RuleSet) For(infoType int, country string) []Rule {
	return slices.Clone(s.rules(infoType, country))
}

// rules is For without the copy; the result must not be modified.
func (s *RuleSet) rules(infoType int, country string) []Rule {
	if s == nil {
		return nil
	}
	sr := s.scenes[infoType]
	if sr == nil {
		return nil
	}
	if rs, ok := sr.byCountry[country]; ok {
		return rs
	}
	return sr.all
}
