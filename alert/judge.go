package alert

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/yujing-go/yujing/rule"
	"github.com/yujing-go/yujing/store"
)

// verdict is what the rules say of one record.
type verdict struct {
	status store.RecordStatus // RecordNoAlert, RecordAlert or RecordRuleFailed
	reason string
	ruleNo string // the rule that fired
}

// judge evaluates the rules routed to each input, in one batch (history
// read once). It fails only when the batch cannot be judged at all
// (history unreadable, context done).
func (e *Engine) judge(ctx context.Context, ix *configIndex, inputs []rule.Input) ([]verdict, error) {
	results, err := e.rules.EvaluateBatch(ctx, ix.ruleSet, inputs, historySource{e.business})
	if err != nil {
		return nil, fmt.Errorf("evaluate rules: %w", err)
	}
	out := make([]verdict, len(results))
	for i, r := range results {
		switch first, fired := r.First(); {
		case fired:
			out[i] = verdict{status: store.RecordAlert, reason: first.Explain(), ruleNo: first.Rule.No}
		case errors.Is(r.Err, rule.ErrNoRules):
			out[i] = verdict{status: store.RecordRuleFailed, reason: fmt.Sprintf(
				"no rule route: monitor_rule_route has no enabled rule for info_type %d, country %s", inputs[i].InfoType, inputs[i].Country)}
		case r.Err != nil:
			out[i] = verdict{status: store.RecordRuleFailed, reason: r.Err.Error()}
		default:
			out[i] = verdict{status: store.RecordNoAlert}
		}
	}
	return out, nil
}

// inputOf turns a record into the rules' input.
func inputOf(rec *store.Record, s sample) rule.Input {
	in := rule.Input{InfoType: intOr(rec.InfoType, 0), Country: str(rec.CountryNo), Numerator: s.num, Denominator: s.den,
		Rate: s.rate, Vars: s.vars}
	if rec.BeginTime != nil {
		in.Begin = rec.BeginTime.UTC()
	}
	if rec.EndTime != nil {
		in.End = rec.EndTime.UTC()
	}
	return in
}

// retryAfterFailure returns the remaining retries after a failed attempt
// and when the next one may run. The first attempt uses no retry; each
// retry that fails uses one (the seed's counters hold the retries left).
// Zero retries left means the failure is final.
func (e *Engine) retryAfterFailure(now time.Time, left int, wasRetry bool) (int, time.Time) {
	if wasRetry {
		left--
	}
	if left <= 0 {
		return 0, time.Time{}
	}
	return left, now.Add(e.backoff.Delay(store.DefaultRetries - left + 1))
}

// ruleStage judges records that wait for the rules (status 0: written by
// other means than Collect, or left by a host that stopped) and retries
// failed rule calls (status 1 with retries left).
func (e *Engine) ruleStage(ctx context.Context, ts *tickState, now time.Time, st *RuleStats, rs *RecordStats) error {
	for _, status := range []store.RecordStatus{store.RecordWaiting, store.RecordRuleFailed} {
		for range e.maxBatches {
			n, err := e.ruleBatch(ctx, ts, now, status, st, rs)
			if err != nil {
				return err
			}
			if n < e.batch {
				break
			}
		}
	}
	return nil
}

func (e *Engine) ruleBatch(ctx context.Context, ts *tickState, now time.Time, status store.RecordStatus, st *RuleStats, rs *RecordStats) (int, error) {
	owner := e.owner()
	recs, err := e.business.ClaimRecords(ctx, status, store.ClaimRequest{Owner: owner, Now: now, Lease: e.lease, Limit: e.batch})
	if err != nil {
		return 0, fmt.Errorf("rules: claim: %w", err)
	}
	if len(recs) == 0 {
		return 0, nil
	}
	verdicts := make([]verdict, len(recs))
	var inputs []rule.Input
	var at []int
	for i := range recs {
		s, err := decodeSample(recs[i].Content, recs[i].CompareVal)
		if err != nil {
			verdicts[i] = verdict{status: store.RecordRuleFailed, reason: "unreadable record: " + err.Error()}
			continue
		}
		inputs = append(inputs, inputOf(&recs[i], s))
		at = append(at, i)
	}
	judged, err := e.judge(ctx, ts.ix, inputs)
	if err != nil {
		e.release(ctx, "rules", func(c context.Context) error { return e.business.ReleaseRecords(c, owner, recordIDs(recs)) })
		return 0, fmt.Errorf("rules: %w", err)
	}
	for j, i := range at {
		verdicts[i] = judged[j]
	}
	updates := make([]store.RecordUpdate, len(recs))
	for i := range recs {
		r, v := &recs[i], verdicts[i]
		u := store.RecordUpdate{ID: r.ID, Status: v.status, Reason: v.reason}
		switch v.status {
		case store.RecordAlert:
			u.RuleNo = &verdicts[i].ruleNo
			st.Alert++
		case store.RecordNoAlert:
			st.NoAlert++
		case store.RecordRuleFailed:
			left, at := e.retryAfterFailure(now, intOr(r.RuleRetryTime, store.DefaultRetries), status == store.RecordRuleFailed)
			u.RuleRetryTime, u.RetryAt = &left, at
			st.Failed++
			e.log.WarnContext(ctx, "rule evaluation failed", "bu_no", str(r.BuNo), "info_type", intOr(r.InfoType, 0),
				"country", str(r.CountryNo), "window", windowOf(r), "retries_left", left, "reason", v.reason)
		}
		updates[i] = u
	}
	// Record the alerts at once, as Collect does, rather than leave them
	// in status 3 for the record stage to claim again.
	var alerts []*store.Record
	var alertAt []int
	for i := range recs {
		if updates[i].Status == store.RecordAlert {
			recs[i].Param5 = updates[i].RuleNo
			recs[i].Reason = new(updates[i].Reason)
			alerts = append(alerts, &recs[i])
			alertAt = append(alertAt, i)
		}
	}
	if len(alerts) > 0 {
		recorded, err := e.recordAlerts(ctx, ts, now, alerts, false, rs)
		if err != nil {
			e.release(ctx, "rules", func(c context.Context) error { return e.business.ReleaseRecords(c, owner, recordIDs(recs)) })
			return 0, fmt.Errorf("rules: %w", err)
		}
		for j, i := range alertAt {
			recorded[j].RuleNo = updates[i].RuleNo
			updates[i] = recorded[j]
		}
		rs.Records += len(alerts)
	}
	st.Records += len(recs)
	if err := e.finishRecords(ctx, owner, now, updates); err != nil {
		return len(recs), fmt.Errorf("rules: %w", err)
	}
	return len(recs), nil
}

// finishRecords writes record outcomes; if the database fails, the write
// waits in the pending queue for the next Tick (while the claim holds).
func (e *Engine) finishRecords(ctx context.Context, owner string, now time.Time, updates []store.RecordUpdate) error {
	_, err := e.business.FinishRecords(ctx, owner, now, updates)
	if err != nil && !errors.Is(err, store.ErrClaimLost) {
		e.pending.add(fmt.Sprintf("%d record outcomes of %s", len(updates), owner), func(ctx context.Context) error {
			_, err := e.business.FinishRecords(ctx, owner, now, updates)
			return err
		})
	}
	return err
}

// release gives claimed rows back after the work could not be done, with
// a context of its own (the caller's may be done), so that they are free at
// once instead of at the end of the lease.
func (e *Engine) release(ctx context.Context, what string, fn func(context.Context) error) {
	rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer cancel()
	if err := fn(rctx); err != nil {
		e.log.WarnContext(ctx, "release failed; the rows are free when their lease ends", "stage", what, "err", err)
	}
}

func recordIDs(recs []store.Record) []int64 {
	out := make([]int64, len(recs))
	for i := range recs {
		out[i] = recs[i].ID
	}
	return out
}

// windowOf formats a record's window for logs.
func windowOf(r *store.Record) string {
	if r.BeginTime == nil || r.EndTime == nil {
		return ""
	}
	return r.BeginTime.UTC().Format(time.RFC3339) + "/" + r.EndTime.UTC().Format(time.RFC3339)
}
