package wecom_test

import (
	"encoding/json"
	"testing"
)

// contentOf returns the content of a text or markdown payload.
func contentOf(t testing.TB, body []byte) string {
	t.Helper()
	var p struct {
		Text     struct{ Content string }
		Markdown struct{ Content string }
	}
	if err := json.Unmarshal(body, &p); err != nil {
		t.Fatal(err)
	}
	return p.Text.Content + p.Markdown.Content
}
