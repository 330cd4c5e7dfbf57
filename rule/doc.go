// Package rule compiles, validates and evaluates alert rules: short CEL
// expressions (monitor_rule.fun_code) with a threshold
// (monitor_rule.threshold_val), routed to a scene and country by
// monitor_rule_route. It knows nothing of SQL, HTTP or channels: the engine
// reads the rows, builds a RuleSet and an Input per monitor_record row, and
// stores what the Result says.
//
//	ev, err := rule.New()
//	set := rule.NewRuleSet(enabledRules, enabledRoutes)
//	results, err := ev.EvaluateBatch(ctx, set, inputs, history)
//	// results[i].Fired(): alert; results[i].First(): the rule to keep;
//	// results[i].Err: no rule fired and a rule failed (or none applies).
//
// # Variables
//
// Every expression may use:
//
//	rate         double      Input.Rate, e.g. 0.81
//	numerator    int         Input.Numerator
//	denominator  int         Input.Denominator
//	country      string      Input.Country, e.g. "PH"
//	info_type    int         Input.InfoType, the scene
//	vars         map(string, dyn)
//	                         Input.Vars, the scene's extra values: vars.channel;
//	                         has(vars.channel) tests for a key, reading a
//	                         missing key is an error
//	begin, end   timestamp   the window [begin, end), in UTC:
//	                         end - begin == duration("10m"), begin.getHours() >= 8
//	threshold    dyn         threshold_val, see below
//	prev         map(string, dyn)
//	baseline     map(string, dyn)
//	history      list(map(string, dyn))
//	                         past windows, see History below
//
// Numbers compare across int and double (rate < 1, denominator > 99.5,
// numerator >= threshold), but == between an int and a double is refused
// when checked, and arithmetic does not mix them: write
// double(numerator) * 0.5, not numerator * 0.5. The result must be a bool;
// an expression of another static type is refused, and a dyn result (such
// as vars.flag) that is not a bool at run time is an error.
//
// Hosts add variables with WithVariable and functions with WithEnvOptions.
// Names are exact; an unknown name is reported with the closest known one.
//
// # Threshold
//
// threshold_val is parsed once, when the rule is compiled, and bound as
// threshold:
//
//	0.85, 100, -1e3           a number, always a double (100 becomes 100.0)
//	{"min": 0.8, "vol": 100}  a JSON object: a map, threshold.min (numbers are doubles)
//	["PH", "ID"]              a JSON array: a list, country in threshold
//	"PH", true                a JSON string or bool
//	(empty or blank)          only when the expression does not use threshold
//
// Anything else (abc, 0.85x, null, NaN, broken JSON) makes the rule invalid.
// fun_code may hold MaxCodeLength and threshold_val MaxThresholdLength
// characters, counted as characters (runes), not bytes, as MySQL's
// varchar(64) and varchar(255) count them.
//
// # History
//
// prev, baseline and history describe the same scene and country in the
// past. They are fetched only for rules whose checked expression refers to
// them (a map key or comprehension variable of the same name does not count),
// with one call to History.Points per Evaluate or EvaluateBatch call. A
// window "has data" when the store returned a Point for its key.
//
//	prev      the previous window: same length, ending at begin. Keys rate
//	          (double), numerator and denominator (int), present only when
//	          the window has data:
//	              has(prev.rate) && rate < prev.rate - threshold
//	baseline  the same window on each of the previous N days (N =
//	          WithBaselineDays, default 7). Keys days (int: how many of the
//	          N days have data) and, when days > 0, rate, numerator and
//	          denominator: the means over those days, all doubles:
//	              baseline.days >= 3 && rate < baseline.rate * 0.8
//	              numerator < baseline.numerator * 0.5
//	history   the same N windows as a list: history[0] is one day earlier,
//	          history[N-1] N days earlier; each element has the keys of
//	          prev, or none when that day has no data:
//	              has(history[0].rate) && rate < history[0].rate - threshold
//
// The windows are HistoryKey values in UTC: prev is [begin-(end-begin),
// begin), day d is [begin-d×24h, end-d×24h).
//
// # Scenes, countries and order
//
// NewRuleSet indexes the enabled rules by their routes; a route whose
// country_no is AllCountries ("*") applies to every country of its scene.
// RuleSet.For returns a country's own rules and its scene's all-country
// rules, each rule once, ordered by route sort, then rule sort (larger
// first), then rule number. Every rule is evaluated, in that order; the
// input alerts when at least one returns true, and Result.First is the rule
// to keep with the record.
//
// # Errors and safety
//
// Validate reports the errors of a rule as the engine's evaluation would:
// "rule R001: 1:6: undeclared reference to 'rat' (did you mean 'rate'?)",
// "rule R001: fun_code: 65 characters, at most 64 allowed",
// "rule R001: threshold_val: empty, but fun_code uses threshold". They match
// ErrInvalidRule, and Field names the field they are about. A rule without
// a number (one validated before it is stored) is not named: the text
// starts at the position or the field. At run time a division by zero, a missing map key, a
// non-bool result or a cost over the limit (WithCostLimit) is an error for
// that rule and input only, never a panic; panics in host functions and
// variables are recovered the same way. Programs whose worst-case cost is
// within the limit when compiled run without cost tracking, which is
// several times slower; the others are tracked and stopped at the limit.
//
// # Caching
//
// Compiled rules are cached by rule number and content (code and threshold)
// in a bounded LRU (WithCacheSize): an edited rule is compiled again on its
// next use, an unchanged one never is (Compilations counts). An Evaluator is
// safe for concurrent use.
//
// # Host functions
//
// Functions are declared with cel.Function and passed to WithEnvOptions;
// variables computed from the input with WithVariable:
//
//	percent := cel.Function("percent",
//		cel.Overload("percent_double", []*cel.Type{cel.DoubleType}, cel.DoubleType,
//			cel.UnaryBinding(func(v ref.Val) ref.Val { return v.(types.Double) * 100 })))
//	ev, err := rule.New(
//		rule.WithEnvOptions(percent),
//		rule.WithVariable("hour", cel.IntType, func(in rule.Input) any {
//			return int64(in.Begin.Hour())
//		}),
//	)
//	// fun_code: hour >= 8 && percent(rate) < threshold   threshold_val: 85
package rule
