package rule

import "github.com/google/cel-go/cel"

// Defaults of the options.
const (
	// DefaultCostLimit is the CEL cost an evaluation may spend before it is
	// stopped with an error. A typical rule costs under 20.
	DefaultCostLimit uint64 = 10_000
	// DefaultCacheSize is how many compiled rules are kept.
	DefaultCacheSize = 1024
	// DefaultBaselineDays is how many earlier days baseline and history cover.
	DefaultBaselineDays = 7
)

// Option configures an Evaluator.
type Option func(*config)

// config is what the options set.
type config struct {
	costLimit    uint64
	cacheSize    int
	baselineDays int
	envOptions   []cel.EnvOption
	variables    []hostVariable
}

// hostVariable is a variable declared by the host and computed per input.
type hostVariable struct {
	name  string
	typ   *cel.Type
	value func(Input) any
}

func defaultConfig() config {
	return config{
		costLimit:    DefaultCostLimit,
		cacheSize:    DefaultCacheSize,
		baselineDays: DefaultBaselineDays,
	}
}

// WithCostLimit sets the CEL cost one evaluation of one rule may spend
// (default DefaultCostLimit). An expression that goes over it, such as a
// comprehension over a large list, fails with an error for that input.
func WithCostLimit(limit uint64) Option {
	return func(c *config) { c.costLimit = limit }
}

// WithCacheSize sets how many compiled rules the evaluator keeps (default
// DefaultCacheSize); the least recently used one is dropped first.
func WithCacheSize(n int) Option {
	return func(c *config) { c.cacheSize = n }
}

// WithBaselineDays sets how many earlier days the baseline and history
// variables cover (default DefaultBaselineDays).
func WithBaselineDays(n int) Option {
	return func(c *config) { c.baselineDays = n }
}

// WithEnvOptions adds options to the CEL environment, typically host
// functions declared with cel.Function, or libraries such as ext.Strings().
func WithEnvOptions(opts ...cel.EnvOption) Option {
	return func(c *config) { c.envOptions = append(c.envOptions, opts...) }
}

// WithVariable declares a variable of CEL type t whose value value computes
// from the input. value runs only when an expression refers to the variable,
// possibly several times per evaluation and from several goroutines at once,
// so it must be cheap and safe for concurrent use. It returns a Go value CEL
// can adapt (bool, int64, float64, string, time.Time, []any, map[string]any,
// …) or a CEL ref.Val.
func WithVariable(name string, t *cel.Type, value func(Input) any) Option {
	return func(c *config) {
		c.variables = append(c.variables, hostVariable{name: name, typ: t, value: value})
	}
}
