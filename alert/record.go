package alert

import (
	"context"
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
	return s.workRecords(ctx, ts, "record", []store.RecordStatus{store.RecordAlert, store.RecordRecordFailed},
		func(recs []store.Record) ([]store.RecordUpdate, error) {
			ptrs := make([]*store.Record, len(recs))
			for i := range recs {
				ptrs[i] = &recs[i]
			}
			return s.recorder.record(ctx, ts, ptrs, nil)
		})
}
