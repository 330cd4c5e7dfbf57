package ops

import (
	"github.com/yujing-go/yujing/channel"
	"github.com/yujing-go/yujing/channel/builtin"
)

// overLimits measures a rendered message against each built-in channel
// type's limits (builtin.TypeLimits), in bytes: the title and text as the
// senders put them together (title, line break, text), and the title on
// its own where a type shows it apart. Links, mentions and markup add to
// what a sender sends, so a message just under a limit may still be
// truncated; one over it is.
func overLimits(lang string, c channel.Content) []OverLimit {
	if c.IsZero() {
		return nil
	}
	whole := len(c.Text)
	if c.Title != "" {
		whole += len(c.Title) + len("\n")
	}
	var out []OverLimit
	for _, l := range builtin.TypeLimits() {
		for _, m := range []struct {
			part  string
			bytes int
			limit int
		}{{"text", whole, l.TextBytes}, {"markdown", whole, l.MarkdownBytes}, {"body", whole, l.BodyBytes}, {"title", len(c.Title), l.TitleBytes}} {
			if m.limit > 0 && m.bytes > m.limit {
				out = append(out, OverLimit{Lang: lang, ChannelType: l.Name, Part: m.part, Bytes: m.bytes, Limit: m.limit})
			}
		}
	}
	return out
}
