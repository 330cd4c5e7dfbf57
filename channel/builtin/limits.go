package builtin

import (
	"github.com/yujing-go/yujing/channel"
	"github.com/yujing-go/yujing/channel/dingtalk"
	"github.com/yujing-go/yujing/channel/email"
	"github.com/yujing-go/yujing/channel/feishu"
	"github.com/yujing-go/yujing/channel/slack"
	"github.com/yujing-go/yujing/channel/wecom"
)

// Limits are the sizes a built-in channel type's sender fits a message
// into, in bytes of UTF-8; 0 is no limit of that kind. A sender truncates
// what is longer, ending it with channel.TruncationMarker (the links and
// mentions are kept).
type Limits struct {
	Code int    // monitor_channel.type
	Name string // e.g. "wecom"
	// TextBytes bounds the message as a text message: title and text
	// (with the links). MarkdownBytes, the same as Markdown.
	TextBytes, MarkdownBytes int
	// BodyBytes bounds the whole request body (JSON): the message, its
	// title and the payload around them.
	BodyBytes int
	// TitleBytes bounds a title shown apart: DingTalk's preview title,
	// Feishu's card header, an email's subject.
	TitleBytes int
}

// TypeLimits returns the limits of the built-in channel types, in the
// order of Types. The senders use the same constants.
func TypeLimits() []Limits {
	return []Limits{
		{Code: channel.TypeWeCom, Name: "wecom", TextBytes: wecom.MaxTextBytes, MarkdownBytes: wecom.MaxMarkdownBytes},
		{Code: channel.TypeEmail, Name: "email", TitleBytes: email.MaxSubjectBytes},
		{Code: channel.TypeDingTalk, Name: "dingtalk", BodyBytes: dingtalk.MaxBodyBytes, TitleBytes: dingtalk.MaxTitleBytes},
		{Code: channel.TypeSlack, Name: "slack", TextBytes: slack.MaxTextBytes, MarkdownBytes: slack.MaxMarkdownBytes},
		{Code: channel.TypeFeishu, Name: "feishu", BodyBytes: feishu.MaxBodyBytes, TitleBytes: feishu.MaxTitleBytes},
		{Code: channel.TypeWebhook, Name: "webhook"},
	}
}
