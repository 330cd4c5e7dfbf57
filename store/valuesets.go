package store

import (
	"fmt"
	"strconv"
	"strings"
)

// A pending alert (monitor_send_log) that several alerts merged into keeps
// the values of each of them as far as its content column allows: the
// first alert's values as EncodeValues writes them, then for the 2nd, 3rd…
// alert only the values that differ from the first, named "2:rate",
// "3:window"…, and "_shown" the number of alerts whose values are stored.
// Placeholder names never hold ':', so the prefixes are unambiguous.
// param3 counts every merged alert, stored or not.

// shownKey names the count of alerts whose values a content holds.
const shownKey = "_shown"

// MergeValueSets adds the values of one more alert (next, as EncodeValues
// writes them) to a pending alert's content, when the result fits limit
// characters. It returns the new content and true, or content unchanged
// and false when the values do not fit (the alert is then counted but not
// shown).
func MergeValueSets(content, next string, limit int) (string, bool, error) {
	all, err := DecodeValues(content)
	if err != nil {
		return content, false, err
	}
	add, err := DecodeValues(next)
	if err != nil {
		return content, false, err
	}
	shown := 1
	if v, ok := all[shownKey]; ok {
		if shown, err = strconv.Atoi(v); err != nil || shown < 1 {
			return content, false, fmt.Errorf("merged values: %s=%q is not a count", shownKey, v)
		}
	}
	n := shown + 1
	prefix := strconv.Itoa(n) + ":"
	for k, v := range add {
		if base, ok := all[k]; ok && base == v {
			continue
		}
		all[prefix+k] = v
	}
	all[shownKey] = strconv.Itoa(n)
	merged := EncodeValues(all)
	if len([]rune(merged)) > limit {
		return content, false, nil
	}
	return merged, true, nil
}

// ValueSets reads a pending alert's content: the values of each alert
// whose values it holds, the first alert first. A content with one alert's
// values (the usual case) gives one set.
func ValueSets(content string) ([]map[string]string, error) {
	all, err := DecodeValues(content)
	if err != nil {
		return nil, err
	}
	shown := 1
	if v, ok := all[shownKey]; ok {
		if shown, err = strconv.Atoi(v); err != nil || shown < 1 {
			return nil, fmt.Errorf("merged values: %s=%q is not a count", shownKey, v)
		}
		delete(all, shownKey)
	}
	base := map[string]string{}
	diffs := make([]map[string]string, shown+1)
	for k, v := range all {
		n, name, ok := strings.Cut(k, ":")
		if !ok {
			base[k] = v
			continue
		}
		i, err := strconv.Atoi(n)
		if err != nil || i < 2 || i > shown {
			return nil, fmt.Errorf("merged values: %q names no merged alert", k)
		}
		if diffs[i] == nil {
			diffs[i] = map[string]string{}
		}
		diffs[i][name] = v
	}
	out := make([]map[string]string, 0, shown)
	out = append(out, base)
	for i := 2; i <= shown; i++ {
		set := make(map[string]string, len(base)+len(diffs[i]))
		for k, v := range base {
			set[k] = v
		}
		for k, v := range diffs[i] {
			set[k] = v
		}
		out = append(out, set)
	}
	return out, nil
}
