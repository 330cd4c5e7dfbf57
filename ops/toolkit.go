package ops

import (
	"time"

	"github.com/yujing-go/yujing/alert"
	"github.com/yujing-go/yujing/store"
)

// Toolkit is the operator's API over one engine's configuration and one
// database. Make one with New; it is safe for concurrent use.
type Toolkit struct {
	engine *alert.Engine
	db     *store.DB
	now    func() time.Time
}

// Option configures a Toolkit.
type Option func(*Toolkit)

// WithClock sets the clock (time.Now by default): the "now" of a preview's
// sample values, of a history's default range and of a test message.
func WithClock(now func() time.Time) Option {
	return func(k *Toolkit) { k.now = now }
}

// New makes a toolkit from the host's engine (its scenes, rule options,
// channel types and time zones are the toolkit's) and the database the
// engines share.
func New(engine *alert.Engine, db *store.DB, opts ...Option) *Toolkit {
	k := &Toolkit{engine: engine, db: db, now: time.Now}
	for _, o := range opts {
		o(k)
	}
	return k
}
