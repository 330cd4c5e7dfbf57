package rule

import (
	"errors"
	"fmt"
	"sync"
	"sync/atomic"

	"github.com/google/cel-go/cel"
	"github.com/google/cel-go/common/types"
	"github.com/google/cel-go/common/types/ref"
)

// Evaluator compiles, caches and evaluates rules. It is safe for concurrent
// use; build one per process (or per set of host functions) with New.
type Evaluator struct {
	env          *cel.Env
	adapter      types.Adapter
	costLimit    uint64
	baselineDays int
	hostVars     []hostVariable
	declared     map[string]bool // names of all variables
	identifiers  []string        // variables and functions, for suggestions
	emptyVars    ref.Val         // vars when the input has none
	cache        *cache
	compilations atomic.Uint64
	activations  sync.Pool // of *activation
}

// New returns an Evaluator configured by opts.
func New(opts ...Option) (*Evaluator, error) {
	c := defaultConfig()
	for _, opt := range opts {
		opt(&c)
	}
	switch {
	case c.costLimit == 0:
		return nil, errors.New("rule: cost limit must be positive")
	case c.cacheSize < 1:
		return nil, fmt.Errorf("rule: cache size %d, want at least 1", c.cacheSize)
	case c.baselineDays < 1 || c.baselineDays > maxBaselineDays:
		return nil, fmt.Errorf("rule: baseline days %d, want 1 to %d", c.baselineDays, maxBaselineDays)
	}
	env, err := newEnv(&c)
	if err != nil {
		return nil, fmt.Errorf("rule: %w", err)
	}
	e := &Evaluator{
		env:          env,
		adapter:      env.CELTypeAdapter(),
		costLimit:    c.costLimit,
		baselineDays: c.baselineDays,
		hostVars:     c.variables,
		declared:     make(map[string]bool),
		identifiers:  identifiers(env),
		cache:        newCache(c.cacheSize),
	}
	for _, v := range env.Variables() {
		e.declared[v.Name()] = true
	}
	e.emptyVars = types.NewStringInterfaceMap(e.adapter, map[string]any{})
	e.activations.New = func() any { return &activation{ev: e} }
	return e, nil
}

// Compilations returns how many times a rule has been compiled so far. In a
// steady state (no edited rules, cache large enough) it does not grow.
func (e *Evaluator) Compilations() uint64 {
	return e.compilations.Load()
}
