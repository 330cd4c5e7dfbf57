package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/yujing-go/yujing/store"
)

// testGauges checks the metrics' snapshot: send-log rows per status, the
// oldest due alert (a waiting one whose slot is still ahead does not
// count), the robots paused until after now, and the active states per
// scene with the acknowledged and muted ones.
func testGauges(t *testing.T, open OpenDB) {
	ctx := context.Background()
	now := time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
	db := open(t, store.WithClock(func() time.Time { return now }))

	empty, err := db.Gauges(ctx, now)
	if err != nil {
		t.Fatalf("Gauges on an empty database: %v", err)
	}
	if len(empty.SendLogs) != 0 || !empty.OldestDue.IsZero() || empty.RobotsPaused != 0 || len(empty.States) != 0 {
		t.Fatalf("empty database: %+v", empty)
	}

	x := db.SQL()
	exec := func(q string, args ...any) {
		t.Helper()
		if _, err := x.ExecContext(ctx, x.Rebind(q), args...); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	for i, r := range []struct {
		status int
		due    time.Time
	}{
		{0, now.Add(-10 * time.Minute)}, {0, now.Add(-3 * time.Minute)}, {0, now.Add(time.Hour)},
		{1, now.Add(-time.Hour)}, {2, now.Add(-2 * time.Hour)}, {3, now.Add(-30 * time.Minute)},
	} {
		exec("INSERT INTO monitor_send_log (sl_no, country_no, info_type, expect_send_time, status) VALUES (?, ?, ?, ?, ?)",
			"SL-G"+string(rune('A'+i)), "C"+string(rune('A'+i)), 1, r.due, r.status)
	}
	exec("INSERT INTO yujing_robot (robot, next_ms, paused_until_ms) VALUES (?, 0, ?), (?, 0, ?)",
		"wecom:a", now.Add(time.Minute).UnixMilli(), "wecom:b", now.Add(-time.Minute).UnixMilli())
	for _, s := range []struct {
		infoType int
		country  string
		state    string
		active   int
		ackUntil any
		mutedBy  any
	}{
		{1, "PH", "firing", 1, now.Add(time.Hour), nil},
		{1, "ID", "firing", 1, now.Add(-time.Hour), "SIL-1"},
		{1, "TH", "pending", 1, nil, nil},
		{2, "PH", "nodata", 1, nil, nil},
		{2, "ID", "resolved", 0, nil, nil},
	} {
		exec("INSERT INTO yujing_alert_state (info_type, country_no, state, active, ack_until, muted_by) VALUES (?, ?, ?, ?, ?, ?)",
			s.infoType, s.country, s.state, s.active, s.ackUntil, s.mutedBy)
	}

	g, err := db.Gauges(ctx, now)
	if err != nil {
		t.Fatalf("Gauges: %v", err)
	}
	wantLogs := map[store.SendStatus]int{store.SendWaiting: 3, store.SendSent: 1, store.SendFailed: 1, store.SendMuted: 1}
	for s, n := range wantLogs {
		if g.SendLogs[s] != n {
			t.Errorf("send logs of status %d: %d, want %d (all: %v)", s, g.SendLogs[s], n, g.SendLogs)
		}
	}
	if want := now.Add(-10 * time.Minute); !g.OldestDue.Equal(want) {
		t.Errorf("oldest due %s, want %s (the waiting row due in an hour is not due)", g.OldestDue, want)
	}
	if g.RobotsPaused != 1 {
		t.Errorf("robots paused %d, want 1 (one pause has ended)", g.RobotsPaused)
	}
	wantStates := map[store.SceneState]int{{1, store.StateFiring}: 2, {1, store.StatePending}: 1, {2, store.StateNoData}: 1}
	if len(g.States) != len(wantStates) {
		t.Errorf("states %v, want %v (the inactive resolved row is not counted)", g.States, wantStates)
	}
	for k, n := range wantStates {
		if g.States[k] != n {
			t.Errorf("states %v: %d, want %d", k, g.States[k], n)
		}
	}
	if g.Acknowledged[1] != 1 || g.Muted[1] != 1 || g.Acknowledged[2] != 0 {
		t.Errorf("acknowledged %v muted %v, want scene 1: 1 acknowledged (the other's ack ended), 1 muted", g.Acknowledged, g.Muted)
	}
}
