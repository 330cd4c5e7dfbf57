package cli

import (
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/yujing-go/yujing/store"
)

// stateJSON is a row of yujing_alert_state in JSON: every field is always
// there (null when unset).
type stateJSON struct {
	ID              int64      `json:"id"`
	Scene           int        `json:"scene"`
	Country         string     `json:"country"`
	State           string     `json:"state"`
	Active          bool       `json:"active"`
	Since           *time.Time `json:"since"`
	FiringSince     *time.Time `json:"firing_since"`
	Rule            *string    `json:"rule"`
	NotifyCount     int        `json:"notify_count"`
	LastNotified    *time.Time `json:"last_notified"`
	EscalationLevel int        `json:"escalation_level"`
	EscalatedAt     *time.Time `json:"escalated_at"`
	AckBy           *string    `json:"ack_by"`
	AckAt           *time.Time `json:"ack_at"`
	AckUntil        *time.Time `json:"ack_until"`
	MutedBy         *string    `json:"muted_by"`
	Reason          *string    `json:"reason"`
	UpdatedAt       *time.Time `json:"updated_at"`
}

func stateOut(s store.AlertState) stateJSON {
	return stateJSON{ID: s.ID, Scene: s.InfoType, Country: s.CountryNo, State: string(s.State), Active: s.Active,
		Since: utc(s.Since), FiringSince: utc(s.FiringSince), Rule: s.RuleNo, NotifyCount: s.NotifyCount,
		LastNotified: utc(s.LastNotified), EscalationLevel: s.EscalationLevel, EscalatedAt: utc(s.EscalatedAt),
		AckBy: s.AckBy, AckAt: utc(s.AckAt), AckUntil: utc(s.AckUntil), MutedBy: s.MutedBy, Reason: s.Reason, UpdatedAt: utc(s.UpdateTime)}
}

// stateTable writes states as a table.
func stateTable(a *app, states []store.AlertState) error {
	t := newTable(a.stdout, "SCENE", "COUNTRY", "STATE", "SINCE", "FIRING SINCE", "RULE", "NOTIFIED", "LEVEL", "ACKNOWLEDGED BY", "REASON")
	for _, s := range states {
		notified := ""
		if s.NotifyCount > 0 || s.LastNotified != nil {
			notified = itoa(s.NotifyCount)
			if s.LastNotified != nil {
				notified += "× (last " + fmtTime(s.LastNotified) + ")"
			}
		}
		level := ""
		if s.EscalationLevel > 0 {
			level = itoa(s.EscalationLevel)
		}
		acked := str(s.AckBy)
		if acked != "" && s.AckUntil != nil {
			acked += " until " + fmtTime(s.AckUntil)
		}
		t.row(itoa(s.InfoType), s.CountryNo, string(s.State), fmtTime(s.Since), fmtTime(s.FiringSince), str(s.RuleNo),
			notified, level, acked, str(s.Reason))
	}
	return t.flush()
}

// stateNames are the states a filter may name.
func stateNames() []store.StateName {
	return []store.StateName{store.StateOK, store.StatePending, store.StateFiring, store.StateResolved, store.StateNoData}
}

func newStateCmd(a *app) *cobra.Command {
	var (
		scene   int
		country string
		states  []string
		limit   int
		after   int64
	)
	c := &cobra.Command{
		Use:   "state",
		Short: "List the alert states (yujing_alert_state): what fires, since when, who acknowledged it",
		Long: `state lists the lifecycle of every scene × country (yujing_alert_state), by
scene and country, in pages of --limit rows: its state (ok, pending, firing,
resolved, nodata), since when, the rule that fired, how many messages were
sent, the escalation level, who acknowledged it and the latest decision in
words.`,
		Example: `  yujing state --sqlite alerts.db --state firing
  yujing state --dsn "$DSN" --scene 1 --country PH -o json`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := positive("limit", limit); err != nil {
				return err
			}
			f := store.StateFilter{CountryNo: strings.TrimSpace(country), AfterID: after, Limit: limit}
			if cmd.Flags().Changed("scene") {
				f.InfoType = &scene
			}
			for _, s := range states {
				name, ok := stateName(s)
				if !ok {
					return usagef("--state %q: want one of %s", s, joinStates())
				}
				f.States = append(f.States, name)
			}
			db, err := a.open(cmd.Context(), dbRequired)
			if err != nil {
				return err
			}
			got, err := db.AlertStates(cmd.Context(), f)
			if err != nil {
				return err
			}
			var next *int64
			if len(got) == limit {
				next = &got[len(got)-1].ID
			}
			if a.isJSON() {
				out := struct {
					States    []stateJSON `json:"states"`
					NextAfter *int64      `json:"next_after"` // --after for the next page; null on the last
				}{States: []stateJSON{}, NextAfter: next}
				for _, s := range got {
					out.States = append(out.States, stateOut(s))
				}
				return a.writeJSON(out)
			}
			if err := stateTable(a, got); err != nil {
				return err
			}
			if next != nil {
				fmt.Fprintf(a.stderr, "%d states shown; the next page: --after %d\n", len(got), *next)
			}
			return nil
		},
	}
	fl := c.Flags()
	fl.IntVar(&scene, "scene", 0, "only this scene (info_type)")
	fl.StringVar(&country, "country", "", "only this country, e.g. PH")
	fl.StringSliceVar(&states, "state", nil, "only these states: "+joinStates()+" (repeat, or separate with commas)")
	fl.IntVar(&limit, "limit", 100, "at most this many rows")
	fl.Int64Var(&after, "after", 0, "paging: the rows after this id (next_after of the previous page)")
	return c
}

func stateName(s string) (store.StateName, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	for _, n := range stateNames() {
		if string(n) == s {
			return n, true
		}
	}
	return "", false
}

func joinStates() string {
	out := make([]string, len(stateNames()))
	for i, n := range stateNames() {
		out[i] = string(n)
	}
	return strings.Join(out, ", ")
}
