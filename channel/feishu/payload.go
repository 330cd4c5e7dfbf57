package feishu

import (
	"strings"

	"github.com/yujing-go/yujing/channel"
	"github.com/yujing-go/yujing/channel/internal/httpsend"
	"github.com/yujing-go/yujing/channel/internal/render"
)

type payload struct {
	Timestamp string       `json:"timestamp,omitempty"`
	Sign      string       `json:"sign,omitempty"`
	MsgType   string       `json:"msg_type"`
	Content   *textContent `json:"content,omitempty"`
	Card      *card        `json:"card,omitempty"`
}

type textContent struct {
	Text string `json:"text"`
}

type card struct {
	Header   cardHeader    `json:"header"`
	Elements []cardElement `json:"elements"`
}

type cardHeader struct {
	Title    plainText `json:"title"`
	Template string    `json:"template"`
}

type plainText struct {
	Tag     string `json:"tag"`
	Content string `json:"content"`
}

type cardElement struct {
	Tag     string `json:"tag"`
	Content string `json:"content"`
}

// maxTitleBytes bounds a card's header.
const maxTitleBytes = 256

// body renders msg in the bot's format, signed with ts and sign when set.
func (s *Sender) body(msg channel.Message, ts, sign string) ([]byte, error) {
	c := msg.Content(s.robot.Language)
	m := s.mentions.Merge(msg.Mentions)
	p := payload{Timestamp: ts, Sign: sign}
	if s.robot.Format == channel.Markdown {
		title := strings.TrimSpace(c.Title)
		body := c.Body(channel.Markdown)
		if title == "" {
			title, _, _ = strings.Cut(strings.TrimSpace(c.Body(channel.Text)), "\n")
		}
		tail := render.LinksMarkdown(msg.Links) + mentions(m, cardAt)
		return httpsend.MarshalFit(MaxBodyBytes, body, tail, func(t string) any {
			p.MsgType = "interactive"
			p.Card = &card{
				Header:   cardHeader{Title: plainText{Tag: "plain_text", Content: channel.Truncate(title, maxTitleBytes)}, Template: s.cardTemplate},
				Elements: []cardElement{{Tag: "markdown", Content: t}},
			}
			return p
		})
	}
	head := render.Titled("", c.Title, "\n", c.Body(channel.Text))
	tail := render.LinksText(msg.Links) + mentions(m, textAt)
	return httpsend.MarshalFit(MaxBodyBytes, head, tail, func(t string) any {
		p.MsgType, p.Content = "text", &textContent{Text: t}
		return p
	})
}

// mentions renders the at-tags of m on a line of their own, each by tag
// ("all" is the id of everyone).
func mentions(m channel.Mentions, tag func(id string) string) string {
	ids := m.UserIDs
	if m.All {
		ids = append(ids[:len(ids):len(ids)], "all")
	}
	if len(ids) == 0 {
		return ""
	}
	clean := strings.NewReplacer(`"`, "", "<", "", ">", "", " ", "")
	var b strings.Builder
	b.WriteString("\n\n")
	for i, id := range ids {
		if i > 0 {
			b.WriteString(" ")
		}
		b.WriteString(tag(clean.Replace(id)))
	}
	return b.String()
}

// textAt is a mention in a text message.
func textAt(id string) string {
	if id == "all" {
		return `<at user_id="all">所有人</at>`
	}
	return `<at user_id="` + id + `"></at>`
}

// cardAt is a mention in a card's markdown element.
func cardAt(id string) string { return "<at id=" + id + "></at>" }
