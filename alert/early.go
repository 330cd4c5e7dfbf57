package alert

import (
	"context"
	"time"

	"github.com/yujing-go/yujing/store"
)

// sendRound is what a batch of sends goes by: the Tick's configuration and
// the time of the stage that started them.
type sendRound struct {
	ix  *configIndex
	now time.Time
}

// earlySends are the deliveries a Tick starts before its send stage: a
// goroutine that sends the chunks of held alerts it is handed, while the
// stage that recorded them goes on with its next batch. Its queue holds
// two chunks, so a stage that records faster than the robots answer waits
// for them, and memory stays flat.
type earlySends struct {
	chunks chan heldChunk
	done   chan struct{}
}

// heldChunk is a batch of held alerts handed to the early sends, with the
// context of the stage that recorded them (its trace span is their
// deliveries' parent; it ends with the Tick's).
type heldChunk struct {
	ctx context.Context
	sendRound
	owner string
	logs  []store.SendLog
}

// sendHeld hands the held alerts to the early sends, started on the
// first call. Tick calls it (through ts.full) once a stage has recorded as
// many alerts as a Tick holds, and then after every batch: a backlog is
// delivered while it is judged and recorded, in the Tick's flight, which
// the send stage lands.
//
// It blocks while two chunks wait to be sent. Each chunk leaves ts.held
// when it is handed over; one that is never sent (the Tick is cancelled)
// reaches the send stage's skip path, which frees its rows.
func (s *sendStage) sendHeld(ctx context.Context, ts *tickState) {
	if ts.early == nil {
		fl, senders := s.flightOf(ctx, ts)
		e := &earlySends{chunks: make(chan heldChunk, 2), done: make(chan struct{})}
		go func() {
			defer close(e.done)
			for c := range e.chunks {
				s.sendRows(c.ctx, c.sendRound, fl, senders, c.owner, c.logs)
			}
		}()
		ts.early = e
	}
	r := sendRound{ts.ix, ts.now}
	for _, h := range ts.held {
		for start := 0; start < len(h.logs); start += s.batch {
			ts.early.chunks <- heldChunk{ctx, r, h.owner, h.logs[start:min(start+s.batch, len(h.logs))]}
		}
	}
	ts.held, ts.nHeld = nil, 0
}

// endEarly waits until every chunk handed to the early sends has been
// dispatched (its sends started); the flight goes on.
func (s *sendStage) endEarly(ts *tickState) {
	if ts.early == nil {
		return
	}
	close(ts.early.chunks)
	<-ts.early.done
	ts.early = nil
}

// flightOf returns the Tick's flight, started now if no delivery has
// started yet.
func (s *sendStage) flightOf(ctx context.Context, ts *tickState) (*flight, *senderCache) {
	if ts.flight == nil {
		ts.flight = s.newFlight(ctx, &ts.res.Send)
		ts.senders = &senderCache{channels: s.channels, log: s.log, ix: ts.ix, built: map[string]builtOrErr{}}
	}
	return ts.flight, ts.senders
}

// endTick ends what the Tick's send stage did not (the Tick's context
// ended before it): it lands the early sends' flight and frees the held
// alerts nobody sent.
func (s *sendStage) endTick(ctx context.Context, ts *tickState) error {
	s.endEarly(ts)
	var err error
	if ts.flight != nil {
		err = s.land(ts.flight)
		ts.flight = nil
	}
	s.releaseHeld(ctx, ts)
	return err
}
