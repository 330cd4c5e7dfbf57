package template

import "sync"

// cacheLimit bounds a Cache: past it, the cache starts over. Templates are
// few (one per scene and country at most); the bound only keeps a stream
// of distinct texts (an operator's edits, a bug) from growing it forever.
const cacheLimit = 1024

// Cache holds parsed templates by their text, so that the engine parses a
// template once, not once per alert. The zero Cache is ready to use and
// safe for concurrent use. A text that does not parse is not cached.
type Cache struct {
	mu sync.Mutex
	m  map[string]*Template
}

// Parse returns the parsed src, parsing it the first time (see Parse).
func (c *Cache) Parse(src string) (*Template, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if t, ok := c.m[src]; ok {
		return t, nil
	}
	t, err := Parse(src)
	if err != nil {
		return nil, err
	}
	if c.m == nil || len(c.m) > cacheLimit {
		c.m = map[string]*Template{}
	}
	c.m[src] = t
	return t, nil
}
