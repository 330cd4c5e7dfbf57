package rule

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/google/cel-go/common/types"
	"github.com/google/cel-go/common/types/ref"
)

// threshold is a parsed threshold_val.
type threshold struct {
	val    ref.Val // the CEL value bound to threshold; nil when empty
	native any     // the same value in Go, as Seen shows it
}

// parseThreshold parses threshold_val. A number becomes a double; a JSON
// object, array, string or bool becomes a map, list, string or bool, with
// JSON numbers as doubles; blank stays empty.
func parseThreshold(s string, adapter types.Adapter) (threshold, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return threshold{}, nil
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil {
		if math.IsNaN(f) || math.IsInf(f, 0) {
			return threshold{}, fmt.Errorf("%q is not a finite number", s)
		}
		return threshold{val: types.Double(f), native: f}, nil
	}
	switch s[0] {
	case '{', '[', '"', 't', 'f':
	default:
		return threshold{}, fmt.Errorf("%q is neither a number nor JSON", s)
	}
	var v any
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		return threshold{}, fmt.Errorf("invalid JSON: %w", err)
	}
	val, err := jsonToCEL(v, adapter)
	if err != nil {
		return threshold{}, err
	}
	return threshold{val: val, native: v}, nil
}

// jsonToCEL converts a decoded JSON value into CEL values once, so that
// evaluations do not adapt it again.
func jsonToCEL(v any, adapter types.Adapter) (ref.Val, error) {
	switch v := v.(type) {
	case nil:
		return types.NullValue, nil
	case bool:
		return types.Bool(v), nil
	case float64:
		return types.Double(v), nil
	case string:
		return types.String(v), nil
	case []any:
		elems := make([]ref.Val, len(v))
		for i, e := range v {
			ev, err := jsonToCEL(e, adapter)
			if err != nil {
				return nil, err
			}
			elems[i] = ev
		}
		return types.NewRefValList(adapter, elems), nil
	case map[string]any:
		entries := make(map[ref.Val]ref.Val, len(v))
		for k, e := range v {
			ev, err := jsonToCEL(e, adapter)
			if err != nil {
				return nil, err
			}
			entries[types.String(k)] = ev
		}
		return types.NewRefValMap(adapter, entries), nil
	}
	return nil, errors.New("unexpected JSON value")
}
