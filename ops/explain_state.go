package ops

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/yujing-go/yujing/alert"
	"github.com/yujing-go/yujing/store"
)

// explainSilences bounds the silences an explanation matches (newest
// first, expired ones included).
const explainSilences = 500

// explainState sets the scene × country's alert state, acknowledgement,
// audit and the silences that touch the alert.
func (k *Toolkit) explainState(ctx context.Context, x *Explanation, scene int, country string, row *store.HistoryRow) error {
	states, err := k.db.AlertStates(ctx, store.StateFilter{InfoType: &scene, CountryNo: country, Limit: 1})
	if err != nil {
		return fmt.Errorf("ops: explain %s: alert state: %w", x.Code, err)
	}
	if len(states) > 0 {
		x.State = &states[0]
		if s := x.State; s.AckBy != nil || s.AckAt != nil {
			x.Ack = &AckView{By: deref(s.AckBy), At: utcPtr(s.AckAt), Until: utcPtr(s.AckUntil)}
		}
	} else {
		x.Notes = append(x.Notes, fmt.Sprintf("scene %d, country %s has no alert state (plain ok, or a plain alert)", scene, country))
	}
	if x.Events, err = k.db.AlertEvents(ctx, &scene, country, explainEvents); err != nil {
		return fmt.Errorf("ops: explain %s: audit: %w", x.Code, err)
	}
	silences, err := k.engine.Config(k.db).ListSilences(ctx, store.SilenceFilter{IncludeExpired: true, Limit: explainSilences})
	if err != nil {
		return fmt.Errorf("ops: explain %s: silences: %w", x.Code, err)
	}
	x.Silences = k.touching(silences, x, row)
	return nil
}

// touching returns the silences that muted the alert or its state's
// latest message, or that mute it (as the send stage matches them) on a
// channel it goes to at its send slot or now.
func (k *Toolkit) touching(silences []store.Silence, x *Explanation, row *store.HistoryRow) []SilenceView {
	why := map[string][]string{}
	var order []string
	note := func(no, reason string) {
		if _, ok := why[no]; !ok {
			order = append(order, no)
		}
		why[no] = append(why[no], reason)
	}
	if x.State != nil && x.State.MutedBy != nil {
		note(*x.State.MutedBy, "muted the alert state's latest message (muted_by)")
	}
	if x.Alert != nil {
		for _, c := range x.Alert.Channels {
			if c.Outcome == alert.OutcomeMuted {
				note(strings.TrimPrefix(c.Error, "muted by silence "), "muted channel "+c.ChannelNo+" (channel_state)")
			}
		}
		for _, r := range x.Routes {
			if !r.Gets {
				continue
			}
			for _, at := range []struct {
				t    time.Time
				what string
			}{{x.Alert.ExpectSendTime, "held at the send slot"}, {k.now(), "holds now"}} {
				if s := k.engine.MutingSilence(silences, &row.SendLog, r.ChannelNo, at.t); s != nil {
					note(s.SilenceNo, at.what+" on channel "+r.ChannelNo)
				}
			}
		}
	}
	byNo := map[string]*store.Silence{}
	for i := range silences {
		byNo[silences[i].SilenceNo] = &silences[i]
	}
	out := []SilenceView{}
	for _, no := range order {
		v := SilenceView{SilenceNo: no, Why: why[no]}
		if s, ok := byNo[no]; ok {
			v.Describe, v.Expired = s.Describe(), s.ExpiredAt != nil
		}
		out = append(out, v)
	}
	return out
}
