package alert

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/yujing-go/yujing/store"
)

// escalateStage looks at the firing states whose next escalation time has
// come (yujing_alert_state.next_due): a state that has fired for a level's
// delay without being resolved or acknowledged is escalated to the routes
// of that level (monitor_routing.param1), and a level with a repeat is
// notified again. The message shows the values of the latest window the
// state took (its record, last_record). The message is recorded first and
// the state written after it; a message recorded twice (two engines, or a
// crash between the two) carries the same key (param4) and is recognised.
type escalateStage struct {
	*env
	recorder *recorder
}

func (s *escalateStage) timing(r *TickResult) *time.Duration { return &r.Lifecycle.Duration }
func (s *escalateStage) name() string                        { return "escalate" }

func (s *escalateStage) run(ctx context.Context, ts *tickState) error {
	due, err := s.platform.DueAlertStates(ctx, ts.now, s.batch)
	if err != nil {
		return fmt.Errorf("escalate: %w", err)
	}
	var errs []error
	for _, st := range due {
		if err := s.escalateOne(ctx, ts, st); err != nil {
			errs = append(errs, fmt.Errorf("escalate %d/%s: %w", st.InfoType, st.CountryNo, err))
		}
		if ctx.Err() != nil {
			break
		}
	}
	return errors.Join(errs...)
}

func (s *escalateStage) escalateOne(ctx context.Context, ts *tickState, st store.AlertState) error {
	next, d := escalate(st, policyWithSilences(ts, s.recorder.cat, st.Key(), str(st.RuleNo)), ts.now)
	if d.message() {
		rec, err := s.business.GetRecord(ctx, str(st.LastRecord))
		if err != nil {
			return fmt.Errorf("the latest window's record %s: %w", str(st.LastRecord), err)
		}
		up, err := s.recorder.record(ctx, ts, []*store.Record{&rec}, []*stateNote{d.note})
		if err != nil {
			return err
		}
		if up[0].Status != store.RecordRecorded {
			d.reason += "; not recorded: " + up[0].Reason
			next.Reason = &d.reason
		} else {
			next.LastSlNo = up[0].SlNo
			ts.res.Lifecycle.Escalated++
		}
		s.log.InfoContext(ctx, "alert escalated", "info_type", st.InfoType, "country", st.CountryNo, "level", d.level,
			"sl_no", str(up[0].SlNo), "reason", d.reason)
	}
	conflicts, err := s.platform.SaveAlertStates(ctx, []store.AlertState{next})
	if err != nil {
		return err
	}
	if len(conflicts) > 0 {
		s.log.InfoContext(ctx, "alert state changed by another engine before its escalation was written", "info_type", st.InfoType, "country", st.CountryNo)
	}
	return nil
}
