package console_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/yujing-go/yujing/internal/testdb"
	"github.com/yujing-go/yujing/store"
)

// TestSilenceFromTheForm: a silence of PH created with the form mutes the
// firing PH on the overview; it is stored with the user as created_by and
// audited; expired from the list, PH is firing again, the expiry audited
// with the user too.
func TestSilenceFromTheForm(t *testing.T) {
	for _, be := range testdb.Backends() {
		t.Run(be.Name, func(t *testing.T) {
			f := newFixture(t, be.Open, fixtureOpts{console: userHeader()})
			f.fire()
			code, body, hdr := f.post("silences", url.Values{"scene": {"1"}, "country": {"PH"}, "channel": {"*"}, "rule": {"*"},
				"kind": {"once"}, "for": {"2h"}, "comment": {"carrier outage, ticket 4711"}}, "X-User", "maria")
			if code != http.StatusSeeOther || hdr.Get("Location") != "silences?done=silence" {
				t.Fatalf("POST silences: %d %q\n%s", code, hdr.Get("Location"), body)
			}
			ctx := context.Background()
			list, err := f.engine.Config(f.db).ListSilences(ctx, store.SilenceFilter{})
			if err != nil || len(list) != 1 {
				t.Fatalf("silences %+v %v", list, err)
			}
			s := list[0]
			if s.CreatedBy != "maria" || s.CountryNo != "PH" || s.InfoType != "1" || s.EndsAt == nil ||
				!s.EndsAt.Equal(f.clock.Now().Add(2*time.Hour)) {
				t.Errorf("stored %+v", s)
			}
			if _, page := f.get(""); cellState(t, page, "PH") != "muted" || !strings.Contains(page, "muted by silence "+s.SilenceNo) {
				t.Errorf("PH is not muted on the overview: %s", cellState(t, page, "PH"))
			}
			if _, page := f.get("silences?done=silence"); !strings.Contains(page, s.SilenceNo) || !strings.Contains(page, "Silence created.") ||
				!strings.Contains(page, "carrier outage, ticket 4711") {
				t.Error("the list does not show the new silence")
			}
			code, _, hdr = f.post("silence-expire", url.Values{"code": {s.SilenceNo}}, "X-User", "li.wei")
			if code != http.StatusSeeOther || hdr.Get("Location") != "silences?done=expire" {
				t.Fatalf("POST silence-expire: %d", code)
			}
			if _, page := f.get(""); cellState(t, page, "PH") != "firing" {
				t.Errorf("PH after the expiry: %s", cellState(t, page, "PH"))
			}
			if _, page := f.get("silences"); strings.Contains(page, s.SilenceNo) {
				t.Error("the expired silence is listed as current")
			}
			if _, page := f.get("silences?show=all"); !strings.Contains(page, "li.wei") {
				t.Error("the list of all silences does not say who expired it")
			}
			events, err := f.db.AlertEvents(ctx, nil, "", 10)
			if err != nil || len(events) < 2 || events[0].Kind != store.EventSilenceExpired || deref(events[0].Actor) != "li.wei" ||
				events[1].Kind != store.EventSilenceCreated || deref(events[1].Actor) != "maria" {
				t.Errorf("audit %+v %v", events, err)
			}
			if code, _, _ := f.post("silence-expire", url.Values{"code": {"SI-NONE"}}, "X-User", "li.wei"); code != http.StatusNotFound {
				t.Errorf("expiring a missing silence: %d, want 404", code)
			}
		})
	}
}

// TestSilenceFormRefusals: what the API refuses is shown with the form as
// typed and the API's reason (422), and nothing is stored: an unknown
// scene (the engine's check), a bad country code and an end that has
// passed (the store's), a schedule that does not parse, no comment.
func TestSilenceFormRefusals(t *testing.T) {
	for _, be := range testdb.Backends() {
		t.Run(be.Name, func(t *testing.T) {
			f := newFixture(t, be.Open, fixtureOpts{})
			f.fire()
			base := url.Values{"scene": {"1"}, "country": {"PH"}, "channel": {"*"}, "rule": {"*"}, "kind": {"once"}, "for": {"1h"},
				"comment": {"maintenance"}}
			for _, c := range []struct {
				name, key, value, want string
			}{
				{"unknown scene", "scene", "42", "yujing_silence.info_type"},
				{"country name", "country", "Philippines", "is not a country code"},
				{"past end", "until", "2026-11-23T10:00", "yujing_silence.ends_at"},
				{"bad schedule", "kind", "recurring", "yujing_silence.schedule"},
				{"no comment", "comment", "", "yujing_silence.comment"},
				{"bad duration", "for", "soon", "yujing_silence.ends_at"},
			} {
				form := url.Values{}
				for k, v := range base {
					form[k] = v
				}
				form.Set(c.key, c.value)
				if c.key == "kind" {
					form.Set("schedule", "EVERY FULL MOON")
				}
				code, page, _ := f.post("silences", form)
				if code != http.StatusUnprocessableEntity || !strings.Contains(page, c.want) {
					t.Errorf("%s: %d, want 422 saying %q", c.name, code, c.want)
				}
				if c.key == "country" && !strings.Contains(page, `value="Philippines"`) {
					t.Errorf("%s: the form lost what was typed", c.name)
				}
			}
			list, err := f.engine.Config(f.db).ListSilences(context.Background(), store.SilenceFilter{IncludeExpired: true})
			if err != nil || len(list) != 0 {
				t.Errorf("stored %+v %v", list, err)
			}
		})
	}
}

// TestRecurringSilence: a maintenance window made with the form is stored
// with its schedule, normalised, as `yujing silence add --schedule` does.
func TestRecurringSilence(t *testing.T) {
	f := newFixture(t, testdb.SQLite, fixtureOpts{})
	code, page, _ := f.post("silences", url.Values{"scene": {"*"}, "country": {"ID"}, "kind": {"recurring"},
		"schedule": {"sun 02:00-04:00"}, "comment": {"provider maintenance"}})
	if code != http.StatusSeeOther {
		t.Fatalf("POST: %d\n%s", code, page)
	}
	list, err := f.engine.Config(f.db).ListSilences(context.Background(), store.SilenceFilter{})
	if err != nil || len(list) != 1 || list[0].Schedule == nil || *list[0].Schedule != "SUN 02:00-04:00" || list[0].StartsAt != nil ||
		list[0].CreatedBy != "console" {
		t.Fatalf("stored %+v %v", list, err)
	}
}

// TestSilencesPaged: the list shows a page at a time, newest first, with
// a link to the next.
func TestSilencesPaged(t *testing.T) {
	f := newFixture(t, testdb.SQLite, fixtureOpts{console: pageSize(2)})
	for i := range 5 {
		if code, _, _ := f.post("silences", url.Values{"country": {"PH"}, "for": {"1h"}, "comment": {"n" + string(rune('a'+i))}}); code != http.StatusSeeOther {
			t.Fatalf("POST %d: %d", i, code)
		}
	}
	seen := []string{}
	next := "silences"
	for pages := 0; next != "" && pages < 5; pages++ {
		_, page := f.get(next)
		for _, m := range regexp.MustCompile(`<td>(n[a-e])</td>`).FindAllStringSubmatch(page, -1) {
			seen = append(seen, m[1])
		}
		next = ""
		if i := strings.Index(page, `rel="next"`); i > 0 {
			j := strings.LastIndex(page[:i], `href="?after=`)
			next = "silences" + page[j+len(`href="`):i-2]
			next = strings.ReplaceAll(next, "&amp;", "&")
		}
	}
	if strings.Join(seen, ",") != "ne,nd,nc,nb,na" {
		t.Errorf("pages showed %v", seen)
	}
}
