package channel

import (
	"context"
	"errors"
	"time"
)

// Built is a sender built from a spec, with what the engine needs to know
// about the channel.
type Built struct {
	Sender
	// Spec is the channel as configured.
	Spec Spec
	// TypeName is the name of the channel's type ("wecom", …).
	TypeName string
	// Language is the language the channel sends in: render the message's
	// content in it (the sender falls back to the other language when the
	// message has none in it).
	Language Language
	// Format is the channel's body format.
	Format Format
	// Timeout bounds one send.
	Timeout time.Duration
	// Limiter paces the sends to the channel's robot (nil when the channel
	// has none). When it is a Pauser, a throttling answer pauses the robot
	// for every sender sharing it.
	Limiter Limiter
	// UnknownKeys are detail keys that the channel's type does not read,
	// sorted: likely typos ("at_mobile" for "at_mobiles"). Build does not
	// fail on them; the engine's configuration checks refuse them, and its
	// send stage logs them.
	UnknownKeys []string
	// KnownKeys are the detail keys the channel's type read while building
	// (present or not), sorted: what an unknown key may have meant.
	KnownKeys []string
}

// checked makes every failure of a sender an *Error naming its channel, even
// for a host's own sender that returns plain errors.
type checked struct {
	s       Sender
	channel string
	typ     string
}

// Send sends through the wrapped sender and completes its error.
func (c *checked) Send(ctx context.Context, msg Message) error {
	err := c.s.Send(ctx, msg)
	if err == nil {
		return nil
	}
	if e, ok := errors.AsType[*Error](err); ok {
		if e.Channel != "" && e.Type != "" {
			return err
		}
		filled := *e
		if filled.Channel == "" {
			filled.Channel = c.channel
		}
		if filled.Type == "" {
			filled.Type = c.typ
		}
		return &filled
	}
	return &Error{Channel: c.channel, Type: c.typ, Retryable: isTransient(err), Err: err}
}
