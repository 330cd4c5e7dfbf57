package cli

import (
	"strings"
	"time"

	"github.com/spf13/cobra"
)

// eventJSON is a row of the audit (yujing_alert_event) in JSON.
type eventJSON struct {
	ID      int64     `json:"id"`
	Time    time.Time `json:"time"`
	Scene   *int      `json:"scene"`   // null for a silence's events
	Country *string   `json:"country"` // null for a silence's events
	Kind    string    `json:"kind"`    // silence created, silence expired, acknowledged, silence ended while firing
	Actor   *string   `json:"actor"`
	Ref     *string   `json:"ref"` // the silence's code, or the alert's sl_no
	Detail  *string   `json:"detail"`
}

func newEventsCmd(a *app) *cobra.Command {
	var (
		scene   int
		country string
		limit   int
	)
	c := &cobra.Command{
		Use:   "events",
		Short: "List the audit (yujing_alert_event): who changed the configuration, silenced, expired or acknowledged what, newest first",
		Long: `events lists the audit, newest first: silences created and expired,
acknowledgements, and silences that ended while their alert still fired.
--scene and --country select the events of a scene × country (a silence's
events name no scene or country: they show only without these filters).`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := positive("limit", limit); err != nil {
				return err
			}
			var infoType *int
			if cmd.Flags().Changed("scene") {
				infoType = &scene
			}
			db, err := a.open(cmd.Context(), dbRequired)
			if err != nil {
				return err
			}
			got, err := db.AlertEvents(cmd.Context(), infoType, strings.TrimSpace(country), limit)
			if err != nil {
				return err
			}
			if a.isJSON() {
				out := struct {
					Events []eventJSON `json:"events"`
				}{Events: []eventJSON{}}
				for _, e := range got {
					out.Events = append(out.Events, eventJSON{ID: e.ID, Time: e.EventTime.UTC(), Scene: e.InfoType, Country: e.CountryNo,
						Kind: e.Kind, Actor: e.Actor, Ref: e.Ref, Detail: e.Detail})
				}
				return a.writeJSON(out)
			}
			t := newTable(a.stdout, "TIME", "SCENE", "COUNTRY", "KIND", "ACTOR", "REF", "DETAIL")
			for _, e := range got {
				sc := ""
				if e.InfoType != nil {
					sc = itoa(*e.InfoType)
				}
				t.row(fmtTime(&e.EventTime), sc, str(e.CountryNo), e.Kind, str(e.Actor), str(e.Ref), str(e.Detail))
			}
			return t.flush()
		},
	}
	fl := c.Flags()
	fl.IntVar(&scene, "scene", 0, "only this scene (info_type)")
	fl.StringVar(&country, "country", "", "only this country, e.g. PH")
	fl.IntVar(&limit, "limit", 50, "at most this many")
	return c
}
