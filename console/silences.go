package console

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/yujing-go/yujing/alert"
	"github.com/yujing-go/yujing/store"
)

// silencesBody is the silences page's data: a page of the list, and the
// form (empty, or as sent when it was refused).
type silencesBody struct {
	All    bool // expired silences listed too
	Rows   []silenceRow
	Next   string // the next page's query; "" on the last
	Form   silenceForm
	Scenes []alert.SceneInfo
	Acks   []ackRow // the acknowledgements that hold now
	// MoreAcks is true when not every acknowledgement is listed: the
	// list shows a page's worth, of the first maxAckRows firing states.
	MoreAcks bool
}

// ackRow is an acknowledged firing scene × country.
type ackRow struct {
	Scene       string
	Country     string
	FiringSince *time.Time
	By          string
	At, Until   *time.Time
}

// maxAckRows bounds the firing states the silences page reads for its
// list of acknowledgements.
const maxAckRows = 500

// silenceRow is a silence as the list shows it.
type silenceRow struct {
	store.Silence
	Matchers string
	Ended    bool // its end has passed (it is not expired by hand)
}

// silences lists the silences that are not expired (?show=all: every
// one), newest first, a page at a time (?after=ID).
func (c *console) silences(w http.ResponseWriter, r *http.Request, p *pageData) error {
	body := &silencesBody{Form: silenceForm{Kind: "once", Scene: store.AnyMatch, Country: store.AnyMatch, Channel: store.AnyMatch,
		Rule: store.AnyMatch, For: "2h"}}
	if err := c.fillSilences(r, p, body); err != nil {
		return err
	}
	p.Body = body
	return nil
}

// fillSilences reads the list's page into body.
func (c *console) fillSilences(r *http.Request, p *pageData, body *silencesBody) error {
	q := r.URL.Query()
	body.All = q.Get("show") == "all"
	body.Scenes = c.engine.SceneInfos()
	after, _ := strconv.ParseInt(q.Get("after"), 10, 64)
	list, err := c.engine.Config(c.db).ListSilences(r.Context(), store.SilenceFilter{IncludeExpired: body.All, AfterID: after, Limit: c.pageSize})
	if err != nil {
		return err
	}
	for _, s := range list {
		body.Rows = append(body.Rows, silenceRow{Silence: s, Matchers: matchers(s, p.T),
			Ended: s.ExpiredAt == nil && s.EndsAt != nil && !s.EndsAt.After(p.Now)})
	}
	if err := c.fillAcks(r, p, body); err != nil {
		return err
	}
	if len(list) == c.pageSize {
		next := "?after=" + strconv.FormatInt(list[len(list)-1].ID, 10)
		if body.All {
			next += "&show=all"
		}
		body.Next = next
	}
	return nil
}

// matchers writes a silence's matchers that are not "*": "scene=1
// country=PH".
func matchers(s store.Silence, t Text) string {
	var out []string
	for _, m := range []struct{ name, v string }{{"scene", s.InfoType}, {"country", s.CountryNo}, {"channel", s.ChannelNo}, {"rule", s.RuleNo}} {
		if m.v != store.AnyMatch {
			out = append(out, m.name+"="+m.v)
		}
	}
	if len(out) == 0 {
		return t["everything"]
	}
	return strings.Join(out, " ")
}

// expireSilence ends a silence now as the user (the store's
// ExpireSilence: expired_by and the audit), then shows the list.
func (c *console) expireSilence(w http.ResponseWriter, r *http.Request, user string) error {
	code := strings.TrimSpace(r.PostForm.Get("code"))
	cfg := c.engine.Config(c.db, store.AsUser(user))
	if _, err := cfg.GetSilence(r.Context(), code); err != nil {
		return refusal(err)
	}
	if err := cfg.ExpireSilence(r.Context(), code); err != nil {
		return refusal(err)
	}
	c.log.InfoContext(r.Context(), "console: silence expired", "silence", code, "by", user)
	seeOther(w, "silences?done=expire")
	return nil
}

// refusal turns the API's refusals into answers: a missing row is 404, a
// refused value 422 with the API's words; anything else stays an error
// (500, logged).
func refusal(err error) error {
	if ve, ok := errors.AsType[*store.ValidationError](err); ok {
		return &httpError{status: http.StatusUnprocessableEntity, key: "err.title", detail: ve.Error()}
	}
	if errors.Is(err, store.ErrNotFound) {
		return &httpError{status: http.StatusNotFound, key: "err.notFound"}
	}
	return err
}

// untilOf reads an optional duration ("1h") as the time it ends.
func untilOf(now time.Time, s string) (time.Time, bool) {
	if s == "" {
		return time.Time{}, true
	}
	d, err := time.ParseDuration(s)
	if err != nil || d <= 0 {
		return time.Time{}, false
	}
	return now.Add(d), true
}

// fillAcks lists the firing states whose acknowledgement holds, by scene
// and country, read as the engine reads them (alert.Acknowledged).
func (c *console) fillAcks(r *http.Request, p *pageData, body *silencesBody) error {
	firing, err := c.db.AlertStates(r.Context(), store.StateFilter{States: []store.StateName{store.StateFiring}, Limit: maxAckRows})
	if err != nil {
		return err
	}
	body.MoreAcks = len(firing) == maxAckRows
	names := map[int]string{}
	for _, s := range c.engine.SceneInfos() {
		names[s.InfoType] = s.Name
	}
	for i := range firing {
		st := &firing[i]
		if !alert.Acknowledged(st, p.Now) {
			continue
		}
		name := names[st.InfoType]
		if name == "" {
			name = "info_type " + strconv.Itoa(st.InfoType)
		}
		if len(body.Acks) == c.pageSize {
			body.MoreAcks = true
			break
		}
		body.Acks = append(body.Acks, ackRow{Scene: name, Country: st.CountryNo, FiringSince: st.FiringSince, By: deref(st.AckBy),
			At: st.AckAt, Until: st.AckUntil})
	}
	return nil
}
