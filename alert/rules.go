package alert

import (
	"context"
	"time"

	"github.com/yujing-go/yujing/rule"
	"github.com/yujing-go/yujing/store"
)

// rulesStage judges records that wait for the rules (status 0: written by
// other means than Collect, or left by a host that stopped) and retries
// failed rule calls (status 1 with retries left). The alerts it finds are
// recorded at once, as Collect does.
type rulesStage struct {
	*env
	judge  *judge
	keeper *keeper
	retry  retryPolicy
}

func (s *rulesStage) timing(r *TickResult) *time.Duration { return &r.Rules.Duration }
func (s *rulesStage) name() string                        { return "rules" }

func (s *rulesStage) run(ctx context.Context, ts *tickState) error {
	return s.workRecords(ctx, ts, "rules", []store.RecordStatus{store.RecordWaiting, store.RecordRuleFailed},
		func(recs []store.Record) ([]store.RecordUpdate, error) { return s.judgeAndRecord(ctx, ts, recs) })
}

// judgeAndRecord judges claimed records, decides their lifecycle and
// records the messages among them at once, rather than leave them in
// status 3 for the record stage to claim again.
func (s *rulesStage) judgeAndRecord(ctx context.Context, ts *tickState, recs []store.Record) ([]store.RecordUpdate, error) {
	updates, err := s.judgeAll(ctx, ts, recs)
	if err != nil {
		return nil, err
	}
	ptrs := make([]*store.Record, len(recs))
	for i := range recs {
		ptrs[i] = &recs[i]
	}
	if err := s.keeper.settle(ctx, ts, ptrs, updates, nil); err != nil {
		return nil, err
	}
	ts.res.Rules.Records += len(recs)
	return updates, nil
}

// judgeAll returns each claimed record's outcome: 2, 3 (with the rule) or
// 1 (with the reason and its retries).
func (s *rulesStage) judgeAll(ctx context.Context, ts *tickState, recs []store.Record) ([]store.RecordUpdate, error) {
	verdicts := make([]verdict, len(recs))
	var inputs []rule.Input
	var at []int
	for i := range recs {
		smp, err := decodeSample(recs[i].Content, recs[i].CompareVal)
		if err != nil {
			verdicts[i] = verdict{status: store.RecordRuleFailed, reason: "unreadable record: " + err.Error()}
			continue
		}
		inputs = append(inputs, inputOf(&recs[i], smp))
		at = append(at, i)
	}
	judged, err := s.judge.verdicts(ctx, ts.ix, inputs)
	if err != nil {
		return nil, err
	}
	for j, i := range at {
		verdicts[i] = judged[j]
	}
	st := &ts.res.Rules
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
			left, at := s.retry.afterFailure(ts.now, intOr(r.RuleRetryTime, store.DefaultRetries), 0)
			u.RuleRetryTime, u.RetryAt = &left, at
			st.Failed++
			s.log.WarnContext(ctx, "rule evaluation failed", append(recordAttrs(r), "retries_left", left, "reason", v.reason)...)
		}
		updates[i] = u
	}
	return updates, nil
}
