package channel

import (
	"maps"
	"slices"
	"strconv"
	"strings"
)

// details are a channel's detail rows grouped by logical key: a value too
// long for one row (128 characters) continues in rows "key.2", "key.3", …
type details map[string][]string // logical key → its rows' values in order

// parseDetails groups raw rows into logical keys. Keys are lower-cased and
// values trimmed. It fails, naming the key, on a continuation row without
// its predecessor ("to.3" without "to.2", "to.2" without "to").
func parseDetails(raw map[string]string) (details, *ConfigError) {
	rows := make(map[string]map[int]string, len(raw))
	for k, v := range raw {
		key := strings.ToLower(strings.TrimSpace(k))
		if key == "" {
			continue
		}
		base, n := key, 1
		if i := strings.LastIndexByte(key, '.'); i > 0 {
			if idx, err := strconv.Atoi(key[i+1:]); err == nil {
				if idx < 2 {
					return nil, &ConfigError{Key: key, Reason: "continuation rows are numbered from 2 (key, key.2, key.3, …)"}
				}
				base, n = key[:i], idx
			}
		}
		if rows[base] == nil {
			rows[base] = make(map[int]string, 1)
		}
		rows[base][n] = strings.TrimSpace(v)
	}
	d := make(details, len(rows))
	for base, parts := range rows {
		idx := slices.Sorted(maps.Keys(parts))
		values := make([]string, len(idx))
		for i, n := range idx {
			if n != i+1 {
				prev := base
				if i+1 > 1 {
					prev = base + "." + strconv.Itoa(i+1)
				}
				return nil, &ConfigError{Key: base + "." + strconv.Itoa(n), Reason: "continuation row without " + strconv.Quote(prev)}
			}
			values[i] = parts[n]
		}
		d[base] = values
	}
	return d, nil
}
