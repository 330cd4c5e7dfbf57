package channel

import (
	"fmt"
	"strings"
)

// Language is the language a channel sends in, from the detail key "lang".
type Language int

// Languages.
const (
	English Language = iota // "en", the default
	Chinese                 // "zh"
)

// String returns "en" or "zh".
func (l Language) String() string {
	if l == Chinese {
		return "zh"
	}
	return "en"
}

// ParseLanguage parses "en" or "zh" (case-insensitive; "zh-cn" and "cn" are
// accepted for Chinese).
func ParseLanguage(s string) (Language, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "en", "en-us", "english":
		return English, nil
	case "zh", "zh-cn", "zh_cn", "cn", "chinese":
		return Chinese, nil
	}
	return English, fmt.Errorf("want en or zh")
}

// Format is how a channel renders the body, from the detail key "format".
type Format int

// Formats.
const (
	Text     Format = iota // "text", the default
	Markdown               // "markdown"
)

// String returns "text" or "markdown".
func (f Format) String() string {
	if f == Markdown {
		return "markdown"
	}
	return "text"
}

// ParseFormat parses "text" or "markdown" (case-insensitive; "md" is
// accepted).
func ParseFormat(s string) (Format, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "text", "plain", "txt":
		return Text, nil
	case "markdown", "md":
		return Markdown, nil
	}
	return Text, fmt.Errorf("want text or markdown")
}
