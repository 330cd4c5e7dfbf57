package alert

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync/atomic"
	"time"

	"github.com/yujing-go/yujing/store"
)

// env is what every stage shares: the two sides of the store, the clock,
// the claim tokens, lease and batch sizes, the log, the observer, and the
// completion writes that wait for the database to come back.
type env struct {
	platform store.Platform
	business store.Business
	now      func() time.Time
	log      *slog.Logger
	observer Observer
	tracer   Tracer // the observer's, or one that does nothing

	lease             time.Duration
	batch, maxBatches int

	instance string
	seq      atomic.Uint64
	pending  pendingWrites
}

// owner returns a claim owner token unique to one claim (at most 64
// characters): the instance name and a sequence number.
func (v *env) owner() string {
	return fmt.Sprintf("%s#%d", v.instance, v.seq.Add(1))
}

// clock returns the engine's time, in UTC, whole seconds (what the
// database stores).
func (v *env) clock() time.Time { return v.now().UTC().Truncate(time.Second) }

// claim is a claim request of up to limit rows for owner.
func (v *env) claim(owner string, now time.Time, limit int) store.ClaimRequest {
	return store.ClaimRequest{Owner: owner, Now: now, Lease: v.lease, Limit: limit}
}

// drain runs batch until it works fewer rows than a full batch, the
// context ends, or maxBatches batches have run: a stage is bounded per
// Tick and its memory flat, whatever the backlog.
func (v *env) drain(ctx context.Context, batch func() (int, error)) error {
	for range v.maxBatches {
		n, err := batch()
		if err != nil {
			return err
		}
		if n < v.batch || ctx.Err() != nil {
			return nil
		}
	}
	return nil
}

// workRecords drains the records in each of statuses: it claims a batch,
// has work decide their outcomes, and writes them. If work fails, the
// batch is released for the next Tick (nothing is lost: an alert that did
// reach its slot is recognised there when it is recorded again).
func (v *env) workRecords(ctx context.Context, ts *tickState, what string, statuses []store.RecordStatus,
	work func(recs []store.Record) ([]store.RecordUpdate, error)) error {
	for _, status := range statuses {
		err := v.drain(ctx, func() (int, error) {
			owner := v.owner()
			recs, err := v.business.ClaimRecords(ctx, status, v.claim(owner, ts.now, v.batch))
			if err != nil || len(recs) == 0 {
				return 0, err
			}
			updates, err := work(recs)
			if err != nil {
				v.releaseRecords(ctx, what, owner, recordIDs(recs))
				return 0, err
			}
			return len(recs), v.finishRecords(ctx, owner, ts.now, updates)
		})
		if err != nil {
			return fmt.Errorf("%s: %w", what, err)
		}
	}
	return nil
}

// release gives claimed rows back after the work could not be done, with
// a context of its own (the caller's may be done), so that they are free at
// once instead of at the end of the lease.
func (v *env) release(ctx context.Context, what string, fn func(context.Context) error) {
	rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer cancel()
	if err := fn(rctx); err != nil {
		v.log.WarnContext(ctx, "release failed; the rows are free when their lease ends", "stage", what, "err", err)
	}
}

// releaseRecords gives claimed records back, free at once.
func (v *env) releaseRecords(ctx context.Context, what, owner string, ids []int64) {
	v.release(ctx, what, func(c context.Context) error { return v.business.ReleaseRecords(c, owner, ids) })
}

// finishRecords writes record outcomes; if the database fails, the write
// waits in the pending queue for the next Tick (while the claim holds).
func (v *env) finishRecords(ctx context.Context, owner string, now time.Time, updates []store.RecordUpdate) error {
	_, err := v.business.FinishRecords(ctx, owner, now, updates)
	if err != nil && !errors.Is(err, store.ErrClaimLost) {
		v.pending.add(fmt.Sprintf("%d record outcomes of %s", len(updates), owner), func(ctx context.Context) error {
			_, err := v.business.FinishRecords(ctx, owner, now, updates)
			return err
		})
	}
	return err
}
