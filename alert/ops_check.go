package alert

import (
	"github.com/yujing-go/yujing/store"
)

// This file exposes, for the operator's toolkit (package ops), how the
// engine reads its configuration: what a Tick resolves for a scene in a
// country, and which scenes and time zones it knows.

// ConfigView is a configuration snapshot as the engine's stages see it:
// indexed by the code a Tick uses, so that what it says is what the
// stages do. Make one with Engine.ViewConfig, or Engine.View to read the
// database's configuration now.
type ConfigView struct {
	e  *Engine
	ix *configIndex
}

// ViewConfig indexes a snapshot (store.DB.LoadSnapshot) as a Tick does.
// It sorts the snapshot's country templates by id.
func (e *Engine) ViewConfig(snap *store.Snapshot) *ConfigView {
	return &ConfigView{e: e, ix: newConfigIndex(snap)}
}

// Template returns the template a message of the scene in the country
// uses: the country's own mapping (monitor_country_mod, the enabled row
// with the smallest id whose template is enabled), else the mapping for
// every country ("*"). The error says what is missing.
func (v *ConfigView) Template(infoType int, country string) (store.Template, error) {
	return v.ix.template(infoType, country)
}

// CountryTemplate returns the mapping the engine uses for exactly this
// scene and country (country may be "*"): the enabled row with the
// smallest id whose template is enabled.
func (v *ConfigView) CountryTemplate(infoType int, country string) (store.CountryTemplate, bool) {
	ct, ok := v.ix.countryTemplates[sceneCountry{infoType, country}]
	return ct, ok
}

// Channels returns the enabled channels that get every message of the
// scene in the country (escalation level 0): the country's routes, then
// the routes for every country, larger sort first, each channel once.
func (v *ConfigView) Channels(infoType int, country string) []store.Channel {
	return v.ix.channelsFor(infoType, country)
}

// Rules returns the codes of the enabled rules the engine evaluates for
// the scene in the country, in the order it evaluates them (the
// country's rule routes merged with those for every country).
func (v *ConfigView) Rules(infoType int, country string) []string {
	rules := v.ix.ruleSet.For(infoType, country)
	out := make([]string, len(rules))
	for i, r := range rules {
		out[i] = r.No
	}
	return out
}

// CountryName names a country as messages do ({country_name}): the name
// monitor_country_mod gives it, else monitor_routing's, else its code.
func (v *ConfigView) CountryName(country string) string { return v.ix.countryName(country) }

// KnownScenes returns the info types the engine works with, by name: its
// scenes, its report scenes and the types declared for Fire. A
// configuration row of another info type is refused by Validation.
func (e *Engine) KnownScenes() map[int]string { return e.knownScenes() }
