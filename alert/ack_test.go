package alert_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/yujing-go/yujing/ack"
	"github.com/yujing-go/yujing/alert"
	"github.com/yujing-go/yujing/internal/testdb"
	"github.com/yujing-go/yujing/scene"
	"github.com/yujing-go/yujing/store"
)

// TestAcknowledgeStopsRepeatsAndEscalation: ID fires; an operator
// acknowledges it through the Go API. Its hourly repeats and its
// escalation stop; its resolve is still sent. The state row and the audit
// say who and when; acknowledging again is refused as a replay, and an
// acknowledgement for another episode as stale.
func TestAcknowledgeStopsRepeatsAndEscalation(t *testing.T) {
	for _, be := range testdb.Backends() {
		t.Run(be.Name, func(t *testing.T) {
			f := newFixture(t, be.Open)
			sc := &series{countries: []string{"ID"}, rate: func(_ string, w scene.Window) (float64, bool) {
				if within(w, "2026-11-24 01:00", "2026-11-24 05:00") {
					return 0.4, true
				}
				return 0.97, true
			}}
			f.scene = nil
			f.engine = f.newEngine(alert.WithScenes(sc))
			lifecycleSetup(t, f)
			ctx := context.Background()
			var fired time.Time
			for f.clock.Set(utcAt("2026-11-24 00:51")); f.clock.Now().Before(utcAt("2026-11-24 06:00")); f.clock.Advance(10 * time.Minute) {
				f.tick()
				if f.clock.Now().Equal(utcAt("2026-11-24 01:41")) {
					states, err := f.db.AlertStates(ctx, store.StateFilter{CountryNo: "ID"})
					if err != nil || len(states) != 1 || states[0].State != store.StateFiring {
						t.Fatalf("ID's state before the acknowledgement: %+v %v", states, err)
					}
					fired = *states[0].FiringSince
					err = f.engine.Acknowledge(ctx, ack.Request{Target: ack.Target{InfoType: smsScene, Country: "ID", FiringSince: fired}, By: "王工 (on call)"})
					if err != nil {
						t.Fatal(err)
					}
					again := f.engine.Acknowledge(ctx, ack.Request{Target: ack.Target{InfoType: smsScene, Country: "ID", FiringSince: fired}, By: "someone"})
					stale := f.engine.Acknowledge(ctx, ack.Request{Target: ack.Target{InfoType: smsScene, Country: "ID", FiringSince: fired.Add(-time.Hour)}, By: "x"})
					if !errors.Is(again, ack.ErrAlreadyAcknowledged) || !errors.Is(stale, ack.ErrStale) {
						t.Fatalf("again: %v; stale: %v", again, stale)
					}
				}
			}
			if err := f.engine.Wait(ctx); err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, r := range f.recv.Got() {
				got = append(got, r.Path+" "+r.Payload.Labels["kind"])
			}
			// Fired at 01:30, acknowledged at 01:41: no repeat, no escalation
			// (level 1 was due at 02:00); the resolve reaches level 0 only.
			if strings.Join(got, ",") != "/alerts firing,/alerts resolved" {
				t.Errorf("messages %v", got)
			}
			states, err := f.db.AlertStates(ctx, store.StateFilter{CountryNo: "ID"})
			if err != nil || states[0].State != store.StateResolved || states[0].AckBy != nil {
				t.Errorf("after the resolve: %+v %v", states, err)
			}
			events, err := f.db.AlertEvents(ctx, new(smsScene), "ID", 10)
			if err != nil || len(events) != 1 || events[0].Kind != store.EventAcknowledged || str(events[0].Actor) != "王工 (on call)" ||
				!events[0].EventTime.Equal(utcAt("2026-11-24 01:41")) {
				t.Errorf("audit: %+v %v", events, err)
			}
			if n := f.count("SELECT COUNT(*) FROM monitor_record WHERE country_no = 'ID' AND reason LIKE '%acknowledged by 王工 (on call)%'"); n == 0 {
				t.Error("no record says its repeat was held by the acknowledgement")
			}
		})
	}
}

// TestAckLinkFromTheMessage: the message carries {ack_link}; the on-call
// engineer opens it (a page, nothing changes), then confirms with a name
// (POST): the alert is acknowledged. The same link again is refused, and
// a link whose country was altered is refused as forged.
func TestAckLinkFromTheMessage(t *testing.T) {
	for _, be := range testdb.Backends() {
		t.Run(be.Name, func(t *testing.T) {
			mux := http.NewServeMux()
			srv := httptest.NewServer(mux)
			t.Cleanup(srv.Close)
			signer, err := ack.NewSigner([]byte("0123456789abcdef0123456789abcdef-test-key"), srv.URL+"/ops/ack", 24*time.Hour)
			if err != nil {
				t.Fatal(err)
			}
			f := newFixture(t, be.Open, alert.WithAckLinks(signer))
			mux.Handle("/ops/ack", ack.NewHandler(signer, f.engine, ack.WithClock(f.clock.Now)))
			f.scene.countries = []string{"PH"}
			f.scene.rate = func(string, scene.Window) float64 { return 0.5 }
			f.configure("PH")
			f.editTemplate(func(tpl *store.Template) { tpl.Content = new("{country_name} is failing. Acknowledge: {ack_link}") })
			f.clock.Set(t0.Add(11 * time.Minute))
			f.tick()
			ctx := context.Background()
			if err := f.engine.Wait(ctx); err != nil {
				t.Fatal(err)
			}
			got := f.recv.Got()
			if len(got) != 1 {
				t.Fatalf("%d messages", len(got))
			}
			link := regexp.MustCompile(`https?://\S+`).FindString(got[0].Payload.English.Text)
			if !strings.HasPrefix(link, srv.URL+"/ops/ack?") {
				t.Fatalf("no link in %q", got[0].Payload.English.Text)
			}
			acked := func() *string {
				states, err := f.db.AlertStates(ctx, store.StateFilter{CountryNo: "PH"})
				if err != nil || len(states) != 1 {
					t.Fatalf("states %+v %v", states, err)
				}
				return states[0].AckBy
			}
			res, err := http.Get(link)
			if err != nil || res.StatusCode != http.StatusOK || acked() != nil {
				t.Fatalf("GET: %v %v, acknowledged by %v", res, err, acked())
			}
			res.Body.Close()
			post := func(u string) int {
				req, _ := http.NewRequest(http.MethodPost, u, strings.NewReader(url.Values{"name": {"Maria"}}.Encode()))
				req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
				req.Header.Set("Origin", srv.URL)
				res, err := http.DefaultClient.Do(req)
				if err != nil {
					t.Fatal(err)
				}
				res.Body.Close()
				return res.StatusCode
			}
			if code := post(link); code != http.StatusOK || str(acked()) != "Maria" {
				t.Fatalf("POST: %d, acknowledged by %v", code, acked())
			}
			if code := post(link); code != http.StatusConflict {
				t.Errorf("the same link again: %d, want 409", code)
			}
			if code := post(strings.Replace(link, "=PH", "=ID", 1)); code != http.StatusForbidden {
				t.Errorf("an altered link: %d, want 403", code)
			}
		})
	}
}
