package rule

import (
	"maps"
	"sync"
	"sync/atomic"
)

// cache keeps at most max compiled rules, keyed by rule number; when full,
// the least recently used one is dropped. An entry serves only the content
// it was compiled from; an edited rule replaces it.
//
// Hits take no lock and allocate nothing: the map is replaced as a whole
// (copy on write) when an entry is stored, which happens only after a
// compilation that costs far more than the copy.
type cache struct {
	max   int
	clock atomic.Uint64                     // advances when an entry becomes the most recent
	items atomic.Pointer[map[string]*entry] // never modified once published
	mu    sync.Mutex                        // serializes stores
}

// entry is the current version of one rule.
type entry struct {
	prog *compiled
	used atomic.Uint64 // clock at the last use
}

func newCache(max int) *cache {
	c := &cache{max: max}
	c.items.Store(&map[string]*entry{})
	return c
}

// get returns the rule compiled from exactly this code and threshold, or nil.
func (c *cache) get(no, code, threshold string) *compiled {
	e, ok := (*c.items.Load())[no]
	if !ok || e.prog.code != code || e.prog.threshold != threshold {
		return nil
	}
	c.touch(e)
	return e.prog
}

// touch marks e as the most recently used entry. It writes only when e is
// not already the most recent, so a hot entry is read without writes.
func (c *cache) touch(e *entry) {
	if e.used.Load() != c.clock.Load() {
		e.used.Store(c.clock.Add(1))
	}
}

// put stores p for rule no, replacing any other version, and returns the
// version to use: p, or an equal one another goroutine stored first.
func (c *cache) put(no string, p *compiled) *compiled {
	c.mu.Lock()
	defer c.mu.Unlock()
	old := *c.items.Load()
	if e, ok := old[no]; ok && e.prog.code == p.code && e.prog.threshold == p.threshold {
		c.touch(e)
		return e.prog
	}
	items := maps.Clone(old)
	e := &entry{prog: p}
	e.used.Store(c.clock.Add(1))
	items[no] = e
	for len(items) > c.max {
		delete(items, oldest(items))
	}
	c.items.Store(&items)
	return p
}

// oldest returns the rule number of the least recently used entry.
func oldest(items map[string]*entry) string {
	var no string
	least := ^uint64(0)
	for k, e := range items {
		if u := e.used.Load(); u < least {
			no, least = k, u
		}
	}
	return no
}

// len returns the number of cached rules.
func (c *cache) len() int {
	return len(*c.items.Load())
}
