package alert

import (
	"context"
	"fmt"
	"time"

	"github.com/yujing-go/yujing/store"
)

// recordStage turns records that need an alert (status 3, and status 5
// with retries left) into pending alerts in their send slots, and moves
// them to status 4 (or 5 with the reason when a template or route is
// missing). Records judged by Collect and the rules stage are recorded
// there already; this stage takes the others (Fire, reports, a crashed
// host's, retries).
type recordStage struct {
	*env
	recorder *recorder
}

func (s *recordStage) timing(r *TickResult) *time.Duration { return &r.Record.Duration }

func (s *recordStage) run(ctx context.Context, ts *tickState) error {
	for _, status := range []store.RecordStatus{store.RecordAlert, store.RecordRecordFailed} {
		if err := s.drain(ctx, func() (int, error) { return s.batchOf(ctx, ts, status) }); err != nil {
			return fmt.Errorf("record: %w", err)
		}
	}
	return nil
}

func (s *recordStage) batchOf(ctx context.Context, ts *tickState, status store.RecordStatus) (int, error) {
	owner := s.owner()
	recs, err := s.business.ClaimRecords(ctx, status, s.claim(owner, ts.now, s.batch))
	if err != nil {
		return 0, fmt.Errorf("claim: %w", err)
	}
	if len(recs) == 0 {
		return 0, nil
	}
	ptrs := make([]*store.Record, len(recs))
	for i := range recs {
		ptrs[i] = &recs[i]
	}
	updates, err := s.recorder.record(ctx, ts, ptrs)
	if err != nil {
		// Nothing is lost: the records are released and recorded again;
		// an alert that did reach its slot is recognised there.
		s.releaseRecords(ctx, "record", owner, recordIDs(recs))
		return 0, err
	}
	if err := s.finishRecords(ctx, owner, ts.now, updates); err != nil {
		return len(recs), err
	}
	return len(recs), nil
}
