package channel

import "slices"

// Content is the message in one language.
type Content struct {
	// Title is a one-line summary: the email subject, a card's header, the
	// first line of a chat message.
	Title string
	// Text is the body as plain text.
	Text string
	// Markdown is the body as Markdown, used by channels whose format is
	// Markdown. Empty means Text.
	Markdown string
	// HTML is the body as HTML, used by email only. Empty means that email
	// renders Text (or Markdown) as escaped, preformatted text.
	HTML string
}

// IsZero reports whether c has neither a title nor a body.
func (c Content) IsZero() bool {
	return c.Title == "" && c.Text == "" && c.Markdown == "" && c.HTML == ""
}

// Body is the body to send in format f: Markdown when f is Markdown and
// Markdown is set, Text otherwise, and Markdown when Text is empty.
func (c Content) Body(f Format) string {
	if f == Markdown && c.Markdown != "" {
		return c.Markdown
	}
	if c.Text != "" {
		return c.Text
	}
	return c.Markdown
}

// Message is one alert to deliver through one channel.
type Message struct {
	// ID is the stable id of this alert for this channel: the same on every
	// retry. DingTalk gets it as msgUuid (it drops a duplicate), the generic
	// webhook as the Idempotency-Key header, email as its Message-ID.
	ID string
	// English and Chinese are the message in both languages; a channel
	// sends the one its "lang" detail chooses (see Message.Content).
	English Content
	Chinese Content
	// Mentions are added to those configured in the channel's details.
	Mentions Mentions
	// Links are appended to the message (e.g. a report's URL).
	Links []Link
	// Attachments are sent by email only; the other channels ignore them
	// (give the file's URL in Links for those).
	Attachments []Attachment
	// Labels are the alert's structured fields (country, scene, window,
	// values…). The generic webhook sends them as JSON; the chat robots
	// ignore them.
	Labels map[string]string
}

// Content returns the message in language l, or in the other language when
// the message has no content in l.
func (m Message) Content(l Language) Content {
	first, second := m.English, m.Chinese
	if l == Chinese {
		first, second = m.Chinese, m.English
	}
	if first.IsZero() {
		return second
	}
	return first
}

// Mentions are the people a chat message notifies. Each channel supports
// what its service supports: see the package documentation of each sender.
type Mentions struct {
	// Mobiles are phone numbers (WeCom, DingTalk).
	Mobiles []string
	// UserIDs are the service's user ids (WeCom userid, DingTalk userId,
	// Feishu open_id/user_id, Slack member id).
	UserIDs []string
	// All notifies everyone in the group.
	All bool
}

// IsZero reports whether m mentions nobody.
func (m Mentions) IsZero() bool { return len(m.Mobiles) == 0 && len(m.UserIDs) == 0 && !m.All }

// Merge returns the union of m and o, without duplicates, m's entries first.
func (m Mentions) Merge(o Mentions) Mentions {
	return Mentions{
		Mobiles: union(m.Mobiles, o.Mobiles),
		UserIDs: union(m.UserIDs, o.UserIDs),
		All:     m.All || o.All,
	}
}

func union(a, b []string) []string {
	if len(b) == 0 {
		return a
	}
	out := slices.Clip(a)
	for _, s := range b {
		if s != "" && !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

// Link is a titled URL appended to a message.
type Link struct {
	Title string // e.g. "Report"; empty shows the URL
	URL   string
}

// Attachment is a file sent with an email, held in memory.
type Attachment struct {
	// Name is the file name shown to the reader, e.g. "report.xlsx".
	Name string
	// ContentType is the MIME type; empty means it is guessed from Name.
	ContentType string
	// Data is the file's content.
	Data []byte
}
