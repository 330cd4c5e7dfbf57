package storetest

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/yujing-go/yujing/store"
)

// testAlertStates: the lifecycle rows of each scene × country
// (yujing_alert_state) through store.AlertStateStore: made once, written
// only as a compare-and-set on their version (a row never read only while
// inactive), read by scene, due time, filter and page, refused when a
// value does not fit, and never losing an update under concurrent writers.
func testAlertStates(t *testing.T, open OpenStore) {
	t.Run("Ensure", func(t *testing.T) { testEnsureStates(t, open(t)) })
	t.Run("SaveUnread", func(t *testing.T) { testSaveUnreadStates(t, open(t)) })
	t.Run("CompareAndSet", func(t *testing.T) { testStateVersions(t, open(t)) })
	t.Run("Active", func(t *testing.T) { testActiveStates(t, open(t)) })
	t.Run("Due", func(t *testing.T) { testDueStates(t, open(t)) })
	t.Run("Filter", func(t *testing.T) { testStateFilter(t, open(t)) })
	t.Run("Refused", func(t *testing.T) { testRefusedStates(t, open(t)) })
	t.Run("Concurrent", func(t *testing.T) { testConcurrentStates(t, open(t)) })
}

// testEnsureStates: EnsureAlertStates makes a plain ok, inactive row of
// version 0 for each country that has none, and only for those: a
// country given again keeps its row. None of them is active.
func testEnsureStates(t *testing.T, db store.Store) {
	ensureStates(t, db, 7, "PH", "ID")
	ensureStates(t, db, 8, "TH")
	ensureStates(t, db, 9)
	before := statesByCountry(t, db, 7)
	ensureStates(t, db, 7, "ID", "VN", "PH")
	for infoType, want := range map[int][]string{7: {"ID", "PH", "VN"}, 8: {"TH"}, 9: nil} {
		got, err := db.StateCountries(ctx, infoType)
		slices.Sort(got)
		if err != nil || !slices.Equal(got, want) {
			t.Fatalf("countries of scene %d: %q %v, want %q", infoType, got, err, want)
		}
	}
	for country, s := range statesByCountry(t, db, 7) {
		want := store.AlertState{ID: s.ID, InfoType: 7, CountryNo: country, State: store.StateOK, UpdateTime: s.UpdateTime}
		if d := stateDiff(s, want); d != nil {
			t.Fatalf("the row made for 7/%s is not plain ok: %s", country, strings.Join(d, "; "))
		}
		if b, ok := before[country]; ok && b.ID != s.ID {
			t.Fatalf("7/%s made again: id %d, was %d", country, s.ID, b.ID)
		}
	}
	for _, types := range [][]int{nil, {7, 8}} {
		if active, err := db.ActiveAlertStates(ctx, types); err != nil || len(active) != 0 {
			t.Fatalf("active rows of %v after EnsureAlertStates: %+v %v", types, active, err)
		}
	}
}

// testSaveUnreadStates: a state never read (ID 0) is written when its row
// is missing or inactive, every field as given, active, at version 1; the
// same again while the row is active is a conflict and changes nothing.
func testSaveUnreadStates(t *testing.T, db store.Store) {
	ensureStates(t, db, 7, "ID")
	states := []store.AlertState{fullState(7, "PH"), fullState(7, "ID")} // PH has no row, ID a plain ok one
	if c := saveStates(t, db, states...); len(c) != 0 {
		t.Fatalf("saving unread states: conflicts %v", c)
	}
	for _, want := range states {
		if want.Version != 1 {
			t.Fatalf("the caller's 7/%s has version %d after the save, want 1", want.CountryNo, want.Version)
		}
		got := readState(t, db, 7, want.CountryNo)
		if got.ID == 0 || got.UpdateTime == nil {
			t.Fatalf("7/%s read back without id or update time: %+v", want.CountryNo, got)
		}
		want.ID, want.UpdateTime = got.ID, got.UpdateTime
		if d := stateDiff(got, want); d != nil {
			t.Fatalf("7/%s read back differs: %s", want.CountryNo, strings.Join(d, "; "))
		}
	}
	before := readState(t, db, 7, "PH")
	again := []store.AlertState{fullState(7, "PH")}
	again[0].State, again[0].BadWindows, again[0].Reason = store.StateResolved, 99, new("another engine")
	if c := saveStates(t, db, again...); !slices.Equal(c, []int{0}) || again[0].Version != 0 {
		t.Fatalf("an unread state over an active row: conflicts %v, caller's version %d, want [0] and 0", c, again[0].Version)
	}
	if d := stateDiff(readState(t, db, 7, "PH"), before); d != nil {
		t.Fatalf("a conflicting save changed the row: %s", strings.Join(d, "; "))
	}
}

// testStateVersions: a state read before is written only on the version
// it was read at: a stale version is a conflict, the current one is
// written (version one more); in a batch only the conflicting index is
// returned and only the others are written.
func testStateVersions(t *testing.T, db store.Store) {
	saveStates(t, db, fullState(7, "PH"), fullState(7, "ID"))
	read := readState(t, db, 7, "PH")
	stale := []store.AlertState{read}
	stale[0].Version, stale[0].BadWindows = read.Version-1, 10
	if c := saveStates(t, db, stale...); !slices.Equal(c, []int{0}) || stale[0].Version != read.Version-1 {
		t.Fatalf("a stale version: conflicts %v, caller's version %d", c, stale[0].Version)
	}
	if got := readState(t, db, 7, "PH"); got.BadWindows != read.BadWindows || got.Version != read.Version {
		t.Fatalf("a stale save was written: bad windows %d version %d", got.BadWindows, got.Version)
	}
	current := []store.AlertState{read}
	current[0].BadWindows = 4
	if c := saveStates(t, db, current...); len(c) != 0 || current[0].Version != read.Version+1 {
		t.Fatalf("the current version: conflicts %v, caller's version %d", c, current[0].Version)
	}
	if got := readState(t, db, 7, "PH"); got.BadWindows != 4 || got.Version != read.Version+1 {
		t.Fatalf("after the save: bad windows %d version %d", got.BadWindows, got.Version)
	}
	good := readState(t, db, 7, "ID")
	good.GoodWindows = 7
	read.BadWindows = 11 // read's version is stale now
	batch := []store.AlertState{good, read}
	if c := saveStates(t, db, batch...); !slices.Equal(c, []int{1}) {
		t.Fatalf("a batch of a good and a stale state: conflicts %v, want [1]", c)
	}
	if batch[0].Version != good.Version+1 || batch[1].Version != read.Version {
		t.Fatalf("caller's versions after the batch: %d %d, want %d %d", batch[0].Version, batch[1].Version, good.Version+1, read.Version)
	}
	if got := readState(t, db, 7, "ID"); got.GoodWindows != 7 || got.Version != good.Version+1 {
		t.Fatalf("the good state of the batch: good windows %d version %d", got.GoodWindows, got.Version)
	}
	if got := readState(t, db, 7, "PH"); got.BadWindows != 4 || got.Version != current[0].Version {
		t.Fatalf("the stale state of the batch was written: bad windows %d version %d", got.BadWindows, got.Version)
	}
}

// testActiveStates: ActiveAlertStates returns the active rows of the
// scenes asked for, all scenes when none is named, never an inactive row.
func testActiveStates(t *testing.T, db store.Store) {
	ensureStates(t, db, 7, "ID")
	ensureStates(t, db, 8, "ID")
	resolved := fullState(8, "MY")
	resolved.State, resolved.Active = store.StateResolved, false
	saveStates(t, db, fullState(7, "PH"), fullState(8, "TH"), fullState(9, "VN"), resolved)
	for _, c := range []struct {
		types []int
		want  string
	}{{[]int{7, 8}, "7/PH 8/TH"}, {[]int{9}, "9/VN"}, {[]int{10}, ""}, {nil, "7/PH 8/TH 9/VN"}, {[]int{}, "7/PH 8/TH 9/VN"}} {
		got, err := db.ActiveAlertStates(ctx, c.types)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range got {
			if !s.Active {
				t.Fatalf("ActiveAlertStates(%v) returned the inactive %d/%s", c.types, s.InfoType, s.CountryNo)
			}
		}
		if keys := stateKeys(got, true); keys != c.want {
			t.Fatalf("ActiveAlertStates(%v): %q, want %q", c.types, keys, c.want)
		}
	}
}

// testDueStates: DueAlertStates returns the active rows whose NextDue has
// come (not after now), earliest first, at most limit; never a row
// without NextDue, due later, or inactive.
func testDueStates(t *testing.T, db store.Store) {
	due := func(country string, next *time.Time, active bool) store.AlertState {
		s := fullState(7, country)
		s.NextDue, s.Active = next, active
		if !active {
			s.State = store.StateResolved
		}
		return s
	}
	saveStates(t, db, due("A", new(t0.Add(time.Minute)), true), due("C", new(t0), true), due("B", new(t0.Add(-time.Minute)), true),
		due("E", new(t0.Add(time.Hour)), true), due("N", nil, true), due("I", new(t0.Add(-2*time.Minute)), false))
	for _, c := range []struct {
		now   time.Time
		limit int
		want  string
	}{{t0, 10, "7/B 7/C"}, {t0.Add(time.Minute), 2, "7/B 7/C"}, {t0.Add(time.Minute), 10, "7/B 7/C 7/A"},
		{t0.Add(-5 * time.Minute), 10, ""}, {t0.Add(2 * time.Hour), 1, "7/B"}} {
		got, err := db.DueAlertStates(ctx, c.now, c.limit)
		if err != nil {
			t.Fatal(err)
		}
		if keys := stateKeys(got, false); keys != c.want {
			t.Fatalf("DueAlertStates(%s, %d): %q, want %q (in NextDue order)", c.now.Format(time.RFC3339), c.limit, keys, c.want)
		}
	}
}

// testStateFilter: AlertStates pages by id (AfterID, Limit: every row
// once, ids rising, pages no longer than Limit) and selects by scene,
// country and state.
func testStateFilter(t *testing.T, db store.Store) {
	ensureStates(t, db, 7, "C1", "C2", "C3", "C4", "C5")
	ensureStates(t, db, 8, "C1", "C2")
	firing, pending, nodata := fullState(7, "C2"), fullState(7, "C4"), fullState(8, "C1")
	pending.State, nodata.State = store.StatePending, store.StateNoData
	saveStates(t, db, firing, pending, nodata)
	for _, c := range []struct {
		f    store.StateFilter
		want string
	}{
		{store.StateFilter{InfoType: new(7)}, "7/C1 7/C2 7/C3 7/C4 7/C5"},
		{store.StateFilter{}, "7/C1 7/C2 7/C3 7/C4 7/C5 8/C1 8/C2"},
		{store.StateFilter{CountryNo: "C1"}, "7/C1 8/C1"},
		{store.StateFilter{InfoType: new(8), CountryNo: "C2"}, "8/C2"},
		{store.StateFilter{States: []store.StateName{store.StateFiring, store.StateNoData}}, "7/C2 8/C1"},
		{store.StateFilter{InfoType: new(7), States: []store.StateName{store.StatePending, store.StateFiring}}, "7/C2 7/C4"},
		{store.StateFilter{InfoType: new(7), States: []store.StateName{store.StateOK}}, "7/C1 7/C3 7/C5"},
		{store.StateFilter{InfoType: new(9)}, ""},
	} {
		for _, limit := range []int{0, 1, 2} {
			c.f.Limit = limit
			if got := stateKeys(allStatePages(t, db, c.f), true); got != c.want {
				t.Fatalf("AlertStates(%+v), all pages: %q, want %q", c.f, got, c.want)
			}
		}
	}
}

// allStatePages reads every page of f from AfterID 0, checking that ids
// rise and that no page is longer than f.Limit (500 when 0).
func allStatePages(t *testing.T, db store.Store, f store.StateFilter) []store.AlertState {
	t.Helper()
	limit := f.Limit
	if limit <= 0 {
		limit = 500
	}
	var all []store.AlertState
	for f.AfterID = 0; ; {
		page, err := db.AlertStates(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		if len(page) > limit {
			t.Fatalf("AlertStates(%+v): %d rows", f, len(page))
		}
		for _, s := range page {
			if s.ID <= f.AfterID {
				t.Fatalf("AlertStates(%+v): id %d after id %d", f, s.ID, f.AfterID)
			}
			f.AfterID = s.ID
		}
		all = append(all, page...)
		if len(page) < limit {
			return all
		}
	}
}

// testRefusedStates: a state whose country (1 to 32 characters) or
// acknowledger (64) does not fit is refused with a *store.ValidationError
// naming the column, and nothing of its batch is written; values at the
// limits, counted in characters, are written.
func testRefusedStates(t *testing.T, db store.Store) {
	ackBy := fullState(7, "ID")
	ackBy.AckBy = new(strings.Repeat("值", 65))
	for column, bad := range map[string]store.AlertState{"country_no": fullState(7, strings.Repeat("C", 33)),
		"ack_by": ackBy} {
		batch := []store.AlertState{fullState(7, "PH"), bad}
		conflicts, err := db.SaveAlertStates(ctx, batch)
		wantValidation(t, err, "yujing_alert_state", column)
		if conflicts != nil || batch[0].Version != 0 {
			t.Fatalf("a refused batch: conflicts %v, caller's version %d", conflicts, batch[0].Version)
		}
	}
	_, err := db.SaveAlertStates(ctx, []store.AlertState{fullState(7, "")})
	wantValidation(t, err, "yujing_alert_state", "country_no")
	if all := allStatePages(t, db, store.StateFilter{}); len(all) != 0 {
		t.Fatalf("refused batches wrote %q", stateKeys(all, true))
	}
	edge := fullState(7, strings.Repeat("国", 32))
	edge.AckBy = new(strings.Repeat("值", 64))
	saveStates(t, db, edge)
	got := readState(t, db, 7, edge.CountryNo)
	edge.ID, edge.Version, edge.UpdateTime = got.ID, 1, got.UpdateTime
	if d := stateDiff(got, edge); d != nil {
		t.Fatalf("a state at the limits read back differs: %s", strings.Join(d, "; "))
	}
}

// testConcurrentStates: 8 writers each read the row and save one more bad
// window on the version they read, again until their save is not a
// conflict: no update is lost (8 more bad windows, 8 more versions).
func testConcurrentStates(t *testing.T, db store.Store) {
	seed := fullState(7, "PH")
	seed.BadWindows = 0
	saveStates(t, db, seed)
	initial := readState(t, db, 7, "PH")
	var conflicts atomic.Int64
	var wg sync.WaitGroup
	start := make(chan struct{})
	for w := range 8 {
		wg.Go(func() {
			<-start
			for range 1000 {
				got, err := db.AlertStates(ctx, store.StateFilter{InfoType: new(7), CountryNo: "PH"})
				if err != nil || len(got) != 1 {
					t.Errorf("writer %d: read %d rows %v", w, len(got), err)
					return
				}
				s := got[0]
				s.BadWindows++
				s.Reason = new(fmt.Sprintf("writer %d", w))
				c, err := db.SaveAlertStates(ctx, []store.AlertState{s})
				if err != nil {
					t.Errorf("writer %d: %v", w, err)
					return
				}
				if len(c) == 0 {
					return
				}
				conflicts.Add(1)
			}
			t.Errorf("writer %d: a conflict 1000 times", w)
		})
	}
	close(start)
	wg.Wait()
	final := readState(t, db, 7, "PH")
	if final.BadWindows != 8 || final.Version != initial.Version+8 {
		t.Fatalf("after 8 writers: bad windows %d, version %d (was %d); %d conflicts", final.BadWindows, final.Version, initial.Version,
			conflicts.Load())
	}
	t.Logf("8 writers, %d conflicts", conflicts.Load())
}

// fullState is an active firing state of the scene and country with every
// field set (times whole seconds, UTC), as never read: ID and Version 0.
func fullState(infoType int, country string) store.AlertState {
	return store.AlertState{InfoType: infoType, CountryNo: country, State: store.StateFiring, Active: true, RuleNo: new("RL-1"),
		Since: new(t0.Add(-20 * time.Minute)), FiringSince: new(t0.Add(-10 * time.Minute)), LastWindowEnd: new(t0),
		LastRecord: new("RC0000000000000001"), LastKind: store.KindRepeat, BadWindows: 3, GoodWindows: 1, EmptyWindows: 2,
		LastNotified: new(t0.Add(-5 * time.Minute)), NotifyCount: 2, EscalationLevel: 1, EscalatedAt: new(t0.Add(-3 * time.Minute)),
		NextDue: new(t0.Add(time.Hour)), AckBy: new("值班 ops@example.com"), AckAt: new(t0.Add(-time.Minute)),
		AckUntil: new(t0.Add(2 * time.Hour)), LastSlNo: new("SL0000000000000001"), Reason: new("repeat interval 1h0m0s not reached; 重复")}
}

// ensureStates makes the scene's plain rows, failing the test on an error.
func ensureStates(t *testing.T, db store.Store, infoType int, countries ...string) {
	t.Helper()
	if err := db.EnsureAlertStates(ctx, infoType, countries); err != nil {
		t.Fatal(err)
	}
}

// saveStates saves the states, failing the test on an error, and returns
// the conflicts; the caller's states (a slice given with ...) are updated.
func saveStates(t *testing.T, db store.Store, states ...store.AlertState) []int {
	t.Helper()
	conflicts, err := db.SaveAlertStates(ctx, states)
	if err != nil {
		t.Fatal(err)
	}
	return conflicts
}

// readState reads the row of the scene and country, which must exist.
func readState(t *testing.T, db store.Store, infoType int, country string) store.AlertState {
	t.Helper()
	got, err := db.AlertStates(ctx, store.StateFilter{InfoType: &infoType, CountryNo: country})
	if err != nil || len(got) != 1 {
		t.Fatalf("the state of %d/%s: %d rows %v", infoType, country, len(got), err)
	}
	return got[0]
}

// statesByCountry reads the rows of the scene by country.
func statesByCountry(t *testing.T, db store.Store, infoType int) map[string]store.AlertState {
	t.Helper()
	out := map[string]store.AlertState{}
	for _, s := range allStatePages(t, db, store.StateFilter{InfoType: &infoType}) {
		out[s.CountryNo] = s
	}
	return out
}

// stateKeys lists the states as "scene/country", sorted when sorted is
// true, else in their order.
func stateKeys(states []store.AlertState, sorted bool) string {
	keys := make([]string, len(states))
	for i, s := range states {
		keys[i] = fmt.Sprintf("%d/%s", s.InfoType, s.CountryNo)
	}
	if sorted {
		slices.Sort(keys)
	}
	return strings.Join(keys, " ")
}

// stateDiff names the fields in which got differs from want, times
// compared as instants (and read back in UTC); nil when none.
func stateDiff(got, want store.AlertState) []string {
	g, w := reflect.ValueOf(got), reflect.ValueOf(want)
	var out []string
	for i := range g.NumField() {
		name, a, b := g.Type().Field(i).Name, g.Field(i).Interface(), w.Field(i).Interface()
		if ta, ok := a.(*time.Time); ok {
			tb := b.(*time.Time)
			if (ta == nil) != (tb == nil) || ta != nil && (!ta.Equal(*tb) || ta.Location() != time.UTC) {
				out = append(out, fmt.Sprintf("%s %s, want %s", name, showValue(ta), showValue(tb)))
			}
			continue
		}
		if !reflect.DeepEqual(a, b) {
			out = append(out, fmt.Sprintf("%s %s, want %s", name, showValue(a), showValue(b)))
		}
	}
	return out
}

// showValue shows a field's value, a pointer as what it points to.
func showValue(v any) string {
	switch p := v.(type) {
	case *time.Time:
		if p == nil {
			return "nil"
		}
		return p.String()
	case *string:
		if p == nil {
			return "nil"
		}
		return fmt.Sprintf("%q", *p)
	}
	return fmt.Sprintf("%v", v)
}
