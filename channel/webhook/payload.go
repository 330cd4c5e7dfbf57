package webhook

import "github.com/yujing-go/yujing/channel"

// Version is the version of the Payload format.
const Version = "1"

// Payload is the JSON body a webhook receives.
type Payload struct {
	// Version is the payload format's version, "1".
	Version string `json:"version"`
	// ID is Message.ID: the same on every retry of one alert to one channel.
	ID string `json:"id,omitempty"`
	// Channel is the channel_no the alert was sent through.
	Channel string `json:"channel,omitempty"`
	// Language is the channel's language, "en" or "zh"; Title and Text are
	// in it (or in the other language when the alert has none in it).
	Language string `json:"language"`
	Title    string `json:"title"` // in Language
	Text     string `json:"text"`  // in Language, plain text
	// English and Chinese are the alert's content in both languages.
	English Content `json:"en"`
	Chinese Content `json:"zh"`
	// Labels are the alert's structured fields (country, scene, window,
	// values…).
	Labels map[string]string `json:"labels,omitempty"`
	// Links are the alert's links (e.g. a report's URL).
	Links []Link `json:"links,omitempty"`
	// Mentions are the message's mentions, when it has any.
	Mentions *Mentions `json:"mentions,omitempty"`
}

// Content is the alert in one language.
type Content struct {
	Title    string `json:"title"`
	Text     string `json:"text"`               // plain text
	Markdown string `json:"markdown,omitempty"` // when the alert has a Markdown form
	HTML     string `json:"html,omitempty"`     // when the alert has an HTML form
}

// Link is a titled URL.
type Link struct {
	Title string `json:"title,omitempty"` // e.g. "Report"
	URL   string `json:"url"`
}

// Mentions are the people the alert asks to notify.
type Mentions struct {
	Mobiles []string `json:"mobiles,omitempty"`  // phone numbers
	UserIDs []string `json:"user_ids,omitempty"` // the receiving service's user ids
	All     bool     `json:"all,omitempty"`      // everyone
}

// NewPayload builds the payload of msg for a channel named channelNo that
// sends in language l.
func NewPayload(channelNo string, l channel.Language, msg channel.Message) Payload {
	c := msg.Content(l)
	p := Payload{
		Version:  Version,
		ID:       msg.ID,
		Channel:  channelNo,
		Language: l.String(),
		Title:    c.Title,
		Text:     c.Body(channel.Text),
		English:  content(msg.English),
		Chinese:  content(msg.Chinese),
		Labels:   msg.Labels,
	}
	for _, l := range msg.Links {
		p.Links = append(p.Links, Link(l))
	}
	if m := msg.Mentions; !m.IsZero() {
		p.Mentions = &Mentions{Mobiles: m.Mobiles, UserIDs: m.UserIDs, All: m.All}
	}
	return p
}

func content(c channel.Content) Content {
	return Content{Title: c.Title, Text: c.Body(channel.Text), Markdown: c.Markdown, HTML: c.HTML}
}
