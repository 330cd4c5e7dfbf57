package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Gauges is what waits in the database at one moment, for metrics that a
// host scrapes (see observe/prometheus): the pending alerts per status,
// the oldest alert that is due and still waiting, the robots a throttling
// answer paused, and the alert states of every scene.
type Gauges struct {
	// SendLogs counts monitor_send_log rows per status (archived rows are
	// in monitor_send_log_hist and not counted).
	SendLogs map[SendStatus]int
	// OldestDue is the expect_send_time of the oldest waiting alert whose
	// slot has come; zero when none is due.
	OldestDue time.Time
	// RobotsPaused counts the robots (yujing_robot) paused until after now.
	RobotsPaused int
	// States counts yujing_alert_state rows per scene and state. Rows of
	// the state ok are not counted (a scene × country without a row is ok
	// too).
	States map[SceneState]int
	// Acknowledged counts firing scene × countries acknowledged until after
	// now; Muted those whose latest message a silence muted.
	Acknowledged, Muted map[int]int
}

// SceneState is a scene (info_type) and a lifecycle state.
type SceneState struct {
	InfoType int
	State    StateName
}

// Gauges reads the gauges at now: four grouped or limited statements,
// each served by an index, whatever the history's size.
func (db *DB) Gauges(ctx context.Context, now time.Time) (Gauges, error) {
	g := Gauges{SendLogs: map[SendStatus]int{}, States: map[SceneState]int{}, Acknowledged: map[int]int{}, Muted: map[int]int{}}
	if err := db.countBy(ctx, "SELECT status, COUNT(*) FROM monitor_send_log WHERE status IS NOT NULL GROUP BY status",
		nil, func(k, n int) { g.SendLogs[SendStatus(k)] = n }); err != nil {
		return g, fmt.Errorf("gauges: send log: %w", err)
	}
	var oldest time.Time
	err := db.x.QueryRowContext(ctx, "SELECT expect_send_time FROM monitor_send_log WHERE status = ? AND expect_send_time <= ? "+
		"ORDER BY expect_send_time LIMIT 1", int(SendWaiting), normTime(now)).Scan(&oldest)
	switch {
	case errors.Is(err, sql.ErrNoRows):
	case err != nil:
		return g, fmt.Errorf("gauges: oldest due alert: %w", err)
	default:
		g.OldestDue = oldest.UTC()
	}
	if err := db.x.QueryRowContext(ctx, "SELECT COUNT(*) FROM yujing_robot WHERE paused_until_ms > ?", now.UnixMilli()).
		Scan(&g.RobotsPaused); err != nil {
		return g, fmt.Errorf("gauges: robots: %w", db.dialect.notMigrated(err))
	}
	if err := db.stateGauges(ctx, now, &g); err != nil {
		return g, fmt.Errorf("gauges: alert states: %w", db.dialect.notMigrated(err))
	}
	return g, nil
}

// stateGauges counts the active alert states per scene and state, and the
// acknowledged and muted ones per scene.
func (db *DB) stateGauges(ctx context.Context, now time.Time, g *Gauges) error {
	rows, err := db.x.QueryContext(ctx, "SELECT info_type, state, COUNT(*), "+
		"SUM(CASE WHEN ack_until > ? THEN 1 ELSE 0 END), SUM(CASE WHEN muted_by IS NOT NULL THEN 1 ELSE 0 END) "+
		"FROM yujing_alert_state WHERE active = 1 GROUP BY info_type, state", normTime(now))
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var infoType, n, acked, muted int
		var state string
		if err := rows.Scan(&infoType, &state, &n, &acked, &muted); err != nil {
			return err
		}
		g.States[SceneState{infoType, StateName(state)}] += n
		g.Acknowledged[infoType] += acked
		g.Muted[infoType] += muted
	}
	return rows.Err()
}

// countBy runs a two-column GROUP BY (key, count) and hands each row to add.
func (db *DB) countBy(ctx context.Context, query string, args []any, add func(key, n int)) error {
	rows, err := db.x.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var k, n int
		if err := rows.Scan(&k, &n); err != nil {
			return err
		}
		add(k, n)
	}
	return rows.Err()
}
