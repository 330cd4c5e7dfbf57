package channel

import "context"

// Sender delivers one message through one configured channel.
//
// Send is safe for concurrent use. On failure it returns an *Error that says
// whether the failure is worth retrying; its text never contains a
// credential.
type Sender interface {
	Send(ctx context.Context, msg Message) error
}

// SenderFunc adapts an ordinary function to the Sender interface.
type SenderFunc func(ctx context.Context, msg Message) error

// Send calls f(ctx, msg).
func (f SenderFunc) Send(ctx context.Context, msg Message) error { return f(ctx, msg) }
