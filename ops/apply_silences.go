package ops

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/yujing-go/yujing/store"
)

// Silences (yujing_silence) have no update: a silence is created once and
// expired; one the file names and the database holds differently is an
// error (give the changed silence a new code). The owner is the end of
// created_by: "USER (apply:OWNER)".

const silenceTable = "yujing_silence"

func (p *planner) silenceOwnerMark() string { return " (apply:" + p.owner + ")" }

// planSilences plans the file's silences and the owner's others.
func (p *planner) planSilences(ctx context.Context) error {
	named := map[string]bool{}
	for i, fs := range p.file.Silences {
		if p.skip["silences"][i] {
			continue
		}
		named[fs.SilenceNo] = true
		if err := p.planSilence(ctx, i, fs); err != nil {
			return err
		}
	}
	live, err := p.liveSilences(ctx)
	if err != nil {
		return err
	}
	for _, s := range live {
		if named[s.SilenceNo] || !strings.HasSuffix(s.CreatedBy, p.silenceOwnerMark()) {
			continue
		}
		c := Change{Section: "silences", Table: silenceTable, Code: s.SilenceNo, Action: ActionKept,
			Note: "owned by " + p.owner + ", no longer in the file (kept; --prune expires it)"}
		if p.prune {
			c.Action, c.Note = ActionDisable, "owned by "+p.owner+", no longer in the file: expire"
			p.pruneSteps = append([]step{{"silences " + s.SilenceNo, func(ctx context.Context) error {
				return p.cfg.ExpireSilence(ctx, s.SilenceNo)
			}}}, p.pruneSteps...)
		}
		p.prunes = append([]Change{c}, p.prunes...)
	}
	return nil
}

// liveSilences pages through the silences that are not expired.
func (p *planner) liveSilences(ctx context.Context) ([]store.Silence, error) {
	var out []store.Silence
	var after int64
	for {
		page, err := p.cfg.ListSilences(ctx, store.SilenceFilter{AfterID: after, Limit: 500})
		if err != nil {
			return nil, fmt.Errorf("ops: apply: read silences: %w", err)
		}
		out = append(out, page...)
		if len(page) < 500 {
			return out, nil
		}
		after = page[len(page)-1].ID
	}
}

func (p *planner) planSilence(ctx context.Context, i int, fs FileSilence) error {
	want, err := p.silenceRow(fs)
	if err != nil {
		p.problems = append(p.problems, p.file.wrap("silences", i, fs.SilenceNo, err))
		return nil
	}
	old, err := p.cfg.GetSilence(ctx, fs.SilenceNo)
	switch {
	case errors.Is(err, store.ErrNotFound):
		if err := p.checkNewSilence(want); err != nil {
			p.problems = append(p.problems, p.file.wrap("silences", i, fs.SilenceNo, err))
			return nil
		}
		p.changes = append(p.changes, Change{Section: "silences", Table: silenceTable, Code: fs.SilenceNo, Action: ActionCreate,
			Fields: created(silenceFields(&want))})
		p.steps = append(p.steps, step{"silences " + fs.SilenceNo, func(ctx context.Context) error {
			_, err := p.cfg.CreateSilence(ctx, want)
			return err
		}})
		return nil
	case err != nil:
		return fmt.Errorf("ops: apply: read silence %s: %w", fs.SilenceNo, err)
	}
	if d := diff(silenceFields(&old), silenceFields(&want)); len(d) > 0 {
		p.problems = append(p.problems, p.file.problem("silences", i, fs.SilenceNo, silenceTable, d[0].Field,
			fmt.Sprintf("a silence cannot be changed (%s: %s → %s): give the changed silence a new silence_no; --prune expires the old one",
				d[0].Field, d[0].Old, d[0].New)))
		return nil
	}
	c := Change{Section: "silences", Table: silenceTable, Code: fs.SilenceNo, Action: ActionUnchanged}
	if old.ExpiredAt != nil {
		c.Note = "expired " + old.ExpiredAt.UTC().Format(time.RFC3339)
	}
	p.changes = append(p.changes, c)
	return nil
}

// silenceRow is the silence the file describes.
func (p *planner) silenceRow(fs FileSilence) (store.Silence, error) {
	s := store.Silence{SilenceNo: fs.SilenceNo, InfoType: orAny(fs.InfoType), CountryNo: orAny(fs.CountryNo), ChannelNo: orAny(fs.ChannelNo),
		RuleNo: orAny(fs.RuleNo), Schedule: fs.Schedule, NotifyResolved: fs.NotifyResolved, Comment: fs.Comment,
		CreatedBy: p.by + p.silenceOwnerMark()}
	for _, t := range []struct {
		col string
		in  *string
		out **time.Time
	}{{"starts_at", fs.StartsAt, &s.StartsAt}, {"ends_at", fs.EndsAt, &s.EndsAt}} {
		if t.in == nil {
			continue
		}
		v, err := time.Parse(time.RFC3339, strings.TrimSpace(*t.in))
		if err != nil {
			return s, invalidf(silenceTable, t.col, "%q: an RFC 3339 time such as 2026-12-24T22:00:00+08:00", *t.in)
		}
		v = v.UTC()
		*t.out = &v
	}
	return s, nil
}

// checkNewSilence makes the checks of a silence to create.
func (p *planner) checkNewSilence(s store.Silence) error {
	if s.InfoType != store.AnyMatch {
		n, err := strconv.Atoi(s.InfoType)
		if err != nil {
			return invalidf(silenceTable, "info_type", "%q: an info_type (a number) or *", s.InfoType)
		}
		if err := p.scene(silenceTable, &n); err != nil {
			return err
		}
	}
	var refs []error
	if s.ChannelNo != store.AnyMatch {
		refs = append(refs, p.ref(silenceTable, "channel_no", "channels", s.ChannelNo))
	}
	if s.RuleNo != store.AnyMatch {
		refs = append(refs, p.ref(silenceTable, "rule_no", "rules", s.RuleNo))
	}
	switch {
	case s.Schedule == nil && (s.StartsAt == nil || s.EndsAt == nil):
		refs = append(refs, invalidf(silenceTable, "ends_at", "a one-off silence needs starts_at and ends_at (or give it a schedule)"))
	case s.EndsAt != nil && !s.EndsAt.After(p.now):
		refs = append(refs, invalidf(silenceTable, "ends_at", "ends at %s, which has passed", s.EndsAt.Format(time.RFC3339)))
	}
	if s.CountryNo != store.AnyMatch {
		refs = append(refs, checkCountry(silenceTable, s.CountryNo))
	}
	if n := len([]rune(s.CreatedBy)); n > 64 {
		refs = append(refs, invalidf(silenceTable, "created_by", "%q: %d characters, at most 64", s.CreatedBy, n))
	}
	return firstErr(append(refs, engineCheck(silenceTable, "schedule", p.v.Silence, s))...)
}

func orAny(s string) string {
	if s = strings.TrimSpace(s); s == "" {
		return store.AnyMatch
	}
	return s
}

func timeText(t *time.Time) string {
	if t == nil {
		return maskNone
	}
	return t.UTC().Format(time.RFC3339)
}

func silenceFields(s *store.Silence) []field {
	return []field{{name: "info_type", value: s.InfoType}, {name: "country_no", value: s.CountryNo}, {name: "channel_no", value: s.ChannelNo},
		{name: "rule_no", value: s.RuleNo}, {name: "schedule", value: text(s.Schedule)}, {name: "starts_at", value: timeText(s.StartsAt)},
		{name: "ends_at", value: timeText(s.EndsAt)}, {name: "notify_resolved", value: strconv.FormatBool(s.NotifyResolved)},
		{name: "comment", value: text(s.Comment)}}
}
