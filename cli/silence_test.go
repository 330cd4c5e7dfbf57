package cli

import (
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"
)

// silenceDoc is a silence as the JSON output names its fields: the names
// are the interface, so the test spells them out rather than reuse
// silenceJSON.
type silenceDoc struct {
	ID             int64      `json:"id"`
	Code           string     `json:"code"`
	Scene          string     `json:"scene"`
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

type silenceList struct {
	Silences  []silenceDoc `json:"silences"`
	NextAfter *int64       `json:"next_after"`
}

// TestSilences: a one-off silence and a weekly maintenance window are
// created, listed (table and JSON), one is expired; the list then shows the
// other, --all both, the expired one with who and when.
func TestSilences(t *testing.T) {
	forEachBackend(t, func(t *testing.T, b *backend) {
		b.migrated(t)
		from := time.Now().UTC().Add(-time.Minute).Truncate(time.Second)
		until := from.Add(3 * time.Hour)
		var oneOff, weekly struct {
			Silence silenceDoc `json:"silence"`
		}
		decode(t, must(t, b.args("silence", "add", "--country", "ID", "--from", from.Format(time.RFC3339),
			"--until", until.In(time.FixedZone("WIB", 7*3600)).Format(time.RFC3339),
			"--comment", "carrier outage, ticket 4711", "--by", "maria", "-o", "json")...), &oneOff)
		r := must(t, b.args("silence", "add", "--scene", "1", "--country", "PH", "--schedule", "sun 02:00-04:00",
			"--notify-resolved", "--comment", "provider maintenance", "--by", "ops-lead")...)
		if rows := lines(r.stdout); len(rows) != 2 || !strings.Contains(rows[1], "SUN 02:00-04:00") || !strings.Contains(rows[1], "scene=1 country=PH") {
			t.Errorf("silence add's table:\n%s", r.stdout)
		}
		weekly.Silence.Code = strings.Fields(lines(r.stdout)[1])[0]

		s := oneOff.Silence
		if !strings.HasPrefix(s.Code, "SI") || s.Scene != "*" || s.Country != "ID" || s.Channel != "*" || s.Rule != "*" ||
			s.StartsAt == nil || !s.StartsAt.Equal(from) || s.EndsAt == nil || !s.EndsAt.Equal(until) || s.Schedule != nil ||
			s.CreatedBy != "maria" || str(s.Comment) != "carrier outage, ticket 4711" || s.ExpiredAt != nil || s.NotifyResolved {
			t.Errorf("the one-off silence: %+v", s)
		}

		r = must(t, b.args("silence", "list")...)
		rows := lines(r.stdout)
		if len(rows) != 3 || !strings.HasPrefix(rows[0], "CODE") || !strings.Contains(rows[0], "MATCHERS") ||
			!strings.HasPrefix(rows[1], weekly.Silence.Code) || !strings.HasPrefix(rows[2], oneOff.Silence.Code) {
			t.Fatalf("silence list (newest first):\n%s", r.stdout)
		}
		for _, want := range []string{"country=ID", from.Format(time.RFC3339) + " → " + until.Format(time.RFC3339), "maria", "carrier outage, ticket 4711", "always", "ops-lead"} {
			if !strings.Contains(r.stdout, want) {
				t.Errorf("silence list does not show %q:\n%s", want, r.stdout)
			}
		}

		var list silenceList
		decode(t, must(t, b.args("silence", "list", "-o", "json")...), &list)
		if len(list.Silences) != 2 || list.NextAfter != nil {
			t.Fatalf("silence list -o json: %+v", list)
		}
		w := list.Silences[0]
		if w.Code != weekly.Silence.Code || w.Scene != "1" || w.Country != "PH" || str(w.Schedule) != "SUN 02:00-04:00" ||
			!w.NotifyResolved || w.StartsAt != nil || w.EndsAt != nil || w.CreatedBy != "ops-lead" || w.CreatedAt == nil {
			t.Errorf("the weekly silence: %+v", w)
		}
		if !reflect.DeepEqual(list.Silences[1], oneOff.Silence) {
			t.Errorf("listed %+v, created %+v", list.Silences[1], oneOff.Silence)
		}

		// Paging.
		var page silenceList
		decode(t, must(t, b.args("silence", "list", "--limit", "1", "-o", "json")...), &page)
		if len(page.Silences) != 1 || page.NextAfter == nil || page.Silences[0].Code != weekly.Silence.Code {
			t.Fatalf("first page: %+v", page)
		}
		decode(t, must(t, b.args("silence", "list", "--limit", "1", "--after", strconv.FormatInt(*page.NextAfter, 10), "-o", "json")...), &page)
		if len(page.Silences) != 1 || page.Silences[0].Code != oneOff.Silence.Code {
			t.Fatalf("second page: %+v", page)
		}

		var expired struct {
			Silence silenceDoc `json:"silence"`
			Changed bool       `json:"changed"`
		}
		decode(t, must(t, b.args("silence", "expire", oneOff.Silence.Code, "--by", "ops-lead", "-o", "json")...), &expired)
		if !expired.Changed || expired.Silence.ExpiredAt == nil || str(expired.Silence.ExpiredBy) != "ops-lead" {
			t.Errorf("expire: %+v", expired)
		}
		again := must(t, b.args("silence", "expire", oneOff.Silence.Code, "--by", "someone", "-o", "json")...)
		decode(t, again, &expired)
		if expired.Changed || str(expired.Silence.ExpiredBy) != "ops-lead" || !strings.Contains(again.stderr, "expired already") {
			t.Errorf("expire again: %+v, stderr %q", expired, again.stderr)
		}
		yujing(t, b.args("silence", "expire", "SI-NO-SUCH", "--by", "ops-lead")...).want(t, exitNotFound, "SI-NO-SUCH", "not found")

		decode(t, must(t, b.args("silence", "list", "-o", "json")...), &list)
		if len(list.Silences) != 1 || list.Silences[0].Code != weekly.Silence.Code {
			t.Errorf("after the expiry, list shows %+v", list.Silences)
		}
		r = must(t, b.args("silence", "list", "--all")...)
		if rows := lines(r.stdout); len(rows) != 3 || !strings.Contains(rows[2], " by ops-lead") || strings.Contains(rows[1], " by ops-lead") {
			t.Errorf("silence list --all:\n%s", r.stdout)
		}
		decode(t, must(t, b.args("silence", "list", "--all", "-o", "json")...), &list)
		if len(list.Silences) != 2 || list.Silences[1].ExpiredAt == nil || list.Silences[0].ExpiredAt != nil {
			t.Errorf("silence list --all -o json: %+v", list.Silences)
		}
	})
}

// TestSilenceRefused: what the checks refuse is refused with the column
// named (exit 3), what the command line refuses is a usage error (exit 2);
// nothing is written either way.
func TestSilenceRefused(t *testing.T) {
	forEachBackend(t, func(t *testing.T, b *backend) {
		b.migrated(t)
		until := time.Now().Add(time.Hour).UTC().Format(time.RFC3339)
		add := func(args ...string) result {
			return yujing(t, b.args(append([]string{"silence", "add", "--comment", "test", "--by", "tester"}, args...)...)...)
		}
		add("--country", "PH", "--schedule", "SUNDAY 2-4").want(t, exitRefused, "yujing_silence.schedule", `"SUNDAY"`)
		add("--country", "ph", "--until", until).want(t, exitRefused, "yujing_silence.country_no", `did you mean "PH"`)
		add("--scene", "sms", "--until", until).want(t, exitRefused, "yujing_silence.info_type")
		add("--country", "PH", "--from", "2019-12-31T00:00:00Z", "--until", "2020-01-01T00:00:00Z").want(t, exitRefused, "yujing_silence.ends_at", "has passed")
		add("--country", "PH", "--from", "2099-01-02T00:00:00Z", "--until", "2099-01-01T00:00:00Z").want(t, exitRefused, "yujing_silence.ends_at", "not after it starts")
		add("--country", "PH", "--comment", strings.Repeat("x", 256), "--until", until).want(t, exitRefused, "yujing_silence.comment")
		add("--until", until).want(t, exitUsage, "say what to silence")
		add("--country", "PH").want(t, exitUsage, "needs --until")
		add("--country", "PH", "--until", "tomorrow").want(t, exitUsage, `--until "tomorrow" is not an RFC 3339 time`)
		add("--country", "PH", "--until", until, "--by", " ").want(t, exitUsage, "--by")
		var list silenceList
		decode(t, must(t, b.args("silence", "list", "--all", "-o", "json")...), &list)
		if len(list.Silences) != 0 {
			t.Errorf("refused silences were written: %+v", list.Silences)
		}
		var ev map[string][]any
		decode(t, must(t, b.args("events", "-o", "json")...), &ev)
		if len(ev["events"]) != 0 {
			t.Errorf("refused silences are in the audit: %v", ev)
		}
	})
}

// TestTableKeepsItsRows: a comment with a newline, a tab and a terminal
// escape stays in its row and cell, and shows no escape.
func TestTableKeepsItsRows(t *testing.T) {
	forEachBackend(t, func(t *testing.T, b *backend) {
		b.migrated(t)
		must(t, b.args("silence", "add", "--country", "PH", "--until", time.Now().Add(time.Hour).UTC().Format(time.RFC3339),
			"--comment", "line one\nline two\tand \x1b[2Jcleared", "--by", "x")...)
		r := must(t, b.args("silence", "list")...)
		if rows := lines(r.stdout); len(rows) != 2 || strings.ContainsRune(r.stdout, '\x1b') || !strings.Contains(rows[1], "line one line two and  [2Jcleared") {
			t.Errorf("silence list:\n%q", r.stdout)
		}
		var list silenceList
		decode(t, must(t, b.args("silence", "list", "-o", "json")...), &list)
		if len(list.Silences) != 1 || str(list.Silences[0].Comment) != "line one\nline two\tand \x1b[2Jcleared" {
			t.Errorf("JSON keeps the comment as it is: %+v", list.Silences)
		}
	})
}
