package feishu

// MaxTitleBytes bounds a card's header (the message's title): a longer
// one is truncated, ending with channel.TruncationMarker.
const MaxTitleBytes = maxTitleBytes
