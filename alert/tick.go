package alert

import (
	"context"
	"fmt"
	"time"
)

// stage is one step of the pipeline. It owns its dependencies, works in
// bounded batches, adds its counts to ts.res, and leaves every row it
// touched in a state the next Tick (here or on another host) goes on from.
type stage interface {
	run(ctx context.Context, ts *tickState) error
	// timing is where the stage's duration goes in a TickResult.
	timing(r *TickResult) *time.Duration
	// name names the stage in traces.
	name() string
}

// pipeline is one Tick's stages, in order (see the package documentation).
type pipeline []stage

// Tick runs one pass of every stage, in bounded batches: collect the due
// windows of every scene (and judge them), judge waiting records and retry
// failed rule calls, make and upload reports, record alerts into their send
// slots, deliver the due alerts, archive the finished ones. When the stages
// before the send stage record more alerts than a Tick holds (8 batches),
// their deliveries start at once and run alongside the recording of the
// rest; the send stage waits for them as for its own. It returns what
// it did and the errors it met, joined (also in TickResult.Errors). A stage
// that fails does not stop the later ones; every row it left is claimed by
// nobody or by a lease that ends, so the next Tick (here or on another
// host) goes on from there.
//
// Tick calls on one Engine take turns; call it from the host's scheduler,
// or use Run.
func (e *Engine) Tick(ctx context.Context) (res TickResult, err error) {
	e.tickMu.Lock()
	defer e.tickMu.Unlock()
	start := time.Now()
	ctx, endTick := e.env.tracer.StartTick(ctx)
	defer func() {
		res.Duration = time.Since(start)
		e.env.observer.TickDone(ctx, res)
		endTick(res)
	}()
	if err := e.env.pending.flush(ctx, e.env.log); err != nil {
		res.fail(fmt.Errorf("writing outcomes left by the last tick: %w", err))
		return res, res.Err() // the database is still away
	}
	ix, err := e.loadConfig(ctx)
	if err != nil {
		res.fail(err)
		return res, res.Err()
	}
	ts := &tickState{ix: ix, maxHeld: e.env.batch * min(e.env.maxBatches, 8), res: &res}
	ts.sendHeld = func(ctx context.Context) { e.send.sendHeld(ctx, ts) }
	for _, s := range e.pipeline {
		if ctx.Err() != nil {
			break
		}
		t0 := time.Now()
		ts.now = e.env.clock()
		sctx, endStage := e.env.tracer.StartStage(ctx, s.name())
		err := s.run(sctx, ts)
		res.failAll(err)
		*s.timing(&res) = time.Since(t0)
		endStage(err)
	}
	res.failAll(e.send.endTick(ctx, ts))
	if err := ctx.Err(); err != nil {
		res.fail(err)
	}
	if len(res.Errors) > 0 {
		e.env.log.ErrorContext(ctx, "tick finished with errors", "errors", len(res.Errors), "err", res.Err())
	}
	return res, res.Err()
}

// Run calls Tick every interval until ctx ends, for hosts without a
// scheduler of their own. Errors are logged (and reach the observer); the
// loop goes on. It returns ctx.Err() when ctx is done.
func (e *Engine) Run(ctx context.Context, every time.Duration) error {
	if every <= 0 {
		return fmt.Errorf("alert: run interval %s must be positive", every)
	}
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		_, _ = e.Tick(ctx) // Tick logs its errors
		select {
		case <-ctx.Done():
			e.send.late.inFlight.Wait() // each send ends within its budget
			return ctx.Err()
		case <-t.C:
		}
	}
}

// Wait waits until the sends of earlier Ticks that are still running (see
// WithSendWait) have finished and written their outcomes, or ctx ends. A
// host calls it before it exits; a send left running when the process ends
// is made again by another host once its claim ends.
func (e *Engine) Wait(ctx context.Context) error {
	done := make(chan struct{})
	go func() { e.send.late.inFlight.Wait(); close(done) }()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
