package dingtalk

import (
	"strings"

	"github.com/yujing-go/yujing/channel"
	"github.com/yujing-go/yujing/channel/internal/httpsend"
	"github.com/yujing-go/yujing/channel/internal/render"
)

type payload struct {
	MsgType  string    `json:"msgtype"`
	Text     *text     `json:"text,omitempty"`
	Markdown *markdown `json:"markdown,omitempty"`
	At       at        `json:"at"`
	MsgUUID  string    `json:"msgUuid,omitempty"`
}

type text struct {
	Content string `json:"content"`
}

type markdown struct {
	Title string `json:"title"`
	Text  string `json:"text"`
}

type at struct {
	AtMobiles []string `json:"atMobiles,omitempty"`
	AtUserIDs []string `json:"atUserIds,omitempty"`
	IsAtAll   bool     `json:"isAtAll"`
}

// maxTitleBytes bounds a Markdown message's preview title.
const maxTitleBytes = 128

// body renders msg in the robot's format.
func (s *Sender) body(msg channel.Message) ([]byte, error) {
	c := msg.Content(s.robot.Language)
	m := s.mentions.Merge(msg.Mentions)
	p := payload{
		At:      at{AtMobiles: m.Mobiles, AtUserIDs: m.UserIDs, IsAtAll: m.All},
		MsgUUID: msg.ID,
	}
	var mentions strings.Builder
	for _, id := range append(m.Mobiles[:len(m.Mobiles):len(m.Mobiles)], m.UserIDs...) {
		if mentions.Len() == 0 {
			mentions.WriteString("\n")
		} else {
			mentions.WriteString(" ")
		}
		mentions.WriteString("@" + id)
	}

	if s.robot.Format == channel.Markdown {
		const heading = "#### "
		head := render.Titled(heading, c.Title, "\n\n", c.Body(channel.Markdown))
		tail := render.LinksMarkdown(msg.Links)
		if mentions.Len() > 0 {
			tail += "\n" + mentions.String()
		}
		head = s.withKeyword(head, tail, heading)
		title := s.withKeyword(previewTitle(c), "", "")
		return httpsend.MarshalFit(MaxBodyBytes, head, tail, func(t string) any {
			p.MsgType, p.Markdown = "markdown", &markdown{Title: title, Text: t}
			return p
		})
	}
	head := render.Titled("", c.Title, "\n", c.Body(channel.Text))
	tail := render.LinksText(msg.Links)
	if mentions.Len() > 0 {
		tail += "\n" + mentions.String()
	}
	head = s.withKeyword(head, tail, "")
	return httpsend.MarshalFit(MaxBodyBytes, head, tail, func(t string) any {
		p.MsgType, p.Text = "text", &text{Content: t}
		return p
	})
}

// withKeyword prepends the first keyword to head (after a Markdown heading
// marker) when head+tail contains none of them.
func (s *Sender) withKeyword(head, tail, heading string) string {
	if len(s.keywords) == 0 {
		return head
	}
	for _, k := range s.keywords {
		if strings.Contains(head, k) || strings.Contains(tail, k) {
			return head
		}
	}
	k := s.keywords[0]
	if heading != "" {
		if rest, ok := strings.CutPrefix(head, heading); ok {
			return heading + k + " " + rest
		}
	}
	if head == "" {
		return k
	}
	return k + " " + head
}

// previewTitle is the title DingTalk shows in the chat list: the message's
// title, or the first line of its body.
func previewTitle(c channel.Content) string {
	t := strings.TrimSpace(c.Title)
	if t == "" {
		t, _, _ = strings.Cut(strings.TrimSpace(c.Body(channel.Text)), "\n")
		t = strings.TrimLeft(t, "# ")
	}
	return channel.Truncate(t, maxTitleBytes)
}
