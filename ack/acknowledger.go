package ack

import (
	"context"
	"errors"
	"time"
)

// Request is an acknowledgement to record.
type Request struct {
	Target
	// By is who acknowledged: the name typed on the page, or the host's
	// user (WithUser). Trimmed, 1 to MaxNameLength characters, no control
	// characters.
	By string
	// Until is when the acknowledgement lapses; zero: when the alert
	// resolves.
	Until time.Time
	// Via is how it was made: "link" for the Handler.
	Via string
}

// Acknowledger records acknowledgements (the alert engine implements it).
//
// Acknowledge returns an error wrapping ErrAlreadyAcknowledged when the
// episode is already acknowledged (a link opened twice, or by two people),
// and one wrapping ErrStale when r.Target is no longer the firing episode
// (the alert resolved, or fired again since the link was made). Any other
// error is a failure to record: the handler logs it and shows a generic
// page, so its text may be as detailed as the Acknowledger likes but must
// not hold secrets meant for no log.
type Acknowledger interface {
	Acknowledge(ctx context.Context, r Request) error
}

// ErrAlreadyAcknowledged is returned by an Acknowledger for an episode
// already acknowledged; the handler answers 409 Conflict.
var ErrAlreadyAcknowledged = errors.New("ack: already acknowledged")

// ErrStale is returned by an Acknowledger when the link's episode is over:
// the alert resolved or fired again since the link was made. The handler
// answers 410 Gone.
var ErrStale = errors.New("ack: alert resolved or fired again since the link was made")
