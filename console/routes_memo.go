package console

import (
	"context"
	"sync"
	"time"

	"github.com/yujing-go/yujing/alert"
	"github.com/yujing-go/yujing/ops"
)

// routesMaxAge bounds how long the routes page reuses its reading of the
// configuration: rows written with SQL do not move the configuration's
// version, as for the engine's own cache.
const routesMaxAge = 30 * time.Second

// routesMemo keeps the routes page's reading of the configuration (the
// engine's view of it, Check's report, the countries) while the
// configuration's version (store.DB.ConfigVersion, moved by every write
// of the configuration API) stays the same, for at most routesMaxAge.
type routesMemo struct {
	mu      sync.Mutex
	version int64
	at      time.Time
	reading *routesReading
}

// routesReading is one reading of the configuration for the routes page.
type routesReading struct {
	view      *alert.ConfigView
	report    *ops.CheckReport
	countries []string
}

// routesReading returns the configuration as the routes page shows it:
// the kept reading when the version has not moved, else a new one.
func (c *console) routesReading(ctx context.Context) (*routesReading, error) {
	version, err := c.db.ConfigVersion(ctx)
	if err != nil {
		return nil, err
	}
	m := &c.routeMemo
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.reading != nil && m.version == version && time.Since(m.at) < routesMaxAge {
		return m.reading, nil
	}
	snap, err := c.db.LoadSnapshot(ctx)
	if err != nil {
		return nil, err
	}
	// Check and the matrix read the same rows.
	report := c.kit().CheckSnapshot(snap)
	m.version, m.at = version, time.Now()
	m.reading = &routesReading{view: c.engine.ViewConfig(snap), report: report, countries: routeCountries(snap)}
	return m.reading, nil
}
