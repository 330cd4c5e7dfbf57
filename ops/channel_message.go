package ops

import (
	"fmt"
	"strings"
	"time"

	"github.com/yujing-go/yujing/channel"
	"github.com/yujing-go/yujing/internal/ids"
)

// testMessage is the message TestChannel sends, in both languages (the
// channel sends the one it is set to): it says it is a test, names the
// channel, the time and who asked, and that nothing is firing.
func testMessage(label, name, typeName, by string, at time.Time) channel.Message {
	who := label
	if name != "" && name != label {
		who = label + " (" + name + ")"
	}
	when := at.UTC().Format("2006-01-02 15:04:05 UTC")
	en := channel.Content{
		Title: "[TEST] yujing test message: channel " + who,
		Text: fmt.Sprintf("This is a test message from yujing, not an alert: nothing is firing.\n"+
			"Channel: %s, type %s\nSent at: %s\nAsked by: %s\nIf you read this, the channel works.", who, typeName, when, by),
	}
	zh := channel.Content{
		Title: "【测试】yujing 测试消息：渠道 " + who,
		Text: fmt.Sprintf("这是一条 yujing 测试消息，不是告警：没有任何告警触发。\n"+
			"渠道：%s，类型 %s\n发送时间：%s\n发起人：%s\n收到这条消息说明渠道可用。", who, typeName, when, by),
	}
	en.Markdown, zh.Markdown = markdownOf(en), markdownOf(zh)
	return channel.Message{
		ID:      ids.New("TEST", at),
		English: en,
		Chinese: zh,
		Labels: map[string]string{
			"kind": "test", "channel": label, "channel_type": typeName,
			"requested_by": by, "sent_at": at.UTC().Format(time.RFC3339),
		},
	}
}

// markdownOf is c's text as Markdown: the title as a heading, each line a
// paragraph.
func markdownOf(c channel.Content) string {
	var b strings.Builder
	b.WriteString("### " + c.Title + "\n\n")
	for l := range strings.SplitSeq(c.Text, "\n") {
		b.WriteString(l + "\n\n")
	}
	return strings.TrimSpace(b.String())
}
