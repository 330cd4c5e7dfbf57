package email

// MaxSubjectBytes bounds a message's subject (its title, or the first line
// of its text): a longer one is truncated, ending with
// channel.TruncationMarker.
const MaxSubjectBytes = 256
