package alert

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/yujing-go/yujing/ack"
	"github.com/yujing-go/yujing/store"
)

// Acknowledge records that someone has a firing scene × country in hand:
// its repeats and escalations stop until it resolves, or until r.Until
// when set. Who and when go into the state row (ack_by, ack_at,
// ack_until) and the audit (yujing_alert_event). Engine implements
// ack.Acknowledger, so the signed links of {ack_link} (ack.NewHandler)
// acknowledge through it.
//
// It fails with ack.ErrStale when the scene × country does not fire, or
// fires since another time than r.FiringSince (when set: the link was made
// for an earlier episode), and with ack.ErrAlreadyAcknowledged when an
// acknowledgement holds already.
func (e *Engine) Acknowledge(ctx context.Context, r ack.Request) error {
	by := strings.TrimSpace(r.By)
	if by == "" || len([]rune(by)) > 64 {
		return fmt.Errorf("acknowledge: a name of 1 to 64 characters is needed, got %d", len([]rune(by)))
	}
	ix, err := e.loadConfig(ctx)
	if err != nil {
		return fmt.Errorf("acknowledge: %w", err)
	}
	key := store.StateKey{InfoType: r.InfoType, CountryNo: r.Country}
	for range 5 {
		now := e.env.clock()
		got, err := e.platform.AlertStates(ctx, store.StateFilter{InfoType: &key.InfoType, CountryNo: key.CountryNo, Limit: 1})
		if err != nil {
			return fmt.Errorf("acknowledge: %w", err)
		}
		if len(got) == 0 || got[0].State != store.StateFiring || got[0].FiringSince == nil {
			return fmt.Errorf("acknowledge %d/%s: %w: it does not fire", key.InfoType, key.CountryNo, ack.ErrStale)
		}
		st := got[0]
		if !r.FiringSince.IsZero() && !st.FiringSince.Equal(r.FiringSince.UTC().Truncate(time.Second)) {
			return fmt.Errorf("acknowledge %d/%s: %w: it fires since %s, not %s", key.InfoType, key.CountryNo, ack.ErrStale,
				st.FiringSince.Format(time.RFC3339), r.FiringSince.UTC().Format(time.RFC3339))
		}
		if acked(&st, now) {
			return fmt.Errorf("acknowledge %d/%s: %w by %s at %s", key.InfoType, key.CountryNo, ack.ErrAlreadyAcknowledged,
				str(st.AckBy), fmtTime(st.AckAt))
		}
		st.AckBy, st.AckAt, st.AckUntil = &by, &now, nil
		if !r.Until.IsZero() {
			until := r.Until.UTC()
			st.AckUntil = &until
		}
		reason := fmt.Sprintf("acknowledged by %s", by)
		if st.AckUntil != nil {
			reason += " until " + st.AckUntil.Format(time.RFC3339)
		}
		st.Reason = &reason
		st.NextDue = nextDue(&st, ix.policy(key, str(st.RuleNo)), now)
		conflicts, err := e.platform.SaveAlertStates(ctx, []store.AlertState{st})
		if err != nil {
			return fmt.Errorf("acknowledge: %w", err)
		}
		if len(conflicts) > 0 {
			continue // the state changed meanwhile: look again
		}
		detail := fmt.Sprintf("firing since %s; via %s", st.FiringSince.Format(time.RFC3339), orDefault(r.Via, "api"))
		if st.AckUntil != nil {
			detail += "; until " + st.AckUntil.Format(time.RFC3339)
		}
		if err := e.platform.AddAlertEvents(ctx, []store.AlertEvent{{EventTime: now, InfoType: &key.InfoType, CountryNo: &key.CountryNo,
			Kind: store.EventAcknowledged, Actor: &by, Detail: &detail}}); err != nil {
			return fmt.Errorf("acknowledge: the state is written, the audit is not: %w", err)
		}
		e.log.InfoContext(ctx, "alert acknowledged", "info_type", key.InfoType, "country", key.CountryNo, "by", by, "via", orDefault(r.Via, "api"))
		return nil
	}
	return fmt.Errorf("acknowledge %d/%s: the state kept changing", key.InfoType, key.CountryNo)
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
