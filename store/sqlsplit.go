package store

import "strings"

// splitStatements splits a migration file into its statements at the
// semicolons that are outside quotes ('…', "…", `…`) and comments (-- …,
// # …, /* … */). The seed's comments hold semicolons inside quotes, so a
// plain split would cut them. Comments between statements are dropped.
func splitStatements(src string) []string {
	var out []string
	var cur strings.Builder
	flush := func() {
		if s := strings.TrimSpace(cur.String()); s != "" {
			out = append(out, s)
		}
		cur.Reset()
	}
	for i := 0; i < len(src); i++ {
		c := src[i]
		switch {
		case c == '\'' || c == '"' || c == '`':
			j := skipQuoted(src, i)
			cur.WriteString(src[i:j])
			i = j - 1
		case c == '-' && strings.HasPrefix(src[i:], "--"), c == '#':
			j := strings.IndexByte(src[i:], '\n')
			if j < 0 {
				i = len(src)
			} else {
				i += j
				cur.WriteByte('\n')
			}
		case c == '/' && strings.HasPrefix(src[i:], "/*"):
			j := strings.Index(src[i+2:], "*/")
			if j < 0 {
				i = len(src)
			} else {
				i += j + 3
			}
		case c == ';':
			flush()
		default:
			cur.WriteByte(c)
		}
	}
	flush()
	return out
}

// skipQuoted returns the index just past the quoted text starting at i,
// honouring doubled quotes and (outside backticks) backslash escapes.
func skipQuoted(src string, i int) int {
	q := src[i]
	for j := i + 1; j < len(src); j++ {
		switch src[j] {
		case '\\':
			if q != '`' {
				j++
			}
		case q:
			if j+1 < len(src) && src[j+1] == q {
				j++
				continue
			}
			return j + 1
		}
	}
	return len(src)
}

// SplitSQL splits a script of MySQL statements (such as the seed) into
// statements, keeping semicolons inside quotes and dropping comments.
func SplitSQL(script string) []string { return splitStatements(script) }
