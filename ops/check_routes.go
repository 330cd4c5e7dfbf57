package ops

import (
	"fmt"
	"slices"
	"sort"

	"github.com/yujing-go/yujing/store"
)

// The checks of how rows combine, read through the engine's own index of
// the configuration (alert.ConfigView).

type sceneCountry struct {
	scene   int
	country string
}

// alertingPairs returns the scene × country pairs alerts can come from:
// each country a rule route names; for a route for every country ("*"),
// each country the scene's rows name, or "*" itself when they name none.
// Each pair maps to the code of a rule route that makes it one.
func (c *checker) alertingPairs() map[sceneCountry]string {
	named := map[int][]string{}
	name := func(scene *int, country string) {
		if scene != nil && country != "" && country != store.AllCountries && !slices.Contains(named[*scene], country) {
			named[*scene] = append(named[*scene], country)
		}
	}
	for _, m := range c.snap.CountryTemplates {
		name(m.InfoType, str(m.CountryNo))
	}
	for _, r := range c.snap.Routings {
		name(r.InfoType, r.CountryNo)
	}
	for _, r := range c.snap.RuleRoutes {
		name(r.InfoType, str(r.CountryNo))
	}
	pairs := map[sceneCountry]string{}
	for _, r := range c.snap.RuleRoutes {
		if r.InfoType == nil || r.CountryNo == nil {
			continue
		}
		countries := []string{*r.CountryNo}
		if *r.CountryNo == store.AllCountries && len(named[*r.InfoType]) > 0 {
			countries = named[*r.InfoType]
		}
		for _, country := range countries {
			k := sceneCountry{*r.InfoType, country}
			if _, ok := pairs[k]; !ok && len(c.view.Rules(k.scene, k.country)) > 0 {
				pairs[k] = str(r.BuNo)
			}
		}
	}
	return pairs
}

// checkCoverage reports each scene × country with rules whose alerts
// would fail to record: no template, or no enabled channel routed.
func (c *checker) checkCoverage() {
	pairs := c.pairs
	for _, k := range sortedPairs(pairs) {
		scene := k.scene
		if _, err := c.view.Template(k.scene, k.country); err != nil {
			c.add(Finding{Severity: SeverityError, Check: CheckNoTemplate, Table: "monitor_country_mod", Column: "mod_no",
				Scene: &scene, Country: k.country, Message: fmt.Sprintf("%v (rule route %s makes it alert)", err, pairs[k])})
		}
		if len(c.view.Channels(k.scene, k.country)) == 0 {
			c.add(Finding{Severity: SeverityError, Check: CheckNoChannel, Table: "monitor_routing", Column: "channel_no",
				Scene: &scene, Country: k.country, Message: fmt.Sprintf("no channel route: monitor_routing has no enabled row with an "+
					"enabled channel for info_type %d, country %s or * (rule route %s makes it alert)", k.scene, k.country, pairs[k])})
		}
	}
}

// checkCountryTemplates reports mappings the engine does not use: one
// beaten by an earlier mapping of the same scene and country (a duplicate
// when it names the same template), a country's that names the template
// the "*" mapping gives anyway, and a "*" mapping every alerting country
// overrides.
func (c *checker) checkCountryTemplates() {
	for _, m := range c.snap.CountryTemplates {
		if m.InfoType == nil || m.CountryNo == nil {
			continue
		}
		used, ok := c.view.CountryTemplate(*m.InfoType, *m.CountryNo)
		if !ok || used.ID == m.ID {
			c.mootCountryTemplate(m, c.pairs)
			continue
		}
		f := Finding{Severity: SeverityWarning, Check: CheckShadowed, Table: "monitor_country_mod", Code: str(m.BuNo), Column: "mod_no",
			Scene: m.InfoType, Country: *m.CountryNo, Message: fmt.Sprintf("the engine uses mapping %s (template %s) for this scene and country instead: this row is never used",
				str(used.BuNo), str(used.ModNo))}
		if str(used.ModNo) == str(m.ModNo) {
			f.Check, f.Message = CheckDuplicate, fmt.Sprintf("repeats mapping %s (same template %s)", str(used.BuNo), str(m.ModNo))
		}
		c.add(f)
	}
}

// mootCountryTemplate reports a used mapping that changes nothing.
func (c *checker) mootCountryTemplate(m store.CountryTemplate, pairs map[sceneCountry]string) {
	it, country := *m.InfoType, *m.CountryNo
	if country != store.AllCountries {
		if all, ok := c.view.CountryTemplate(it, store.AllCountries); ok && str(all.ModNo) == str(m.ModNo) {
			c.add(Finding{Severity: SeverityWarning, Check: CheckShadowed, Table: "monitor_country_mod", Code: str(m.BuNo), Column: "mod_no",
				Scene: m.InfoType, Country: country, Message: fmt.Sprintf("the mapping for every country (%s) gives the same template %s: this row changes nothing",
					str(all.BuNo), str(m.ModNo))})
		}
		return
	}
	var alerting []string
	for k := range pairs {
		if k.scene == it {
			alerting = append(alerting, k.country)
		}
	}
	if len(alerting) == 0 || slices.Contains(alerting, store.AllCountries) || c.hasAllCountriesRoute(it) {
		return
	}
	for _, country := range alerting {
		if own, ok := c.view.CountryTemplate(it, country); !ok || own.ID == m.ID {
			return
		}
	}
	sort.Strings(alerting)
	c.add(Finding{Severity: SeverityWarning, Check: CheckShadowed, Table: "monitor_country_mod", Code: str(m.BuNo), Column: "country_no",
		Scene: m.InfoType, Country: country, Message: fmt.Sprintf("every country with rules for this scene (%v) has its own mapping: "+
			"this mapping for every country is never used", alerting)})
}

// hasAllCountriesRoute reports a rule route of the scene for every country.
func (c *checker) hasAllCountriesRoute(scene int) bool {
	for _, r := range c.snap.RuleRoutes {
		if r.InfoType != nil && *r.InfoType == scene && str(r.CountryNo) == store.AllCountries {
			return true
		}
	}
	return false
}

func sortedPairs[V any](m map[sceneCountry]V) []sceneCountry {
	out := make([]sceneCountry, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].scene != out[j].scene {
			return out[i].scene < out[j].scene
		}
		return out[i].country < out[j].country
	})
	return out
}
