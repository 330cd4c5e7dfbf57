package alert

import (
	"context"
	"errors"
	"log/slog"
	"sync"

	"github.com/yujing-go/yujing/store"
)

// pendingWrites holds completion writes that failed (the database went
// away after the work was done, e.g. after a message was sent). The next
// Tick writes them first, while the claims still hold, so that the work is
// not done twice. A write whose claim was lost in the meantime is dropped:
// another host has taken the rows over.
type pendingWrites struct {
	mu     sync.Mutex
	writes []pendingWrite
}

type pendingWrite struct {
	what  string
	write func(ctx context.Context) error
}

func (p *pendingWrites) add(what string, write func(ctx context.Context) error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.writes = append(p.writes, pendingWrite{what, write})
}

// flush retries the pending writes; those that fail again stay.
func (p *pendingWrites) flush(ctx context.Context, log *slog.Logger) error {
	p.mu.Lock()
	writes := p.writes
	p.writes = nil
	p.mu.Unlock()
	for i, w := range writes {
		err := w.write(ctx)
		switch {
		case err == nil:
			log.InfoContext(ctx, "pending write done", "what", w.what)
		case errors.Is(err, store.ErrClaimLost):
			log.WarnContext(ctx, "pending write dropped: claim lost to another host", "what", w.what, "err", err)
		default:
			p.mu.Lock()
			p.writes = append(p.writes, writes[i:]...)
			p.mu.Unlock()
			return err
		}
	}
	return nil
}
