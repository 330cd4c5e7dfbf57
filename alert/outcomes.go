package alert

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/yujing-go/yujing/store"
)

// outcomeWriter writes the outcomes of one claim's alerts as they become
// known rather than once per batch: each write takes every outcome that
// arrived while the one before ran. A host that dies then repeats at most
// the sends in flight (and the outcomes on their way to the database).
type outcomeWriter struct {
	s     *sendStage
	owner string
	now   time.Time
	in    chan store.SendLogUpdate
	err   error
}

// startOutcomes starts the writer of up to n outcomes of owner's claim, in
// fl: fl waits for it, and gets its error when it ends.
func (s *sendStage) startOutcomes(fl *flight, owner string, now time.Time, n int) *outcomeWriter {
	w := &outcomeWriter{s: s, owner: owner, now: now, in: make(chan store.SendLogUpdate, n)}
	fl.writes.Go(func() {
		w.run(fl.ctx)
		if w.err != nil {
			fl.mu.Lock()
			fl.writeErrs = append(fl.writeErrs, w.err)
			fl.mu.Unlock()
		}
	})
	return w
}

func (w *outcomeWriter) run(ctx context.Context) {
	for u := range w.in {
		batch := []store.SendLogUpdate{u}
	more:
		for {
			select {
			case u, ok := <-w.in:
				if !ok {
					break more
				}
				batch = append(batch, u)
			default:
				break more
			}
		}
		w.write(ctx, batch)
	}
}

// write stores a few outcomes, with a context of its own: the sends are
// done, and their outcome must reach the database even if the caller's
// context just ended. A write that fails waits in the pending queue for the
// next Tick, while the claim holds.
func (w *outcomeWriter) write(ctx context.Context, updates []store.SendLogUpdate) {
	wctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
	defer cancel()
	_, err := w.s.platform.FinishSendLogs(wctx, w.owner, w.now, updates)
	if err == nil {
		return
	}
	if !errors.Is(err, store.ErrClaimLost) {
		owner, now := w.owner, w.now
		w.s.pending.add(fmt.Sprintf("%d send outcomes of %s", len(updates), owner), func(ctx context.Context) error {
			_, err := w.s.platform.FinishSendLogs(ctx, owner, now, updates)
			return err
		})
	}
	if w.err == nil {
		w.err = fmt.Errorf("send: %w", err)
	}
}
