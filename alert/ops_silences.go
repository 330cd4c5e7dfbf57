package alert

import (
	"time"

	"github.com/yujing-go/yujing/store"
)

// SilenceMatcher answers which silence mutes a scene × country, as the
// engine decides it: the same matchers, bounds and schedules, read in the
// country's time zone (WithTimeZones). Make one with Engine.SilenceMatcher.
type SilenceMatcher struct {
	ix  *silenceIndex
	cat *catalog
}

// SilenceMatcher reads rows (store.SilenceStore.LiveSilences) as the
// engine reads them; a silence whose schedule does not parse mutes
// nothing, as in the engine.
func (e *Engine) SilenceMatcher(rows []store.Silence) *SilenceMatcher {
	return &SilenceMatcher{ix: newSilenceIndex(rows), cat: e.cat}
}

// Muting returns the silence that mutes a message of the scene × country
// (for the rule ruleNo; "" when none fired) at t on every channel — a
// silence of one channel only leaves the others — or nil.
func (m *SilenceMatcher) Muting(infoType int, country, ruleNo string, t time.Time) *store.Silence {
	return m.ix.match(silenced{infoType: infoType, country: country, ruleNo: ruleNo}, store.AnyMatch, t, m.cat.zone(country))
}
