package rule

import "time"

// Column sizes of monitor_rule, counted in characters (runes), not bytes.
const (
	// MaxCodeLength is the most characters fun_code may hold.
	MaxCodeLength = 64
	// MaxThresholdLength is the most characters threshold_val may hold.
	MaxThresholdLength = 255
)

// Rule is one monitor_rule row as the evaluator needs it.
type Rule struct {
	No        string  // rule_no
	Code      string  // fun_code: CEL expression, at most MaxCodeLength characters
	Desc      string  // fun_desc
	Threshold string  // threshold_val: at most MaxThresholdLength characters
	Sort      float64 // monitor_rule.sort (decimal(4,2); only used for ordering)
}

// Input is one sample to judge (one monitor_record row).
type Input struct {
	InfoType    int
	Country     string
	Begin, End  time.Time
	Numerator   int64
	Denominator int64
	Rate        float64
	Vars        map[string]any
}
