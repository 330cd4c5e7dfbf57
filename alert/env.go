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

// workRecords drains the records in each of statuses, a batch at a time:
// it claims a batch, has work decide their outcomes, and writes them.
// Batches are worked one after another in claim order (one engine judges a
// country's windows in order), but the two writes around the work touch
// other rows and run alongside it: the claim of the next batch and the
// write of the previous batch's outcomes. A backlog then costs about the
// work alone per batch, not work plus two round trips (BenchmarkBacklog).
//
// If work fails, its batch and the one claimed ahead are released for the
// next Tick (nothing is lost: an alert that did reach its slot is
// recognised there when it is recorded again). A host that dies holds at
// most two batches, until their lease ends.
func (v *env) workRecords(ctx context.Context, ts *tickState, what string, statuses []store.RecordStatus,
	work func(recs []store.Record) ([]store.RecordUpdate, error)) error {
	for _, status := range statuses {
		if err := v.workStatus(ctx, ts, what, status, work); err != nil {
			return fmt.Errorf("%s: %w", what, err)
		}
	}
	return nil
}

// claimedBatch is one claim of records: the owner token and the rows.
type claimedBatch struct {
	owner string
	recs  []store.Record
	err   error
}

// claimAhead claims a batch of records in status in the background, with
// a context of its own: a claim cut short by the caller's context could
// take rows without saying so, and they would wait out their lease; this
// one always reports what it took, for the caller to work or release.
func (v *env) claimAhead(ctx context.Context, status store.RecordStatus, now time.Time) <-chan claimedBatch {
	out := make(chan claimedBatch, 1)
	go func() {
		cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
		defer cancel()
		owner := v.owner()
		recs, err := v.business.ClaimRecords(cctx, status, v.claim(owner, now, v.batch))
		out <- claimedBatch{owner, recs, err}
	}()
	return out
}

// workStatus is workRecords for one status: up to maxBatches batches, until
// a claim comes back short or ctx ends.
func (v *env) workStatus(ctx context.Context, ts *tickState, what string, status store.RecordStatus,
	work func(recs []store.Record) ([]store.RecordUpdate, error)) error {
	next := v.claimAhead(ctx, status, ts.now)
	var finishing chan error // the previous batch's outcome write
	waitFinish := func() error {
		if finishing == nil {
			return nil
		}
		err := <-finishing
		finishing = nil
		return err
	}
	// dropAhead releases the batch claimed ahead, once it has come back.
	dropAhead := func() {
		if next == nil {
			return
		}
		if b := <-next; len(b.recs) > 0 {
			v.releaseRecords(ctx, what, b.owner, recordIDs(b.recs))
		}
		next = nil
	}
	for batches := 1; ; batches++ {
		b := <-next
		next = nil
		if b.err != nil || len(b.recs) == 0 {
			return errors.Join(b.err, waitFinish())
		}
		if ctx.Err() != nil { // the host stops: the Tick reports it
			v.releaseRecords(ctx, what, b.owner, recordIDs(b.recs))
			return waitFinish()
		}
		if len(b.recs) == v.batch && batches < v.maxBatches {
			next = v.claimAhead(ctx, status, ts.now)
		}
		updates, err := work(b.recs)
		if err != nil {
			v.releaseRecords(ctx, what, b.owner, recordIDs(b.recs))
			dropAhead()
			return errors.Join(err, waitFinish())
		}
		prev := waitFinish()
		written := make(chan error, 1)
		go func() { written <- v.finishRecords(ctx, b.owner, ts.now, updates) }()
		finishing = written
		if prev != nil || next == nil {
			dropAhead()
			return errors.Join(prev, waitFinish())
		}
	}
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

// finishRecords writes record outcomes, with a context of its own: the
// work is done (its alerts recorded), and its outcome must reach the
// database even if the caller's context just ended. If the database fails,
// the write waits in the pending queue for the next Tick (while the claim
// holds).
func (v *env) finishRecords(ctx context.Context, owner string, now time.Time, updates []store.RecordUpdate) error {
	wctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
	defer cancel()
	_, err := v.business.FinishRecords(wctx, owner, now, updates)
	if err != nil && !errors.Is(err, store.ErrClaimLost) {
		v.pending.add(fmt.Sprintf("%d record outcomes of %s", len(updates), owner), func(ctx context.Context) error {
			_, err := v.business.FinishRecords(ctx, owner, now, updates)
			return err
		})
	}
	return err
}
