package cli

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/yujing-go/yujing/ack"
	"github.com/yujing-go/yujing/alert"
	"github.com/yujing-go/yujing/store"
)

func newAckCmd(a *app) *cobra.Command {
	var (
		scene       int
		country, by string
		until       string
	)
	c := &cobra.Command{
		Use:   "ack",
		Short: "Acknowledge a firing scene × country: its repeats and escalations stop",
		Long: `ack records that someone has a firing scene × country in hand, as the
engine's Acknowledge does (the API and the signed links of {ack_link} alike):
its repeats and escalations stop until it resolves, or until --until. Who and
when go into the state row (yujing state shows them) and the audit (yujing
events).

Exit 5 when the scene × country does not fire (nothing to acknowledge), exit 6
when an acknowledgement holds already.`,
		Example: `  yujing ack --sqlite alerts.db --scene 1 --country PH --by maria
  yujing ack --dsn "$DSN" --scene 1 --country PH --by maria --until 2026-11-24T18:00:00+08:00`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			by, err := checkBy(by)
			if err != nil {
				return err
			}
			country = strings.TrimSpace(country)
			req := ack.Request{Target: ack.Target{InfoType: scene, Country: country}, By: by, Via: "cli"}
			if until != "" {
				if req.Until, err = parseTime("until", until); err != nil {
					return err
				}
				if !req.Until.After(a.now()) {
					return usagef("--until %s has passed", until)
				}
			}
			// The host's engine options, and WithFireTypes: the scene
			// is declared even where the binary has no implementation
			// of it (Acknowledge needs nothing else).
			engine, db, err := a.engine(ctx, alert.WithFireTypes(scene))
			if err != nil {
				return err
			}
			if err := engine.Acknowledge(ctx, req); err != nil {
				return ackProblem(ctx, db, scene, country, err)
			}
			st, err := oneState(ctx, db, scene, country)
			if err != nil {
				return err
			}
			if a.isJSON() {
				return a.writeJSON(struct {
					State stateJSON `json:"state"`
				}{stateOut(*st)})
			}
			return stateTable(a, []store.AlertState{*st})
		},
	}
	f := c.Flags()
	f.IntVar(&scene, "scene", 0, "the scene (info_type) (required)")
	f.StringVar(&country, "country", "", "the country code, e.g. PH (required)")
	f.StringVar(&by, "by", "", "who acknowledges (required)")
	f.StringVar(&until, "until", "", "when the acknowledgement lapses, RFC 3339 (default: when the alert resolves)")
	_ = c.MarkFlagRequired("scene")
	_ = c.MarkFlagRequired("country")
	_ = c.MarkFlagRequired("by")
	return c
}

// oneState reads the state of a scene × country (nil when it has none).
func oneState(ctx context.Context, db *store.DB, scene int, country string) (*store.AlertState, error) {
	got, err := db.AlertStates(ctx, store.StateFilter{InfoType: &scene, CountryNo: country, Limit: 1})
	if err != nil || len(got) == 0 {
		return nil, err
	}
	return &got[0], nil
}

// ackProblem says why an acknowledgement was refused, in the command
// line's words (the engine's speak of links), keeping the error's kind for
// the exit status.
func ackProblem(ctx context.Context, db *store.DB, scene int, country string, err error) error {
	stale, acked := errors.Is(err, ack.ErrStale), errors.Is(err, ack.ErrAlreadyAcknowledged)
	if !stale && !acked {
		return err
	}
	st, serr := oneState(ctx, db, scene, country)
	if serr != nil || (st == nil && acked) {
		return err
	}
	what := fmt.Sprintf("scene %d in %s", scene, country)
	if acked {
		msg := fmt.Sprintf("%s is acknowledged already, by %s at %s", what, str(st.AckBy), fmtTime(st.AckAt))
		if st.AckUntil != nil {
			msg += " until " + fmtTime(st.AckUntil)
		}
		return &exitError{exitAcked, errors.New(msg)}
	}
	msg := fmt.Sprintf("%s has no alert state (it never reported)", what)
	if st != nil {
		msg = fmt.Sprintf("%s does not fire (it is %s", what, st.State)
		if st.Since != nil {
			msg += " since " + fmtTime(st.Since)
		}
		msg += ")"
	}
	return &exitError{exitStale, errors.New(msg + ": nothing to acknowledge")}
}
