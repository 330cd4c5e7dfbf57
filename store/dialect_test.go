package store

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestDialectDifferencesStayInTheDialect: the shared SQL never asks which
// database it runs on; every difference is a method of dialect (in
// dialect.go, or beside the opener in mysql.go and sqlite.go).
func TestDialectDifferencesStayInTheDialect(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	named := regexp.MustCompile(`\bdialect(MySQL|SQLite)\b|Dialect\(\) *[!=]=`)
	for _, f := range files {
		switch f {
		case "dialect.go", "mysql.go", "sqlite.go":
			continue
		}
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for i, line := range strings.Split(string(src), "\n") {
			if named.MatchString(line) {
				t.Errorf("%s:%d names a dialect: %s", f, i+1, strings.TrimSpace(line))
			}
		}
	}
}
