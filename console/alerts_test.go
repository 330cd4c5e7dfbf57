package console_test

import (
	"html"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/yujing-go/yujing/internal/testdb"
	"github.com/yujing-go/yujing/internal/webhooktest"
)

// failID makes ID fire at 00:41 and the robot refuse its message (HTTP
// 400, permanent): the history then holds PH's sent alert and ID's
// failed one.
func (f *fixture) failID() {
	f.t.Helper()
	f.fire()
	f.scene.set("ID", 0.4)
	f.recv.Answer(func(r webhooktest.Received, _ int) webhooktest.Reply {
		if r.Payload.Labels["country"] == "ID" {
			return webhooktest.Reply{Status: http.StatusBadRequest}
		}
		return webhooktest.Reply{}
	})
	f.tickAt(t0.Add(41 * time.Minute))
}

var codeRe = regexp.MustCompile(`<tr data-code="([^"]+)"`)

// codes are the alerts a page of the alerts page lists, in order.
func codes(page string) []string {
	var out []string
	for _, m := range codeRe.FindAllStringSubmatch(page, -1) {
		out = append(out, m[1])
	}
	return out
}

// TestAlertsSearchAndPaging: the alerts page finds PH's sent alert and
// ID's failed one by country, status and channel; a page of one links to
// the next with the filters kept; filters that do not read are refused
// with 422 and the reason.
func TestAlertsSearchAndPaging(t *testing.T) {
	for _, be := range testdb.Backends() {
		t.Run(be.Name, func(t *testing.T) {
			f := newFixture(t, be.Open, fixtureOpts{console: pageSize(1)})
			f.failID()
			_, all := f.get("alerts?from=2026-11-23T00:00&page=x")
			first := codes(all)
			if len(first) != 1 || !strings.Contains(all, `id="next-page"`) {
				t.Fatalf("page of one: %v\n%s", first, all)
			}
			next := html.UnescapeString(regexp.MustCompile(`href="([^"]+)" rel="next" id="next-page"`).FindStringSubmatch(all)[1])
			if !strings.Contains(next, "from=2026-11-23T00%3A00") || !strings.Contains(next, "after=") {
				t.Errorf("the next page's link drops the filters: %s", next)
			}
			code, second := f.get(next)
			if code != http.StatusOK || len(codes(second)) != 1 || codes(second)[0] == first[0] {
				t.Fatalf("second page %d: %v (first %v)", code, codes(second), first)
			}
			_, failed := f.get("alerts?status=failed&channel=CH-HOOK")
			_, ph := f.get("alerts?country=PH&scene=1")
			if !strings.Contains(failed, "HTTP 400") || !strings.Contains(failed, ">ID<") || strings.Contains(failed, ">PH<") {
				t.Errorf("status=failed does not show ID's refused delivery alone:\n%s", failed)
			}
			if len(codes(ph)) != 1 || !strings.Contains(ph, ">PH<") || !strings.Contains(ph, "explain?code=") {
				t.Errorf("country=PH: %v", codes(ph))
			}
			if _, none := f.get("alerts?channel=CH-NONE"); len(codes(none)) != 0 {
				t.Errorf("an unknown channel finds %v", codes(none))
			}
			for q, want := range map[string]string{"status=lost": "history.status", "from=yesterday": "history.from",
				"scene=sms": "history.scene", "kind=boom": "history.kind", "after=not-a-cursor": "history.after",
				"from=2026-11-25T00:00&to=2026-11-24T00:00": "history.expect_send_time"} {
				code, page := f.get("alerts?" + q)
				if code != http.StatusUnprocessableEntity || !strings.Contains(page, want) {
					t.Errorf("alerts?%s: %d, want 422 naming %s", q, code, want)
				}
			}
			assertNoSecret(t, all+second+failed+ph)
		})
	}
}

// TestExplainView: an alert's explain view, opened from the alerts page,
// tells the record's values, the stored verdict beside the rules now, the
// template, the state, the slot, the routing and the failed delivery's
// answer, with no secret; a record's bu_no explains too; an unknown code
// is 404, none 422.
func TestExplainView(t *testing.T) {
	for _, be := range testdb.Backends() {
		t.Run(be.Name, func(t *testing.T) {
			f := newFixture(t, be.Open, fixtureOpts{})
			f.failID()
			_, list := f.get("alerts?status=failed")
			sl := codes(list)
			if len(sl) != 1 {
				t.Fatalf("failed alerts %v", sl)
			}
			code, page := f.get("explain?code=" + sl[0])
			if code != http.StatusOK {
				t.Fatalf("explain %s: %d\n%s", sl[0], code, page)
			}
			for _, want := range []string{`id="record"`, "R-SMS-LOW", `id="verdict" data-agrees="true"`, "MD-SMS", `id="alert-status">failed<`,
				"CH-HOOK", "HTTP 400", `id="routing"`, "firing", "rate"} {
				if !strings.Contains(page, want) {
					t.Errorf("the explain view lacks %q", want)
				}
			}
			bu := regexp.MustCompile(`<code>(RC[^<]+)</code>`).FindStringSubmatch(page)
			if bu == nil {
				t.Fatal("no record code in the explain view")
			}
			if code, rec := f.get("explain?code=" + bu[1]); code != http.StatusOK || !strings.Contains(rec, sl[0]) {
				t.Errorf("explain of the record %s: %d", bu[1], code)
			}
			if code, _ := f.get("explain?code=SL-NO-SUCH"); code != http.StatusNotFound {
				t.Errorf("an unknown code: %d, want 404", code)
			}
			if code, _ := f.get("explain"); code != http.StatusUnprocessableEntity {
				t.Errorf("no code: %d, want 422", code)
			}
			assertNoSecret(t, page)
		})
	}
}

// assertNoSecret fails when a page holds one of the fixture's secrets.
func assertNoSecret(t *testing.T, page string) {
	t.Helper()
	for _, s := range []string{webhookSecret, webhookToken, ackKey, draftSecret, draftToken, newSecret} {
		if strings.Contains(page, s) {
			t.Errorf("a page shows the secret %q", s)
		}
	}
}
