package rule

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/google/cel-go/cel"
	"github.com/google/cel-go/checker"
)

// Names of the variables every expression may use.
const (
	varRate        = "rate"
	varNumerator   = "numerator"
	varDenominator = "denominator"
	varCountry     = "country"
	varInfoType    = "info_type"
	varVars        = "vars"
	varBegin       = "begin"
	varEnd         = "end"
	varThreshold   = "threshold"
	varPrev        = "prev"
	varBaseline    = "baseline"
	varHistory     = "history"
)

// variable is a declared variable.
type variable struct {
	name string
	typ  *cel.Type
}

// builtinVariables are the variables of every expression.
func builtinVariables() []variable {
	dynMap := cel.MapType(cel.StringType, cel.DynType)
	return []variable{
		{varRate, cel.DoubleType},
		{varNumerator, cel.IntType},
		{varDenominator, cel.IntType},
		{varCountry, cel.StringType},
		{varInfoType, cel.IntType},
		{varVars, dynMap},
		{varBegin, cel.TimestampType},
		{varEnd, cel.TimestampType},
		{varThreshold, cel.DynType},
		{varPrev, dynMap},
		{varBaseline, dynMap},
		{varHistory, cel.ListType(dynMap)},
	}
}

// celReserved are words CEL does not accept as identifiers.
const celReserved = "as break const continue else false for function if import in let loop namespace null package return true var void while"

// newEnv builds the one CEL environment all rules of an evaluator compile in.
func newEnv(c *config) (*cel.Env, error) {
	taken := map[string]bool{}
	for _, w := range strings.Fields(celReserved) {
		taken[w] = true
	}
	opts := []cel.EnvOption{
		cel.CrossTypeNumericComparisons(true),
		cel.DefaultUTCTimeZone(true),
	}
	for _, v := range builtinVariables() {
		taken[v.name] = true
		opts = append(opts, cel.Variable(v.name, v.typ))
	}
	for _, v := range c.variables {
		switch {
		case !isIdentifier(v.name):
			return nil, fmt.Errorf("variable %q: not an identifier", v.name)
		case taken[v.name]:
			return nil, fmt.Errorf("variable %q: name already taken", v.name)
		case v.typ == nil || v.value == nil:
			return nil, fmt.Errorf("variable %q: type and value function are required", v.name)
		}
		taken[v.name] = true
		opts = append(opts, cel.Variable(v.name, v.typ))
	}
	opts = append(opts, c.envOptions...)

	env, err := cel.NewEnv(opts...)
	if err != nil {
		return nil, fmt.Errorf("build CEL environment: %w", err)
	}
	return env, nil
}

// identifiers lists the variable and function names of env, for "did you
// mean" suggestions.
func identifiers(env *cel.Env) []string {
	names := map[string]bool{}
	for _, v := range env.Variables() {
		names[v.Name()] = true
	}
	for name := range env.Functions() {
		if isIdentifier(name) {
			names[name] = true
		}
	}
	return slices.Sorted(maps.Keys(names))
}

// sizeEstimator bounds the size of the country code for the static cost
// estimate, so that comparing it does not look unbounded. Other sizes are
// unknown, and expressions that depend on them are tracked at run time.
type sizeEstimator struct{}

// maxCountryLength is the size of monitor_record.country_no.
const maxCountryLength = 32

func (sizeEstimator) EstimateSize(n checker.AstNode) *checker.SizeEstimate {
	if p := n.Path(); len(p) == 1 && p[0] == varCountry {
		return &checker.SizeEstimate{Min: 0, Max: maxCountryLength}
	}
	return nil
}

func (sizeEstimator) EstimateCallCost(string, string, *checker.AstNode, []checker.AstNode) *checker.CallEstimate {
	return nil
}

// isIdentifier reports whether s is a CEL identifier: [A-Za-z_][A-Za-z0-9_]*.
func isIdentifier(s string) bool {
	if s == "" {
		return false
	}
	for i, c := range s {
		switch {
		case c == '_', 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z':
		case '0' <= c && c <= '9' && i > 0:
		default:
			return false
		}
	}
	return true
}
