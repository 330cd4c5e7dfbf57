package wecom

import (
	"strings"

	"github.com/yujing-go/yujing/channel"
	"github.com/yujing-go/yujing/channel/internal/render"
)

type payload struct {
	MsgType  string    `json:"msgtype"`
	Text     *text     `json:"text,omitempty"`
	Markdown *markdown `json:"markdown,omitempty"`
}

type text struct {
	Content             string   `json:"content"`
	MentionedList       []string `json:"mentioned_list,omitempty"`
	MentionedMobileList []string `json:"mentioned_mobile_list,omitempty"`
}

type markdown struct {
	Content string `json:"content"`
}

// payload renders msg in the robot's format.
func (s *Sender) payload(msg channel.Message) payload {
	c := msg.Content(s.robot.Language)
	m := s.mentions.Merge(msg.Mentions)
	if s.robot.Format == channel.Markdown {
		head := render.Titled("**", c.Title, "**\n", c.Body(channel.Markdown))
		var tail strings.Builder
		tail.WriteString(render.LinksMarkdown(msg.Links))
		if len(m.UserIDs) > 0 {
			tail.WriteString("\n")
			for _, id := range m.UserIDs {
				tail.WriteString("\n<@" + id + ">")
			}
		}
		return payload{MsgType: "markdown", Markdown: &markdown{Content: render.Fit(head, tail.String(), MaxMarkdownBytes)}}
	}
	head := render.Titled("", c.Title, "\n", c.Body(channel.Text))
	users := m.UserIDs
	if m.All {
		users = append(users[:len(users):len(users)], "@all")
	}
	return payload{MsgType: "text", Text: &text{
		Content:             render.Fit(head, render.LinksText(msg.Links), MaxTextBytes),
		MentionedList:       users,
		MentionedMobileList: m.Mobiles,
	}}
}
