package dingtalk

// MaxTitleBytes bounds the preview title of a Markdown message (the
// message's title, or the first line of its text): a longer one is
// truncated, ending with channel.TruncationMarker.
const MaxTitleBytes = maxTitleBytes
