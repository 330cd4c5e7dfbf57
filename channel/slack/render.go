package slack

import (
	"sort"
	"strings"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackutilsx"

	"github.com/yujing-go/yujing/channel"
	"github.com/yujing-go/yujing/channel/internal/render"
)

// render returns the message's text and, in Markdown format, its blocks.
func (s *Sender) render(msg channel.Message) (string, []slack.Block) {
	c := msg.Content(s.cfg.Language)
	m := s.cfg.Mentions.Merge(msg.Mentions)
	var at strings.Builder
	for _, id := range m.UserIDs {
		at.WriteString(" <@" + strings.NewReplacer("<", "", ">", "", "|", "").Replace(id) + ">")
	}
	if m.All {
		at.WriteString(" <!channel>")
	}
	mentions := ""
	if at.Len() > 0 {
		mentions = "\n\n" + strings.TrimPrefix(at.String(), " ")
	}
	if s.cfg.Format == channel.Markdown {
		head := render.Titled("**", c.Title, "**\n\n", c.Body(channel.Markdown))
		md := render.Fit(head, render.LinksMarkdown(msg.Links)+mentions, MaxMarkdownBytes)
		title := c.Title
		if title == "" {
			title, _, _ = strings.Cut(c.Body(channel.Text), "\n")
		}
		return fitEscaped(title, "", MaxTextBytes), []slack.Block{slack.NewMarkdownBlock("", md)}
	}
	head := render.Titled("", c.Title, "\n", c.Body(channel.Text)) + render.LinksText(msg.Links)
	return fitEscaped(head, mentions, MaxTextBytes), nil
}

// fitEscaped escapes head for Slack (&, <, >) and cuts it so that the
// escaped head and the (already formatted) tail fit in limit bytes, never in
// the middle of an escape.
func fitEscaped(head, tail string, limit int) string {
	escaped := slackutilsx.EscapeMessage(head)
	if len(escaped)+len(tail) <= limit {
		return escaped + tail
	}
	n := sort.Search(len(head), func(n int) bool {
		return len(slackutilsx.EscapeMessage(channel.Truncate(head, n)))+len(tail) > limit
	}) - 1
	for ; n > 0; n-- { // in case the length does not grow strictly with n
		if escaped = slackutilsx.EscapeMessage(channel.Truncate(head, n)); len(escaped)+len(tail) <= limit {
			return escaped + tail
		}
	}
	return tail
}
