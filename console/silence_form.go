package console

import (
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/yujing-go/yujing/recurring"
	"github.com/yujing-go/yujing/store"
)

// silenceForm is the new silence's form, as typed (kept when refused).
type silenceForm struct {
	Scene, Country, Channel, Rule string
	Kind                          string // "once" or "recurring"
	From, Until, For              string // one-off: from (default now) until, or for a duration
	Schedule                      string
	Comment                       string
	NotifyResolved                bool
}

// formTime is the layout of a datetime-local field, read as UTC.
const formTime = "2006-01-02T15:04"

// createSilence creates a silence through the engine's validated
// configuration API, as the user (created_by and the audit), as
// `yujing silence add` does. A refusal shows the form again with what
// was typed and why.
func (c *console) createSilence(w http.ResponseWriter, r *http.Request, user string) error {
	f := r.PostForm
	form := silenceForm{Scene: f.Get("scene"), Country: strings.TrimSpace(f.Get("country")), Channel: strings.TrimSpace(f.Get("channel")),
		Rule: strings.TrimSpace(f.Get("rule")), Kind: f.Get("kind"), From: f.Get("from"), Until: f.Get("until"), For: strings.TrimSpace(f.Get("for")),
		Schedule: strings.TrimSpace(f.Get("schedule")), Comment: strings.TrimSpace(f.Get("comment")), NotifyResolved: f.Get("notify_resolved") != ""}
	s, err := form.silence(c.engine.Now())
	if err == nil {
		s.CreatedBy = user
		s, err = c.engine.Config(c.db, store.AsUser(user)).CreateSilence(r.Context(), s)
	}
	if err != nil {
		if _, ok := errors.AsType[*store.ValidationError](err); !ok {
			return err
		}
		return c.refuseForm(w, r, form, err)
	}
	c.log.InfoContext(r.Context(), "console: silence created", "silence", s.SilenceNo, "by", user)
	seeOther(w, "silences?done=silence")
	return nil
}

// refuseForm shows the silences page again, the form as it was sent, and
// the refusal (422).
func (c *console) refuseForm(w http.ResponseWriter, r *http.Request, form silenceForm, err error) error {
	p := c.newPageData(w, r, "silences")
	body := &silencesBody{Form: form}
	if lerr := c.fillSilences(r, p, body); lerr != nil {
		return lerr
	}
	p.Body, p.Error, p.Detail = body, p.T["err.title"], err.Error()
	c.render(w, r, http.StatusUnprocessableEntity, p)
	return nil
}

// silence reads the form into a silence; what the form itself lacks is
// refused here, the rest by the store's and the engine's checks.
func (f silenceForm) silence(now time.Time) (store.Silence, error) {
	s := store.Silence{InfoType: f.Scene, CountryNo: f.Country, ChannelNo: f.Channel, RuleNo: f.Rule, NotifyResolved: f.NotifyResolved}
	if f.Comment == "" {
		return s, formError("comment", "say why (it goes into the audit)")
	}
	s.Comment = &f.Comment
	if f.Kind == "recurring" {
		if f.Schedule == "" {
			return s, formError("schedule", "a maintenance window needs a schedule")
		}
		s.Schedule = &f.Schedule
		if sc, err := recurring.Parse(f.Schedule); err == nil {
			s.Schedule = new(sc.String()) // normalised; else the check refuses it, naming the column
		}
	}
	from, err := formTimeOr(f.From, "starts_at", nil)
	if err != nil {
		return s, err
	}
	until, err := formTimeOr(f.Until, "ends_at", nil)
	if err != nil {
		return s, err
	}
	if s.Schedule == nil && from == nil {
		from = new(now.UTC().Truncate(time.Second))
	}
	if until == nil && f.For != "" {
		d, err := time.ParseDuration(f.For)
		if err != nil || d <= 0 {
			return s, formError("ends_at", "the duration "+f.For+" is not one such as 2h or 30m")
		}
		base := now
		if from != nil {
			base = *from
		}
		until = new(base.Add(d).UTC())
	}
	s.StartsAt, s.EndsAt = from, until
	return s, nil
}

// formTimeOr reads a datetime-local field as UTC ("" gives def).
func formTimeOr(v, column string, def *time.Time) (*time.Time, error) {
	if v = strings.TrimSpace(v); v == "" {
		return def, nil
	}
	t, err := time.Parse(formTime, v)
	if err != nil {
		if t, err = time.Parse(time.RFC3339, v); err != nil {
			return nil, formError(column, "the time "+v+" is not one such as 2026-11-24T18:00 (UTC)")
		}
	}
	return new(t.UTC()), nil
}

// formError is a refusal of the form, in the store's terms.
func formError(column, reason string) error {
	return &store.ValidationError{Table: "yujing_silence", Column: column, Reason: reason}
}
