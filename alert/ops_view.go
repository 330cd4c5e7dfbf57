package alert

import (
	"context"
	"fmt"
	"sync"
	"time"
)

// viewCache keeps the operator's view of the configuration between calls,
// apart from the Tick's own cache (Ticks take turns without a lock; the
// toolkit's callers do not).
type viewCache struct {
	mu      sync.Mutex
	view    *ConfigView
	version int64
	loaded  time.Time
}

// View returns the enabled configuration indexed as a Tick indexes it. It
// reads every configuration table (one query each) only when the
// configuration version moved since the last read (every write of the
// configuration API moves it) or WithConfigReload has passed, for rows
// written with SQL, as a Tick does; otherwise it costs one primary-key
// read. It is safe to call while the engine ticks; the view is read-only.
func (e *Engine) View(ctx context.Context) (*ConfigView, error) {
	v, err := e.platform.ConfigVersion(ctx)
	if err != nil {
		return nil, fmt.Errorf("alert: view: %w", err)
	}
	c := &e.views
	c.mu.Lock()
	defer c.mu.Unlock()
	now := e.env.clock()
	if c.view != nil && c.version == v && !now.Before(c.loaded) && now.Sub(c.loaded) < e.configReload {
		return c.view, nil
	}
	snap, err := e.platform.LoadSnapshot(ctx)
	if err != nil {
		return nil, fmt.Errorf("alert: view: %w", err)
	}
	c.view, c.version, c.loaded = e.ViewConfig(snap), v, now
	return c.view, nil
}
