package channel_test

import (
	"slices"
	"testing"

	"github.com/yujing-go/yujing/channel"
)

func TestMessageContentFallsBack(t *testing.T) {
	en := channel.Content{Title: "Low", Text: "PH low"}
	zh := channel.Content{Title: "低", Text: "菲律宾低"}
	for _, tc := range []struct {
		msg  channel.Message
		l    channel.Language
		want channel.Content
	}{
		{channel.Message{English: en, Chinese: zh}, channel.English, en},
		{channel.Message{English: en, Chinese: zh}, channel.Chinese, zh},
		{channel.Message{English: en}, channel.Chinese, en},
		{channel.Message{Chinese: zh}, channel.English, zh},
		{channel.Message{}, channel.Chinese, channel.Content{}},
	} {
		if got := tc.msg.Content(tc.l); got != tc.want {
			t.Errorf("Content(%v) = %+v, want %+v", tc.l, got, tc.want)
		}
	}
}

func TestContentBody(t *testing.T) {
	both := channel.Content{Text: "t", Markdown: "**m**"}
	if both.Body(channel.Text) != "t" || both.Body(channel.Markdown) != "**m**" {
		t.Errorf("Body of %+v", both)
	}
	if (channel.Content{Text: "t"}).Body(channel.Markdown) != "t" || (channel.Content{Markdown: "m"}).Body(channel.Text) != "m" {
		t.Error("Body does not fall back to the other form")
	}
}

func TestMentionsMerge(t *testing.T) {
	a := channel.Mentions{Mobiles: []string{"1", "2"}, UserIDs: []string{"u"}}
	b := channel.Mentions{Mobiles: []string{"2", "3"}, All: true}
	got := a.Merge(b)
	if !slices.Equal(got.Mobiles, []string{"1", "2", "3"}) || !slices.Equal(got.UserIDs, []string{"u"}) || !got.All {
		t.Errorf("Merge = %+v", got)
	}
	if !slices.Equal(a.Mobiles, []string{"1", "2"}) {
		t.Errorf("Merge changed its receiver: %+v", a)
	}
	if !(channel.Mentions{}).IsZero() || got.IsZero() {
		t.Error("IsZero")
	}
}

func TestParseLanguageAndFormat(t *testing.T) {
	for s, want := range map[string]channel.Language{"en": channel.English, "EN": channel.English, "zh": channel.Chinese, " zh-CN ": channel.Chinese} {
		if got, err := channel.ParseLanguage(s); err != nil || got != want {
			t.Errorf("ParseLanguage(%q) = %v, %v", s, got, err)
		}
	}
	for s, want := range map[string]channel.Format{"text": channel.Text, "Markdown": channel.Markdown, "md": channel.Markdown} {
		if got, err := channel.ParseFormat(s); err != nil || got != want {
			t.Errorf("ParseFormat(%q) = %v, %v", s, got, err)
		}
	}
	if _, err := channel.ParseLanguage("fr"); err == nil {
		t.Error("ParseLanguage(fr) succeeded")
	}
	if _, err := channel.ParseFormat("html"); err == nil {
		t.Error("ParseFormat(html) succeeded")
	}
	if channel.Chinese.String() != "zh" || channel.Markdown.String() != "markdown" {
		t.Error("String")
	}
}
