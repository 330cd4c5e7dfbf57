package alert

import (
	"context"
	"fmt"
	"time"
)

// Tick runs one pass of every stage, in bounded batches: collect the due
// windows of every scene (and judge them), judge waiting records and retry
// failed rule calls, record alerts into their send slots, deliver the due
// alerts, archive the finished ones. It returns what it did and the errors
// it met, joined (also in TickResult.Errors). A stage that fails does not
// stop the later ones; every row it left is claimed by nobody or by a lease
// that ends, so the next Tick (here or on another host) goes on from there.
//
// Tick calls on one Engine take turns; call it from the host's scheduler,
// or use Run.
func (e *Engine) Tick(ctx context.Context) (res TickResult, err error) {
	e.tickMu.Lock()
	defer e.tickMu.Unlock()
	start := time.Now()
	defer func() {
		res.Duration = time.Since(start)
		e.observer.TickDone(ctx, res)
	}()
	if err := e.pending.flush(ctx, e.log); err != nil {
		res.fail(fmt.Errorf("writing outcomes left by the last tick: %w", err))
		return res, res.Err() // the database is still away
	}
	ix, err := e.loadConfig(ctx)
	if err != nil {
		res.fail(err) // the store says "load configuration: …"
		return res, res.Err()
	}
	ts := &tickState{ix: ix, maxHeld: e.batch * min(e.maxBatches, 8)}
	stage := func(d *time.Duration, fn func(now time.Time) []error) {
		if ctx.Err() != nil {
			return
		}
		t0 := time.Now()
		for _, err := range fn(e.clock()) {
			res.fail(err)
		}
		*d = time.Since(t0)
	}
	stage(&res.Collect.Duration, func(now time.Time) []error { return e.collectStage(ctx, ts, now, &res.Collect, &res.Record) })
	stage(&res.Rules.Duration, func(now time.Time) []error { return one(e.ruleStage(ctx, ts, now, &res.Rules, &res.Record)) })
	stage(&res.Reports.Duration, func(now time.Time) []error { return one(e.reportStage(ctx, now, &res.Reports)) })
	stage(&res.Record.Duration, func(now time.Time) []error { return one(e.recordStage(ctx, ts, now, &res.Record)) })
	stage(&res.Send.Duration, func(now time.Time) []error { return one(e.sendStage(ctx, ts, now, &res.Send)) })
	stage(&res.Archive.Duration, func(now time.Time) []error { return one(e.archiveStage(ctx, now, &res.Archive)) })
	if len(ts.held) > 0 { // the send stage did not run: free them now rather than when their lease ends
		for _, h := range ts.held {
			e.release(ctx, "send", func(c context.Context) error { return e.platform.ReleaseSendLogs(c, h.owner, sendLogIDs(h.logs)) })
		}
	}
	if err := ctx.Err(); err != nil {
		res.fail(err)
	}
	if len(res.Errors) > 0 {
		e.log.ErrorContext(ctx, "tick finished with errors", "errors", len(res.Errors), "err", res.Err())
	}
	return res, res.Err()
}

func one(err error) []error {
	if err == nil {
		return nil
	}
	return []error{err}
}

// Run calls Tick every interval until ctx ends, for hosts without a
// scheduler of their own. Tick's errors are logged (and reach the
// observer); the loop goes on. When ctx ends Run returns ctx.Err()
// (context.Canceled or context.DeadlineExceeded), so that the host can
// tell a shutdown from a failure to start; an interval that is not
// positive is an error at once.
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
			return ctx.Err()
		case <-t.C:
		}
	}
}
