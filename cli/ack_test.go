package cli

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/yujing-go/yujing/store"
)

// stateDoc is a state as the JSON output names its fields.
type stateDoc struct {
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

type stateList struct {
	States    []stateDoc `json:"states"`
	NextAfter *int64     `json:"next_after"`
}

// eventDoc is an event of the audit as the JSON output names its fields.
type eventDoc struct {
	ID      int64     `json:"id"`
	Time    time.Time `json:"time"`
	Scene   *int      `json:"scene"`
	Country *string   `json:"country"`
	Kind    string    `json:"kind"`
	Actor   *string   `json:"actor"`
	Ref     *string   `json:"ref"`
	Detail  *string   `json:"detail"`
}

// seedStates writes, as an engine would have: scene 1 fires in PH (since
// 40 minutes, notified once) and has resolved in ID; scene 2 fires in PH.
func seedStates(t *testing.T, b *backend) (firingSince time.Time) {
	t.Helper()
	db := b.open(t)
	now := time.Now().UTC().Truncate(time.Second)
	firingSince = now.Add(-40 * time.Minute)
	resolvedAt := now.Add(-10 * time.Minute)
	states := []store.AlertState{
		{InfoType: 1, CountryNo: "PH", State: store.StateFiring, Active: true, RuleNo: new("R-SMS-LOW"), Since: &firingSince,
			FiringSince: &firingSince, LastWindowEnd: &firingSince, BadWindows: 3, LastNotified: &firingSince, NotifyCount: 1,
			Reason: new("firing: rule R-SMS-LOW matched 3/3")},
		{InfoType: 1, CountryNo: "ID", State: store.StateResolved, Active: false, RuleNo: new("R-SMS-LOW"), Since: &resolvedAt,
			Reason: new("resolved after 2 good windows")},
		{InfoType: 2, CountryNo: "PH", State: store.StateFiring, Active: true, RuleNo: new("R-OTP"), Since: &firingSince,
			FiringSince: &firingSince, EscalationLevel: 1, EscalatedAt: &now, NotifyCount: 2, LastNotified: &now},
	}
	if conflicts, err := db.SaveAlertStates(context.Background(), states); err != nil || len(conflicts) > 0 {
		t.Fatalf("save alert states: %v %v", conflicts, err)
	}
	return firingSince
}

// TestAck: acknowledging a firing scene × country shows in its state
// (table and JSON) and in the audit; again is exit 6; a scene × country
// that does not fire, or has no state, is exit 5.
func TestAck(t *testing.T) {
	forEachBackend(t, func(t *testing.T, b *backend) {
		b.migrated(t)
		firingSince := seedStates(t, b)

		r := must(t, b.args("ack", "--scene", "1", "--country", "PH", "--by", "王工 (on call)")...)
		if rows := lines(r.stdout); len(rows) != 2 || !strings.Contains(rows[1], "王工 (on call)") || !strings.Contains(rows[1], "firing") {
			t.Errorf("ack's table:\n%s", r.stdout)
		}

		r = must(t, b.args("state", "--scene", "1")...)
		rows := lines(r.stdout)
		if len(rows) != 3 || !strings.Contains(rows[0], "ACKNOWLEDGED BY") {
			t.Fatalf("state --scene 1:\n%s", r.stdout)
		}
		ph := rows[1]
		if !strings.Contains(ph, " PH ") {
			ph = rows[2]
		}
		for _, want := range []string{"PH", "firing", firingSince.Format(time.RFC3339), "R-SMS-LOW", "王工 (on call)", "acknowledged by 王工 (on call)", "1× (last "} {
			if !strings.Contains(ph, want) {
				t.Errorf("PH's row does not show %q: %s", want, ph)
			}
		}

		var st stateList
		decode(t, must(t, b.args("state", "--scene", "1", "--country", "PH", "-o", "json")...), &st)
		if len(st.States) != 1 {
			t.Fatalf("state --scene 1 --country PH: %+v", st)
		}
		s := st.States[0]
		if s.Scene != 1 || s.Country != "PH" || s.State != "firing" || !s.Active || str(s.AckBy) != "王工 (on call)" || s.AckAt == nil ||
			s.AckUntil != nil || s.FiringSince == nil || !s.FiringSince.Equal(firingSince) || str(s.Rule) != "R-SMS-LOW" || s.NotifyCount != 1 {
			t.Errorf("PH's state: %+v", s)
		}

		yujing(t, b.args("ack", "--scene", "1", "--country", "PH", "--by", "someone")...).want(t, exitAcked,
			"scene 1 in PH is acknowledged already, by 王工 (on call)")
		yujing(t, b.args("ack", "--scene", "1", "--country", "ID", "--by", "someone")...).want(t, exitStale,
			"scene 1 in ID does not fire (it is resolved since", "nothing to acknowledge")
		yujing(t, b.args("ack", "--scene", "1", "--country", "TH", "--by", "someone")...).want(t, exitStale,
			"scene 1 in TH has no alert state")
		yujing(t, b.args("ack", "--scene", "2", "--country", "PH", "--by", "x", "--until", "2020-01-01T00:00:00Z")...).want(t, exitUsage, "has passed")
		yujing(t, b.args("ack", "--scene", "2", "--country", "PH", "--by", strings.Repeat("x", 65))...).want(t, exitUsage, "--by")

		until := time.Now().Add(2 * time.Hour).UTC().Truncate(time.Second)
		var acked struct {
			State stateDoc `json:"state"`
		}
		decode(t, must(t, b.args("ack", "--scene", "2", "--country", "PH", "--by", "maria", "--until", until.Format(time.RFC3339), "-o", "json")...), &acked)
		if str(acked.State.AckBy) != "maria" || acked.State.AckUntil == nil || !acked.State.AckUntil.Equal(until) || acked.State.Scene != 2 {
			t.Errorf("ack --until: %+v", acked.State)
		}

		// Filters and paging.
		decode(t, must(t, b.args("state", "--state", "firing", "-o", "json")...), &st)
		if len(st.States) != 2 || st.States[0].State != "firing" || st.States[1].State != "firing" {
			t.Errorf("state --state firing: %+v", st.States)
		}
		decode(t, must(t, b.args("state", "--state", "resolved,pending", "--country", "ID", "-o", "json")...), &st)
		if len(st.States) != 1 || st.States[0].Country != "ID" {
			t.Errorf("state --state resolved,pending --country ID: %+v", st.States)
		}
		decode(t, must(t, b.args("state", "--limit", "2", "-o", "json")...), &st)
		if len(st.States) != 2 || st.NextAfter == nil {
			t.Fatalf("state --limit 2: %+v", st)
		}
		decode(t, must(t, b.args("state", "--limit", "2", "--after", itoa(int(*st.NextAfter)), "-o", "json")...), &st)
		if len(st.States) != 1 || st.NextAfter != nil {
			t.Errorf("the second page: %+v", st)
		}
		if r := must(t, b.args("state", "--limit", "1")...); !strings.Contains(r.stderr, "--after") {
			t.Errorf("a full page does not say how to get the next: %q", r.stderr)
		}
		yujing(t, b.args("state", "--state", "burning")...).want(t, exitUsage, `--state "burning"`, "firing")
		yujing(t, b.args("state", "--limit", "0")...).want(t, exitUsage, "--limit 0")
	})
}

// TestEvents: the audit lists the silences created and expired and the
// acknowledgements, newest first, with who and what; --scene and --country
// select a scene × country's.
func TestEvents(t *testing.T) {
	forEachBackend(t, func(t *testing.T, b *backend) {
		b.migrated(t)
		seedStates(t, b)
		var created struct {
			Silence silenceDoc `json:"silence"`
		}
		decode(t, must(t, b.args("silence", "add", "--scene", "1", "--country", "PH", "--schedule", "SAT,SUN 00:00-24:00",
			"--comment", "weekend", "--by", "ops-lead", "-o", "json")...), &created)
		must(t, b.args("silence", "expire", created.Silence.Code, "--by", "maria")...)
		must(t, b.args("ack", "--scene", "1", "--country", "PH", "--by", "maria")...)

		var ev struct {
			Events []eventDoc `json:"events"`
		}
		decode(t, must(t, b.args("events", "-o", "json")...), &ev)
		if len(ev.Events) != 3 {
			t.Fatalf("events: %+v", ev.Events)
		}
		ack, exp, cre := ev.Events[0], ev.Events[1], ev.Events[2]
		if ack.Kind != store.EventAcknowledged || str(ack.Actor) != "maria" || ack.Scene == nil || *ack.Scene != 1 || str(ack.Country) != "PH" ||
			!strings.Contains(str(ack.Detail), "via cli") {
			t.Errorf("the acknowledgement's event: %+v", ack)
		}
		if exp.Kind != store.EventSilenceExpired || str(exp.Actor) != "maria" || str(exp.Ref) != created.Silence.Code {
			t.Errorf("the expiry's event: %+v", exp)
		}
		if cre.Kind != store.EventSilenceCreated || str(cre.Actor) != "ops-lead" || str(cre.Ref) != created.Silence.Code ||
			!strings.Contains(str(cre.Detail), "SAT,SUN 00:00-24:00") || cre.Scene != nil {
			t.Errorf("the creation's event: %+v", cre)
		}
		if !(ack.ID > exp.ID && exp.ID > cre.ID) || ack.Time.IsZero() {
			t.Errorf("not newest first: %+v", ev.Events)
		}

		r := must(t, b.args("events")...)
		rows := lines(r.stdout)
		if len(rows) != 4 || !strings.HasPrefix(rows[0], "TIME") || !strings.Contains(rows[1], "acknowledged") ||
			!strings.Contains(rows[2], "silence expired") || !strings.Contains(rows[3], "silence created") || !strings.Contains(rows[3], created.Silence.Code) {
			t.Errorf("events:\n%s", r.stdout)
		}
		decode(t, must(t, b.args("events", "--scene", "1", "--country", "PH", "-o", "json")...), &ev)
		if len(ev.Events) != 1 || ev.Events[0].Kind != store.EventAcknowledged {
			t.Errorf("events --scene 1 --country PH: %+v", ev.Events)
		}
		decode(t, must(t, b.args("events", "--limit", "2", "-o", "json")...), &ev)
		if len(ev.Events) != 2 {
			t.Errorf("events --limit 2: %+v", ev.Events)
		}
	})
}

// TestNotMigrated: a command on a database that was never migrated fails
// saying to run migrate.
func TestNotMigrated(t *testing.T) {
	forEachBackend(t, func(t *testing.T, b *backend) {
		b.open(t) // creates the SQLite file, empty
		yujing(t, b.args("state")...).want(t, exitFailure, "not migrated", "yujing migrate")
		yujing(t, b.args("silence", "list")...).want(t, exitFailure, "yujing migrate")
	})
}
