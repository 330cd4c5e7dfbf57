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
// there already; this stage takes the others (Fire, reports, another
// system's, retries).
//
// A retried record whose window the lifecycle took sends the message the
// lifecycle decided then (param1: firing, resolved…), not a plain alert.
type recordStage struct {
	*env
	recorder *recorder
}

func (s *recordStage) timing(r *TickResult) *time.Duration { return &r.Record.Duration }
func (s *recordStage) name() string                        { return "record" }

func (s *recordStage) run(ctx context.Context, ts *tickState) error {
	return s.workRecords(ctx, ts, "record", []store.RecordStatus{store.RecordAlert, store.RecordRecordFailed},
		func(recs []store.Record) ([]store.RecordUpdate, error) {
			ptrs := make([]*store.Record, len(recs))
			notes := make([]*stateNote, len(recs))
			for i := range recs {
				ptrs[i] = &recs[i]
				note, err := s.lifecycleOf(ctx, &recs[i])
				if err != nil {
					return nil, err
				}
				notes[i] = note
			}
			return s.recorder.record(ctx, ts, ptrs, notes)
		})
}

// lifecycleOf returns what a retried record's message says of its state:
// nil for a plain alert (Fire, a report, another system's record), else
// the message the lifecycle decided for its window (param1), with the
// state as it is now.
func (s *recordStage) lifecycleOf(ctx context.Context, rec *store.Record) (*stateNote, error) {
	kind := rec.MessageKind()
	if kind == store.KindAlert || rec.EndTime == nil {
		return nil, nil
	}
	key := keyOf(rec)
	got, err := s.platform.AlertStates(ctx, store.StateFilter{InfoType: &key.InfoType, CountryNo: key.CountryNo, Limit: 1})
	if err != nil {
		return nil, fmt.Errorf("alert state of %d/%s: %w", key.InfoType, key.CountryNo, err)
	}
	if len(got) == 0 {
		return &stateNote{kind: kind, state: store.StateFiring}, nil
	}
	return noteOf(&got[0], kind, *rec.EndTime), nil
}
