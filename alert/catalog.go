package alert

import (
	"fmt"
	"time"

	"github.com/yujing-go/yujing/alert/report"
	"github.com/yujing-go/yujing/store"
)

// catalog names the engine's scenes and places countries in their time
// zones, for messages, logs and reports.
type catalog struct {
	names map[int]string            // info type → scene name
	zones map[string]*time.Location // country_no → time zone
}

// sceneName names a scene by info type.
func (c *catalog) sceneName(infoType int) string {
	if n, ok := c.names[infoType]; ok {
		return n
	}
	return fmt.Sprintf("info_type %d", infoType)
}

// zone returns a country's time zone (UTC when none is set).
func (c *catalog) zone(country string) *time.Location {
	if z, ok := c.zones[country]; ok {
		return z
	}
	return time.UTC
}

// reportMeta describes a report row for the report package.
func (c *catalog) reportMeta(bd *store.BasicData) report.Meta {
	countryNo := bd.CountryNo()
	if countryNo == "" {
		countryNo = str(bd.CountryName)
	}
	m := report.Meta{Scene: c.sceneName(intOr(bd.InfoType, 0)), InfoType: intOr(bd.InfoType, 0), Country: str(bd.CountryName),
		CountryNo: countryNo, Location: c.zone(countryNo), GroupNo: str(bd.GroupNo)}
	if bd.BeginTime != nil {
		m.Begin = bd.BeginTime.UTC()
	}
	if bd.EndTime != nil {
		m.End = bd.EndTime.UTC()
	}
	return m
}
