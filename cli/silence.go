package cli

import (
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/yujing-go/yujing/recurring"
	"github.com/yujing-go/yujing/store"
)

func newSilenceCmd(a *app) *cobra.Command {
	return group("silence", "Mute alerts: one-off silences and recurring maintenance windows",
		newSilenceAddCmd(a), newSilenceListCmd(a), newSilenceExpireCmd(a))
}

// silenceJSON is a silence in JSON: every field is always there (null
// when unset).
type silenceJSON struct {
	ID             int64      `json:"id"`
	Code           string     `json:"code"`
	Scene          string     `json:"scene"` // an info_type, or "*"
	Country        string     `json:"country"`
	Channel        string     `json:"channel"`
	Rule           string     `json:"rule"`
	StartsAt       *time.Time `json:"starts_at"`
	EndsAt         *time.Time `json:"ends_at"`
	Schedule       *string    `json:"schedule"`
	NotifyResolved bool       `json:"notify_resolved"`
	CreatedBy      string     `json:"created_by"`
	CreatedAt      *time.Time `json:"created_at"`
	Comment        *string    `json:"comment"`
	ExpiredAt      *time.Time `json:"expired_at"`
	ExpiredBy      *string    `json:"expired_by"`
}

func silenceOut(s store.Silence) silenceJSON {
	return silenceJSON{ID: s.ID, Code: s.SilenceNo, Scene: s.InfoType, Country: s.CountryNo, Channel: s.ChannelNo, Rule: s.RuleNo,
		StartsAt: utc(s.StartsAt), EndsAt: utc(s.EndsAt), Schedule: s.Schedule, NotifyResolved: s.NotifyResolved,
		CreatedBy: s.CreatedBy, CreatedAt: utc(s.CreateTime), Comment: s.Comment, ExpiredAt: utc(s.ExpiredAt), ExpiredBy: s.ExpiredBy}
}

// silenceTable writes silences as a table.
func silenceTable(a *app, ss []store.Silence) error {
	t := newTable(a.stdout, "CODE", "MATCHERS", "WHEN", "SCHEDULE", "CREATED BY", "COMMENT", "EXPIRED")
	for _, s := range ss {
		expired := ""
		if s.ExpiredAt != nil {
			expired = fmtTime(s.ExpiredAt) + " by " + str(s.ExpiredBy)
		}
		t.row(s.SilenceNo, matchers(s), when(s), str(s.Schedule), s.CreatedBy, str(s.Comment), expired)
	}
	return t.flush()
}

// matchers writes the matchers that are not "*": "scene=1 country=PH".
func matchers(s store.Silence) string {
	var out []string
	for _, m := range []struct{ name, v string }{{"scene", s.InfoType}, {"country", s.CountryNo}, {"channel", s.ChannelNo}, {"rule", s.RuleNo}} {
		if m.v != store.AnyMatch {
			out = append(out, m.name+"="+m.v)
		}
	}
	if len(out) == 0 {
		return "everything"
	}
	return strings.Join(out, " ")
}

// when writes the silence's bounds: "FROM → UNTIL", "…" for an open end.
func when(s store.Silence) string {
	if s.StartsAt == nil && s.EndsAt == nil {
		return "always"
	}
	from, until := fmtTime(s.StartsAt), fmtTime(s.EndsAt)
	if from == "" {
		from = "…"
	}
	if until == "" {
		until = "…"
	}
	return from + " → " + until
}

// checkBy refuses a name that does not fit the audit (1 to 64 characters).
func checkBy(by string) (string, error) {
	by = strings.TrimSpace(by)
	if n := len([]rune(by)); n == 0 || n > 64 {
		return "", usagef("--by: a name of 1 to 64 characters is needed, got %d", n)
	}
	return by, nil
}

// scheduleCheck is the silence check of the engine's Validation, without
// an engine: the schedule parses.
func scheduleCheck(s store.Silence) error {
	if s.Schedule == nil {
		return nil
	}
	_, err := recurring.Parse(*s.Schedule)
	return err
}

func newSilenceAddCmd(a *app) *cobra.Command {
	var (
		scene, country, channel, rule string
		from, until, schedule         string
		notifyResolved                bool
		comment, by                   string
	)
	c := &cobra.Command{
		Use:   "add",
		Short: "Create a silence (one-off) or a maintenance window (--schedule)",
		Long: `add creates a silence through the configuration API: the store's checks (the
country code, the column sizes, an end that has not passed) and the schedule's
are made before anything is written, a refusal names the column (exit 3). The
silence gets its code (SI…), and every engine applies it on its next Tick.

Matchers: --scene (an info_type), --country, --channel, --rule, each a value or
'*' (quote it for the shell); at least one must be given, so that a silence of
every alert is asked for explicitly (--country '*'). The scene is not checked
against an engine's scenes here: the command line knows none.

A one-off silence holds from --from (default: now) until --until. A
maintenance window holds in the windows of --schedule, read in each country's
time zone as the engine knows it (alert.WithTimeZones; UTC otherwise), between
--from and --until when given:

  "SUN 02:00-04:00"  "MON-FRI 22:00-06:00"  "SAT,SUN 00:00-24:00"
  "cron 0 2 * * 0 for 2h"

Times are RFC 3339: 2026-11-24T02:00:00Z or 2026-11-24T10:00:00+08:00.`,
		Example: `  yujing silence add --sqlite alerts.db --country ID --until 2026-11-24T18:00:00+07:00 \
      --comment "carrier outage, ticket 4711" --by maria
  yujing silence add --dsn "$DSN" --scene 1 --country PH --schedule "SUN 02:00-04:00" \
      --comment "provider maintenance" --by ops-lead`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			f := cmd.Flags()
			if !f.Changed("scene") && !f.Changed("country") && !f.Changed("channel") && !f.Changed("rule") {
				return usagef("say what to silence: --scene, --country, --channel or --rule (--country '*' silences every alert)")
			}
			by, err := checkBy(by)
			if err != nil {
				return err
			}
			if strings.TrimSpace(comment) == "" {
				return usagef("--comment: say why (it goes into the audit)")
			}
			s := store.Silence{InfoType: scene, CountryNo: country, ChannelNo: channel, RuleNo: rule,
				NotifyResolved: notifyResolved, CreatedBy: by, Comment: new(strings.TrimSpace(comment))}
			if from != "" {
				t, err := parseTime("from", from)
				if err != nil {
					return err
				}
				s.StartsAt = &t
			}
			if until != "" {
				t, err := parseTime("until", until)
				if err != nil {
					return err
				}
				s.EndsAt = &t
			}
			if f.Changed("schedule") {
				s.Schedule = new(schedule)
				if sc, err := recurring.Parse(schedule); err == nil {
					s.Schedule = new(sc.String()) // normalised; else the check refuses it, naming the column
				}
			} else {
				if s.EndsAt == nil {
					return usagef("a one-off silence needs --until (and --from, now by default); a maintenance window needs --schedule")
				}
				if s.StartsAt == nil {
					s.StartsAt = new(a.now().UTC().Truncate(time.Second))
				}
			}
			db, err := a.open(ctx, dbRequired)
			if err != nil {
				return err
			}
			cfg := store.NewConfig(db, store.Validation{Silence: scheduleCheck}, store.AsUser(by))
			got, err := cfg.CreateSilence(ctx, s)
			if err != nil {
				return err
			}
			if a.isJSON() {
				return a.writeJSON(struct {
					Silence silenceJSON `json:"silence"`
				}{silenceOut(got)})
			}
			return silenceTable(a, []store.Silence{got})
		},
	}
	fl := c.Flags()
	fl.StringVar(&scene, "scene", store.AnyMatch, "the scene (info_type) to silence, or '*'")
	fl.StringVar(&country, "country", store.AnyMatch, "the country code (e.g. PH), or '*'")
	fl.StringVar(&channel, "channel", store.AnyMatch, "the channel (channel_no), or '*'")
	fl.StringVar(&rule, "rule", store.AnyMatch, "the rule (rule_no), or '*'")
	fl.StringVar(&from, "from", "", "when it begins, RFC 3339 (one-off: default now)")
	fl.StringVar(&until, "until", "", "when it ends, RFC 3339 (required for a one-off silence)")
	fl.StringVar(&schedule, "schedule", "", `recurring windows, e.g. "SUN 02:00-04:00" or "cron 0 2 * * 0 for 2h"`)
	fl.BoolVar(&notifyResolved, "notify-resolved", false, "send the resolved message of an alert that resolves during the silence")
	fl.StringVar(&comment, "comment", "", "why (required)")
	fl.StringVar(&by, "by", "", "who creates it (required)")
	_ = c.MarkFlagRequired("comment")
	_ = c.MarkFlagRequired("by")
	return c
}

func newSilenceListCmd(a *app) *cobra.Command {
	var (
		all   bool
		limit int
		after int64
	)
	c := &cobra.Command{
		Use:   "list",
		Short: "List the silences that are not expired (--all: every one), newest first",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := positive("limit", limit); err != nil {
				return err
			}
			db, err := a.open(cmd.Context(), dbRequired)
			if err != nil {
				return err
			}
			ss, err := store.NewConfig(db, store.Validation{}).ListSilences(cmd.Context(),
				store.SilenceFilter{IncludeExpired: all, AfterID: after, Limit: limit})
			if err != nil {
				return err
			}
			var next *int64
			if len(ss) == limit {
				next = &ss[len(ss)-1].ID
			}
			if a.isJSON() {
				out := struct {
					Silences  []silenceJSON `json:"silences"`
					NextAfter *int64        `json:"next_after"` // --after for the next page; null on the last
				}{Silences: []silenceJSON{}, NextAfter: next}
				for _, s := range ss {
					out.Silences = append(out.Silences, silenceOut(s))
				}
				return a.writeJSON(out)
			}
			if err := silenceTable(a, ss); err != nil {
				return err
			}
			if next != nil {
				fmt.Fprintf(a.stderr, "%d silences shown; the next page: --after %d\n", len(ss), *next)
			}
			return nil
		},
	}
	c.Flags().BoolVar(&all, "all", false, "include expired silences")
	c.Flags().IntVar(&limit, "limit", 100, "at most this many")
	c.Flags().Int64Var(&after, "after", 0, "paging: the silences older than this id (next_after of the previous page)")
	return c
}

func newSilenceExpireCmd(a *app) *cobra.Command {
	var by string
	c := &cobra.Command{
		Use:   "expire CODE",
		Short: "End a silence now (it stays listed with --all, for the audit)",
		Long: `expire ends the silence CODE now, as --by, with an event in the audit; every
engine applies it on its next Tick. A silence that does not exist is exit 4;
expiring an expired silence changes nothing (exit 0, saying so).`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			by, err := checkBy(by)
			if err != nil {
				return err
			}
			db, err := a.open(ctx, dbRequired)
			if err != nil {
				return err
			}
			cfg := store.NewConfig(db, store.Validation{}, store.AsUser(by))
			code := strings.TrimSpace(args[0])
			before, err := cfg.GetSilence(ctx, code)
			if err != nil {
				return err
			}
			changed := before.ExpiredAt == nil
			got := before
			if changed {
				if err := cfg.ExpireSilence(ctx, code); err != nil {
					return err
				}
				if got, err = cfg.GetSilence(ctx, code); err != nil {
					return err
				}
			} else {
				fmt.Fprintf(a.stderr, "silence %s was expired already, at %s by %s\n", code, fmtTime(before.ExpiredAt), str(before.ExpiredBy))
			}
			if a.isJSON() {
				return a.writeJSON(struct {
					Silence silenceJSON `json:"silence"`
					Changed bool        `json:"changed"` // false: it was expired already
				}{silenceOut(got), changed})
			}
			return silenceTable(a, []store.Silence{got})
		},
	}
	c.Flags().StringVar(&by, "by", "", "who expires it (required)")
	_ = c.MarkFlagRequired("by")
	return c
}
