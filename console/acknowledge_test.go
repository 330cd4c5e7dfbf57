package console_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/yujing-go/yujing/internal/testdb"
	"github.com/yujing-go/yujing/store"
)

// TestAcknowledgeFromTheOverview: the overview's form acknowledges the
// firing PH through engine.Acknowledge as the user: the cell shows who,
// the state row and the audit record it; the same episode again is 409,
// an earlier episode is refused as stale (409), and a scene × country
// that does not fire too.
func TestAcknowledgeFromTheOverview(t *testing.T) {
	for _, be := range testdb.Backends() {
		t.Run(be.Name, func(t *testing.T) {
			f := newFixture(t, be.Open, fixtureOpts{console: userHeader()})
			f.fire()
			since := f.state("PH").FiringSince.Unix()
			form := url.Values{"info_type": {"1"}, "country": {"PH"}, "since": {strconv.FormatInt(since, 10)}, "page": {"1"}, "for": {"1h"}}
			code, body, hdr := f.post("acknowledge", form, "X-User", "王工")
			if code != http.StatusSeeOther || hdr.Get("Location") != "./?done=ack&page=1" {
				t.Fatalf("POST acknowledge: %d %q\n%s", code, hdr.Get("Location"), body)
			}
			st := f.state("PH")
			if deref(st.AckBy) != "王工" || st.AckUntil == nil || !st.AckUntil.Equal(f.clock.Now().Add(3600e9)) {
				t.Errorf("state %+v", st)
			}
			_, page := f.get("?done=ack&page=1")
			if cellState(t, page, "PH") != "acknowledged" || !strings.Contains(page, "by 王工") || !strings.Contains(page, "Acknowledged.") {
				t.Errorf("the overview does not show the acknowledgement")
			}
			if strings.Contains(page, `action="acknowledge"`) {
				t.Error("an acknowledged cell still offers the form")
			}
			if _, page := f.get("silences"); !strings.Contains(page, "<td>PH</td>") || !strings.Contains(page, "<td>王工</td>") {
				t.Error("the silences page does not list the acknowledgement")
			}
			events, err := f.db.AlertEvents(context.Background(), new(smsScene), "PH", 5)
			if err != nil || len(events) != 1 || events[0].Kind != store.EventAcknowledged || deref(events[0].Actor) != "王工" ||
				!strings.Contains(deref(events[0].Detail), "via console") {
				t.Errorf("audit %+v %v", events, err)
			}
			if code, page, _ := f.post("acknowledge", form, "X-User", "someone"); code != http.StatusConflict || !strings.Contains(page, "acknowledged already") {
				t.Errorf("again: %d", code)
			}
			form.Set("since", strconv.FormatInt(since-600, 10))
			if code, _, _ := f.post("acknowledge", form, "X-User", "someone"); code != http.StatusConflict {
				t.Errorf("an earlier episode: %d, want 409", code)
			}
			form.Set("country", "ID")
			if code, page, _ := f.post("acknowledge", form, "X-User", "someone"); code != http.StatusConflict || !strings.Contains(page, "no longer fires") {
				t.Errorf("ID, which does not fire: %d", code)
			}
			form.Set("info_type", "x")
			if code, _, _ := f.post("acknowledge", form, "X-User", "someone"); code != http.StatusBadRequest {
				t.Errorf("a bad form: %d, want 400", code)
			}
		})
	}
}

// TestAckLinkThroughTheConsole: the robot's message carries a link to the
// console's "ack"; opening it shows the confirmation page, confirming it
// acknowledges PH as the console's user.
func TestAckLinkThroughTheConsole(t *testing.T) {
	for _, be := range testdb.Backends() {
		t.Run(be.Name, func(t *testing.T) {
			f := newFixture(t, be.Open, fixtureOpts{console: userHeader()})
			f.fire()
			link := f.ackLink()
			code, page := f.get(strings.TrimPrefix(link, f.base), "X-User", "maria")
			if code != http.StatusOK || f.state("PH").AckBy != nil {
				t.Fatalf("GET link: %d\n%s", code, page)
			}
			req, _ := http.NewRequest(http.MethodPost, link, strings.NewReader(""))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			req.Header.Set("Origin", f.srv.URL)
			req.Header.Set("X-User", "maria")
			if code, page := f.do(req); code != http.StatusOK || deref(f.state("PH").AckBy) != "maria" {
				t.Fatalf("POST link: %d, acknowledged by %v\n%s", code, f.state("PH").AckBy, page)
			}
		})
	}
}
