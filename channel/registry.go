package channel

import (
	"errors"
	"fmt"
	"maps"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// DefaultTimeout bounds one send when neither the "timeout" detail nor
// WithDefaultTimeout says otherwise.
const DefaultTimeout = 10 * time.Second

// Factory builds a sender from a channel's Config. It reads its type's
// detail keys with the Config's getters and returns their errors as they
// are.
type Factory func(cfg Config) (Sender, error)

// Registry builds senders from channel specs, one Factory per channel type,
// and holds what the senders share: the HTTP client, the clock and one rate
// limiter per robot. Build a sender on every tick if that is simpler: the
// limiters live in the Registry, not in the senders.
//
// A Registry is safe for concurrent use. The empty core Registry knows no
// type; builtin.NewRegistry returns one with the six built-in types.
type Registry struct {
	mu        sync.RWMutex
	factories map[int]registration

	client   *http.Client
	clock    func() time.Time
	timeout  time.Duration
	limiters *limiterSet // nil: rate limiting off
}

type registration struct {
	name    string
	factory Factory
}

// defaultTransport is net/http's default transport keeping up to 64 idle
// connections per host (the default keeps 2): an engine sends to a few
// robots from many goroutines, and without kept connections every send
// would open a new one.
func defaultTransport() *http.Transport {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxIdleConns = 256
	t.MaxIdleConnsPerHost = 64
	return t
}

// NewRegistry returns a Registry without any type: Register them, or use
// builtin.NewRegistry.
func NewRegistry(opts ...RegistryOption) *Registry {
	r := &Registry{
		factories: make(map[int]registration),
		client:    &http.Client{Transport: defaultTransport()},
		clock:     time.Now,
		timeout:   DefaultTimeout,
		limiters:  &limiterSet{},
	}
	for _, opt := range opts {
		opt(r)
	}
	return r
}

// Register adds channel type typ, named name (used in errors and to key the
// rate limiters). Registering a type or a name twice is an error.
func (r *Registry) Register(typ int, name string, f Factory) error {
	if name == "" || f == nil {
		return errors.New("channel: register: empty name or nil factory")
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if old, ok := r.factories[typ]; ok {
		return fmt.Errorf("channel: register %q: type %d is already registered as %q", name, typ, old.name)
	}
	for t, reg := range r.factories {
		if reg.name == name {
			return fmt.Errorf("channel: register type %d: name %q is already used by type %d", typ, name, t)
		}
	}
	r.factories[typ] = registration{name: name, factory: f}
	return nil
}

// Types returns the registered types in ascending order.
func (r *Registry) Types() []int {
	r.mu.RLock()
	defer r.mu.RUnlock()
	types := make([]int, 0, len(r.factories))
	for t := range r.factories {
		types = append(types, t)
	}
	slices.Sort(types)
	return types
}

// TypeName returns the name type typ was registered with.
func (r *Registry) TypeName(typ int) (string, bool) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	reg, ok := r.factories[typ]
	return reg.name, ok
}

// Build parses spec's details and builds its sender. The error is a
// *ConfigError for a missing or malformed detail or an unknown type.
//
// Common keys, read here for every type: "lang" (en|zh, default en),
// "format" (text|markdown, default text), "timeout" (Go duration, default
// 10s) and "rate_limit" (messages per minute per robot, 0 = off; the
// default depends on the type).
func (r *Registry) Build(spec Spec) (Built, error) {
	r.mu.RLock()
	reg, ok := r.factories[spec.Type]
	r.mu.RUnlock()
	if !ok {
		return Built{}, &ConfigError{Channel: spec.Label(), Type: strconv.Itoa(spec.Type), Reason: fmt.Sprintf("unknown channel type %d", spec.Type)}
	}
	cfg, err := r.config(spec, reg.name)
	if err != nil {
		return Built{}, err
	}
	s, err := reg.factory(cfg)
	if err != nil {
		if _, ok := errors.AsType[*ConfigError](err); ok {
			return Built{}, err
		}
		return Built{}, &ConfigError{Channel: cfg.Channel(), Type: reg.name, Reason: err.Error()}
	}
	if s == nil {
		return Built{}, &ConfigError{Channel: cfg.Channel(), Type: reg.name, Reason: "factory returned no sender"}
	}
	var unknown []string
	for key := range cfg.details {
		if !cfg.used[key] {
			unknown = append(unknown, key)
		}
	}
	slices.Sort(unknown)
	known := slices.Sorted(maps.Keys(cfg.used))
	return Built{
		Sender:      &checked{s: s, channel: cfg.Channel(), typ: reg.name},
		Spec:        spec,
		TypeName:    reg.name,
		Language:    cfg.lang,
		Format:      cfg.format,
		Timeout:     cfg.timeout,
		Limiter:     derefLimiter(cfg.got),
		UnknownKeys: unknown,
		KnownKeys:   known,
	}, nil
}

// config parses the common keys of spec.
func (r *Registry) config(spec Spec, typeName string) (Config, error) {
	d, cerr := parseDetails(spec.Details)
	if cerr != nil {
		cerr.Channel, cerr.Type = spec.Label(), typeName
		return Config{}, cerr
	}
	cfg := Config{
		spec:     spec,
		typeName: typeName,
		details:  d,
		used:     make(map[string]bool, len(d)),
		timeout:  r.timeout,
		rate:     -1,
		clock:    r.clock,
		limiters: r.limiters,
		got:      new(atomic.Pointer[Limiter]),
	}
	var err error
	if v, ok := cfg.Lookup("lang"); ok {
		if cfg.lang, err = ParseLanguage(v); err != nil {
			return Config{}, cfg.Errorf("lang", "%v", err)
		}
	}
	if v, ok := cfg.Lookup("format"); ok {
		if cfg.format, err = ParseFormat(v); err != nil {
			return Config{}, cfg.Errorf("format", "%v", err)
		}
	}
	if cfg.timeout, err = cfg.Duration("timeout", r.timeout); err != nil {
		return Config{}, err
	}
	if v, ok := cfg.Lookup("rate_limit"); ok {
		n, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
		if err != nil || n < 0 || n > 1e6 {
			return Config{}, cfg.Errorf("rate_limit", "want messages per minute, a number ≥ 0 (0 = off)")
		}
		cfg.rate = n
	}
	cfg.client = &http.Client{
		Transport:     r.client.Transport,
		CheckRedirect: r.client.CheckRedirect,
		Jar:           r.client.Jar,
		Timeout:       cfg.timeout,
	}
	return cfg, nil
}

func derefLimiter(p *atomic.Pointer[Limiter]) Limiter {
	if l := p.Load(); l != nil {
		return *l
	}
	return nil
}
