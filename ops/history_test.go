package ops_test

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/yujing-go/yujing/alert"
	"github.com/yujing-go/yujing/internal/testdb"
	"github.com/yujing-go/yujing/ops"
	"github.com/yujing-go/yujing/store"
)

// TestHistoryFindsPendingAndArchived: the history lists the engine's
// archived and live alerts together, newest first, with typed channel
// states, and every filter keeps what it says.
func TestHistoryFindsPendingAndArchived(t *testing.T) {
	forEachBackend(t, func(t *testing.T, open testdb.Opener) {
		f := newFixture(t, open)
		f.run()
		ctx := context.Background()
		all := allPages(t, f.kit, ops.HistoryFilter{From: histT0, Limit: 500})
		var live, archived int
		for i, e := range all {
			if e.Archived {
				archived++
			} else {
				live++
			}
			if i > 0 && e.ExpectSendTime.After(all[i-1].ExpectSendTime) {
				t.Errorf("entry %d (%s) is newer than the one before", i, e.SlNo)
			}
			if e.SceneName != "SMS verification success" || len(e.Channels) != 1 {
				t.Errorf("entry %+v", e)
			}
		}
		if archived < 4 || live == 0 {
			t.Fatalf("%d archived and %d live entries, want both", archived, live)
		}
		failed := store.SendFailed
		page, err := f.kit.History(ctx, ops.HistoryFilter{From: histT0, Status: &failed})
		histMust(t, err)
		for _, e := range page.Entries {
			c := e.Channels[0]
			if e.Status != store.SendFailed || e.Country != "ID" || c.ChannelNo != "CH-BAD" || c.Outcome != alert.OutcomeFailed ||
				c.Attempts != 1 || c.Answer != "HTTP 400" || c.At == nil {
				t.Errorf("failed entry %+v channel %+v", e, c)
			}
		}
		if len(page.Entries) == 0 {
			t.Fatal("no failed entry")
		}
		checkFilters(t, f, all)
	})
}

// checkFilters checks scene+country+range, a channel, a channel type and a
// kind against the full list.
func checkFilters(t *testing.T, f *fixture, all []ops.HistoryEntry) {
	ctx := context.Background()
	scene, webhook := histScene, int(store.ChannelWebhook)
	count := func(keep func(ops.HistoryEntry) bool) int {
		n := 0
		for _, e := range all {
			if keep(e) {
				n++
			}
		}
		return n
	}
	cases := []struct {
		name string
		f    ops.HistoryFilter
		keep func(ops.HistoryEntry) bool
	}{
		{"scene+country+24h", ops.HistoryFilter{Scene: &scene, Country: "PH"}, func(e ops.HistoryEntry) bool { return e.Country == "PH" }},
		{"first hour", ops.HistoryFilter{From: histT0, To: histT0.Add(time.Hour)}, func(e ops.HistoryEntry) bool { return e.ExpectSendTime.Before(histT0.Add(time.Hour)) }},
		{"channel", ops.HistoryFilter{From: histT0, ChannelNo: "CH-OK"}, func(e ops.HistoryEntry) bool { return e.Channels[0].ChannelNo == "CH-OK" }},
		{"channel type", ops.HistoryFilter{From: histT0, ChannelType: &webhook}, func(ops.HistoryEntry) bool { return true }},
		{"kind alert", ops.HistoryFilter{From: histT0, Kind: new(store.KindAlert)}, func(e ops.HistoryEntry) bool { return e.Kind == store.KindAlert }},
	}
	for _, c := range cases {
		c.f.Limit = 500
		page, err := f.kit.History(ctx, c.f)
		histMust(t, err)
		want := count(c.keep)
		if len(page.Entries) != want || want == 0 && c.name != "kind alert" {
			t.Errorf("%s: %d entries, want %d", c.name, len(page.Entries), want)
		}
		for _, e := range page.Entries {
			if !c.keep(e) {
				t.Errorf("%s: entry %+v does not match", c.name, e)
			}
		}
	}
	email := int(store.ChannelEmail)
	page, err := f.kit.History(ctx, ops.HistoryFilter{From: histT0, ChannelType: &email})
	if err != nil || len(page.Entries) != 0 || page.Next != "" {
		t.Errorf("no email channel: %d entries, next %q, %v", len(page.Entries), page.Next, err)
	}
}

// allPages reads every page of a filter.
func allPages(t *testing.T, kit *ops.Toolkit, f ops.HistoryFilter) []ops.HistoryEntry {
	t.Helper()
	var out []ops.HistoryEntry
	for range 1000 {
		page, err := kit.History(context.Background(), f)
		histMust(t, err)
		out = append(out, page.Entries...)
		if page.Next == "" {
			return out
		}
		f.After = page.Next
	}
	t.Fatal("the history does not end")
	return nil
}

// TestHistoryPagesWithoutDuplicatesOrGaps: pages of 1, 2 and 3 entries
// give the one-page list, in order, even when the alerts of the page
// being read are archived between two pages.
func TestHistoryPagesWithoutDuplicatesOrGaps(t *testing.T) {
	forEachBackend(t, func(t *testing.T, open testdb.Opener) {
		f := newFixture(t, open)
		f.run()
		full := allPages(t, f.kit, ops.HistoryFilter{From: histT0, Limit: 500})
		for _, size := range []int{1, 2, 3} {
			got := allPages(t, f.kit, ops.HistoryFilter{From: histT0, Limit: size})
			if codes(got) != codes(full) {
				t.Errorf("pages of %d:\n%s\nwant\n%s", size, codes(got), codes(full))
			}
		}
		// Archive the live alerts while paging: page 1, archive, the rest.
		ctx := context.Background()
		first, err := f.kit.History(ctx, ops.HistoryFilter{From: histT0, Limit: 2})
		histMust(t, err)
		f.tickAt(4 * time.Hour)
		var left int
		histMust(t, f.db.SQL().Get(&left, f.db.SQL().Rebind("SELECT COUNT(*) FROM monitor_send_log WHERE expect_send_time < ?"), histT0.Add(2*time.Hour)))
		if left != 0 || first.Entries[0].Archived {
			t.Fatalf("%d alerts not archived, first page archived: %v; the test needs the first page live, then archived", left, first.Entries[0].Archived)
		}
		rest := allPages(t, f.kit, ops.HistoryFilter{From: histT0, To: histT0.Add(2 * time.Hour), Limit: 2, After: first.Next})
		got := codes(append(first.Entries, rest...))
		if got != codes(full) {
			t.Errorf("paging across an archive:\n%s\nwant\n%s", got, codes(full))
		}
	})
}

func codes(es []ops.HistoryEntry) string {
	var b strings.Builder
	for _, e := range es {
		b.WriteString(e.SlNo + " ")
	}
	return b.String()
}

// TestHistoryRefusesBadInput: bad limits, ranges and cursors are
// validation errors that say what is wrong.
func TestHistoryRefusesBadInput(t *testing.T) {
	db := testdb.SQLite(t)
	e, err := alert.New(alert.WithStore(db))
	histMust(t, err)
	kit := ops.New(e, db)
	for _, c := range []struct {
		f    ops.HistoryFilter
		says string
	}{
		{ops.HistoryFilter{Limit: 501}, "want 1 to 500"},
		{ops.HistoryFilter{Limit: -1}, "want 1 to 500"},
		{ops.HistoryFilter{From: histT0, To: histT0}, "not before its end"},
		{ops.HistoryFilter{After: "not-a-cursor"}, "not one a history page gave"},
	} {
		_, err := kit.History(context.Background(), c.f)
		if _, ok := errors.AsType[*store.ValidationError](err); !ok || !strings.Contains(err.Error(), c.says) {
			t.Errorf("%+v: %v, want a validation error saying %q", c.f, err, c.says)
		}
	}
}

// TestHistoryShowsNoSecret: no webhook token or secret in the history's
// JSON.
func TestHistoryShowsNoSecret(t *testing.T) {
	f := newFixture(t, testdb.SQLite)
	f.run()
	page, err := f.kit.History(context.Background(), ops.HistoryFilter{From: histT0, Limit: 500})
	histMust(t, err)
	b, err := json.Marshal(page)
	histMust(t, err)
	for _, secret := range []string{webhookToken, webhookSecret} {
		if strings.Contains(string(b), secret) {
			t.Errorf("the history shows %q", secret)
		}
	}
	if !strings.Contains(string(b), "HTTP 400") {
		t.Errorf("the history does not show the failed answer: %s", b)
	}
}
