package template

import (
	"fmt"
	"strings"
)

// Template is a parsed message template. It is immutable: one Template may
// be rendered by many goroutines at once.
type Template struct {
	parts []part
}

type part struct {
	text string // literal text, or
	name string // a placeholder's name
}

// Parse parses src. A '{' that opens no placeholder, a '}' that closes
// none, or a placeholder whose name is not letters, digits, '_' and '.'
// is an error that gives its position in characters (not bytes), counted
// from 1, so that it points at the right place in Chinese text too.
//
// Parse checks the syntax only; Check says whether the names are known.
func Parse(src string) (*Template, error) {
	t := &Template{}
	var lit strings.Builder
	for i := 0; i < len(src); i++ {
		c := src[i]
		switch {
		case c == '{' && i+1 < len(src) && src[i+1] == '{':
			lit.WriteByte('{')
			i++
		case c == '}' && i+1 < len(src) && src[i+1] == '}':
			lit.WriteByte('}')
			i++
		case c == '{':
			end := strings.IndexByte(src[i:], '}')
			if end < 0 {
				return nil, fmt.Errorf("character %d: '{' without a closing '}' (write {{ for a literal brace)", charPos(src, i))
			}
			name := strings.TrimSpace(src[i+1 : i+end])
			if !validName(name) {
				return nil, fmt.Errorf("character %d: {%s} is not a placeholder name (letters, digits, '_' and '.')", charPos(src, i), name)
			}
			if lit.Len() > 0 {
				t.parts = append(t.parts, part{text: lit.String()})
				lit.Reset()
			}
			t.parts = append(t.parts, part{name: name})
			i += end
		case c == '}':
			return nil, fmt.Errorf("character %d: '}' without an opening '{' (write }} for a literal brace)", charPos(src, i))
		default:
			lit.WriteByte(c)
		}
	}
	if lit.Len() > 0 {
		t.parts = append(t.parts, part{text: lit.String()})
	}
	return t, nil
}

// charPos is the 1-based character position of src's byte i.
func charPos(src string, i int) int { return len([]rune(src[:i])) + 1 }

// validName: letters, digits, '_' and '.', neither first nor last a '.'.
func validName(name string) bool {
	if name == "" || name[0] == '.' || name[len(name)-1] == '.' {
		return false
	}
	for _, r := range name {
		if !(r == '_' || r == '.' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			return false
		}
	}
	return true
}

// Names returns the placeholders the template uses, each once, in the order
// they first appear.
func (t *Template) Names() []string {
	var out []string
	seen := map[string]bool{}
	for _, p := range t.parts {
		if p.name != "" && !seen[p.name] {
			seen[p.name] = true
			out = append(out, p.name)
		}
	}
	return out
}

// Render fills the placeholders from values. A placeholder without a value
// is an error that names every missing one, once each, in order ("no value
// for {begin}, {end}"), never a silent blank; an empty value is a value.
func (t *Template) Render(values map[string]string) (string, error) {
	var b strings.Builder
	var missing []string
	seen := map[string]bool{}
	for _, p := range t.parts {
		if p.name == "" {
			b.WriteString(p.text)
			continue
		}
		v, ok := values[p.name]
		if !ok {
			if !seen[p.name] {
				seen[p.name] = true
				missing = append(missing, "{"+p.name+"}")
			}
			continue
		}
		b.WriteString(v)
	}
	if len(missing) > 0 {
		return "", fmt.Errorf("no value for %s", strings.Join(missing, ", "))
	}
	return b.String(), nil
}
