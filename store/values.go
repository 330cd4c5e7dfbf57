package store

import (
	"fmt"
	"sort"
	"strings"
)

// EncodeValues writes named values in the form the content columns hold
// (monitor_record.content, monitor_send_log.content): "name=value" pairs
// separated by ";", names sorted. A "\", ";" or "=" inside a name or value is
// escaped with a backslash, so every value survives the round trip.
func EncodeValues(vals map[string]string) string {
	names := make([]string, 0, len(vals))
	for k := range vals {
		names = append(names, k)
	}
	sort.Strings(names)
	var b strings.Builder
	for i, k := range names {
		if i > 0 {
			b.WriteByte(';')
		}
		escapeValue(&b, k)
		b.WriteByte('=')
		escapeValue(&b, vals[k])
	}
	return b.String()
}

func escapeValue(b *strings.Builder, s string) {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '\\', ';', '=':
			b.WriteByte('\\')
			b.WriteByte(c)
		default:
			b.WriteByte(c)
		}
	}
}

// DecodeValues reads what EncodeValues wrote. A text without any "=" is
// read as positional values named "1", "2", … (the seed's plain
// ";"-separated form).
func DecodeValues(s string) (map[string]string, error) {
	out := map[string]string{}
	if s == "" {
		return out, nil
	}
	var name, cur strings.Builder
	inValue, positional := false, !hasUnescaped(s, '=')
	pos := 0
	emit := func() error {
		pos++
		switch {
		case positional:
			out[fmt.Sprint(pos)] = cur.String()
		case !inValue:
			return fmt.Errorf("decode values: pair %d (%q) has no '='", pos, cur.String())
		default:
			out[name.String()] = cur.String()
		}
		name.Reset()
		cur.Reset()
		inValue = false
		return nil
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\\' && i+1 < len(s):
			i++
			cur.WriteByte(s[i])
		case c == '=' && !inValue && !positional:
			name.WriteString(cur.String())
			cur.Reset()
			inValue = true
		case c == ';':
			if err := emit(); err != nil {
				return nil, err
			}
		default:
			cur.WriteByte(c)
		}
	}
	if err := emit(); err != nil {
		return nil, err
	}
	return out, nil
}

func hasUnescaped(s string, c byte) bool {
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' {
			i++
			continue
		}
		if s[i] == c {
			return true
		}
	}
	return false
}
