package template_test

import (
	"flag"
	"os"
	"strings"
	"testing"

	"github.com/yujing-go/yujing/alert/template"
)

var updateREADME = flag.Bool("update-readme", false, "rewrite the placeholder table in README.md from MarkdownTable")

const readmePath = "../../README.md"

// TestREADME holds the placeholder table under the README's "## Templates"
// equal to MarkdownTable: after adding a placeholder, run
//
//	go test ./alert/template -run TestREADME -update-readme
func TestREADME(t *testing.T) {
	b, err := os.ReadFile(readmePath)
	if err != nil {
		t.Fatal(err)
	}
	readme := string(b)
	start, end, err := placeholderTable(readme)
	if err != nil {
		t.Fatal(err)
	}
	want := template.MarkdownTable()
	if got := readme[start:end]; got != want {
		if *updateREADME {
			if err := os.WriteFile(readmePath, []byte(readme[:start]+want+readme[end:]), 0o644); err != nil {
				t.Fatal(err)
			}
			t.Log("README.md: placeholder table rewritten")
			return
		}
		t.Errorf("README.md's placeholder table is not MarkdownTable(); run go test ./alert/template -run TestREADME -update-readme\ngot:\n%s\nwant:\n%s", got, want)
	}
}

// placeholderTable returns the byte range of the table (whole lines, the
// last newline included) that starts with "| placeholder |" in the section
// "## Templates".
func placeholderTable(readme string) (start, end int, err error) {
	sec := strings.Index(readme, "\n## Templates\n")
	if sec < 0 {
		return 0, 0, errorString("README.md has no section ## Templates")
	}
	secEnd := len(readme)
	if i := strings.Index(readme[sec+1:], "\n## "); i >= 0 {
		secEnd = sec + 1 + i + 1
	}
	i := strings.Index(readme[sec:secEnd], "\n| placeholder |")
	if i < 0 {
		return 0, 0, errorString("README.md's ## Templates has no table starting | placeholder |")
	}
	start = sec + i + 1
	end = start
	for end < secEnd && strings.HasPrefix(readme[end:], "|") {
		nl := strings.IndexByte(readme[end:], '\n')
		if nl < 0 {
			return start, len(readme), nil
		}
		end += nl + 1
	}
	return start, end, nil
}

type errorString string

func (e errorString) Error() string { return string(e) }
