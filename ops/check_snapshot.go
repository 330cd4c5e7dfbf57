package ops

import "github.com/yujing-go/yujing/store"

// CheckSnapshot is Check over a snapshot the caller has read
// (store.DB.LoadSnapshot), so that what it shows beside the findings
// (the console's routes matrix) is made of the same rows.
func (k *Toolkit) CheckSnapshot(snap *store.Snapshot) *CheckReport {
	c := &checker{engine: k.engine, snap: snap, view: k.engine.ViewConfig(snap)}
	c.pairs = c.alertingPairs()
	c.checkTemplates()
	c.checkChannels()
	c.checkRules()
	c.checkScenes()
	c.checkTargets()
	c.checkCoverage()
	c.checkCountryTemplates()
	c.checkRoutings()
	c.checkRuleRoutes()
	c.checkTimeZones()
	return c.report()
}
