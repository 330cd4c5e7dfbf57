package render_test

import (
	"strings"
	"testing"

	"github.com/yujing-go/yujing/channel"
	"github.com/yujing-go/yujing/channel/internal/render"
)

func TestTitled(t *testing.T) {
	for _, tc := range []struct{ prefix, title, suffix, body, want string }{
		{"", "Title", "\n", "body", "Title\nbody"},
		{"", "", "\n", "body", "body"},
		{"", "Title", "\n", "Title: more", "Title: more"},
		{"#### ", "Title", "\n\n", "#### Title\n\nx", "#### Title\n\nx"},
		{"**", "Title", "**\n", "", "**Title"},
	} {
		if got := render.Titled(tc.prefix, tc.title, tc.suffix, tc.body); got != tc.want {
			t.Errorf("Titled(%q, %q, %q, %q) = %q, want %q", tc.prefix, tc.title, tc.suffix, tc.body, got, tc.want)
		}
	}
}

func TestLinks(t *testing.T) {
	links := []channel.Link{{Title: "Report [May]", URL: "https://example.com/a (1).xlsx"}, {URL: "https://example.com/b"}, {Title: "none"}}
	if got, want := render.LinksText(links), "\n\nReport [May]: https://example.com/a (1).xlsx\nhttps://example.com/b"; got != want {
		t.Errorf("LinksText = %q, want %q", got, want)
	}
	if got, want := render.LinksMarkdown(links), "\n\n[Report \\[May\\]](https://example.com/a%20%281%29.xlsx)\n[https://example.com/b](https://example.com/b)"; got != want {
		t.Errorf("LinksMarkdown = %q, want %q", got, want)
	}
	if render.LinksText(nil) != "" || render.LinksMarkdown(nil) != "" {
		t.Error("links of nothing are not empty")
	}
}

func TestFit(t *testing.T) {
	head := strings.Repeat("警", 100) // 300 bytes
	tail := "\n@13800001111"
	got := render.Fit(head, tail, 100)
	if len(got) > 100 || !strings.HasSuffix(got, channel.TruncationMarker+tail) {
		t.Errorf("Fit kept the tail badly: %q (%d bytes)", got, len(got))
	}
	if got := render.Fit("short", tail, 100); got != "short"+tail {
		t.Errorf("Fit changed a short text: %q", got)
	}
	// A tail longer than half the limit is cut with the rest.
	long := strings.Repeat("x", 80)
	if got := render.Fit(head, long, 100); len(got) > 100 || !strings.HasPrefix(got, "警") {
		t.Errorf("Fit with a long tail: %q", got)
	}
}
