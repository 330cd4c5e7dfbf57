// Package render composes the text of chat messages for the senders of
// package channel: a title line, the body, the links, the mentions, cut to
// a service's byte limit.
package render

import (
	"strings"

	"github.com/yujing-go/yujing/channel"
)

// Titled returns body under a title line (prefix+title+suffix), or body
// alone when the title is empty or body already starts with it.
func Titled(prefix, title, suffix, body string) string {
	title = strings.TrimSpace(title)
	switch {
	case title == "":
		return body
	case body == "" || strings.HasPrefix(body, title) || strings.HasPrefix(body, prefix+title):
		if body == "" {
			return prefix + title
		}
		return body
	}
	return prefix + title + suffix + body
}

// LinksText renders links as plain-text lines ("Report: https://…"),
// preceded by a blank line; empty for no links.
func LinksText(links []channel.Link) string {
	return linkLines(links, func(l channel.Link) string {
		if t := strings.TrimSpace(l.Title); t != "" {
			return t + ": " + l.URL
		}
		return l.URL
	})
}

// LinksMarkdown renders links as Markdown links, one a line, preceded by a
// blank line; empty for no links.
func LinksMarkdown(links []channel.Link) string { return linkLines(links, MarkdownLink) }

// linkLines renders each link that has a URL as one line, the first
// preceded by a blank line; empty for no such link.
func linkLines(links []channel.Link, line func(channel.Link) string) string {
	var b strings.Builder
	for _, l := range links {
		if l.URL == "" {
			continue
		}
		if b.Len() == 0 {
			b.WriteString("\n")
		}
		b.WriteString("\n")
		b.WriteString(line(l))
	}
	return b.String()
}

// MarkdownLink renders one link as [title](url).
func MarkdownLink(l channel.Link) string {
	title := strings.TrimSpace(l.Title)
	if title == "" {
		title = l.URL
	}
	title = strings.NewReplacer(`\`, `\\`, "[", `\[`, "]", `\]`, "\n", " ").Replace(title)
	u := strings.NewReplacer(" ", "%20", "(", "%28", ")", "%29", "\n", "").Replace(l.URL)
	return "[" + title + "](" + u + ")"
}

// Fit returns head+tail in at most limit bytes: head is truncated first (with
// channel.TruncationMarker), so that the tail (links, mentions) survives;
// when the tail takes more than half of limit, the whole text is truncated
// instead.
func Fit(head, tail string, limit int) string {
	if len(head)+len(tail) <= limit {
		return head + tail
	}
	if len(tail) > limit/2 {
		return channel.Truncate(head+tail, limit)
	}
	return channel.Truncate(head, limit-len(tail)) + tail
}
