package store

import (
	"context"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
)

// RobotStore keeps each chat robot's send budget where every replica
// meets (table yujing_robot): the earliest moment its next send may start,
// and the end of a pause after a throttling answer. A robot is named by a
// key that holds no secret (its channel type and a hash of its identity).
type RobotStore interface {
	ReserveRobot(ctx context.Context, robot string, now time.Time, spacing, maxWait time.Duration) (RobotSlot, error)
	PauseRobot(ctx context.Context, robot string, until time.Time, reason string) error
	RobotPause(ctx context.Context, robot string) (until time.Time, reason string, err error)
}

// RobotSlot is the answer to a reservation.
type RobotSlot struct {
	// At is when the send may start: now, or later when earlier sends (of
	// any replica) or a pause come first.
	At time.Time
	// Reserved reports whether the slot at At is the caller's. A slot
	// further than maxWait away is not reserved: the caller tries again
	// later, without having spent anyone's budget.
	Reserved bool
	// PausedBy is the reason of the pause that moved At, if one did.
	PausedBy string
}

// ReserveRobot takes the robot's next send slot: the later of now, the
// slot after the last one taken (spacing apart) and the end of a pause.
// It is one short transaction that locks the robot's row, so replicas take
// turns and no two get slots closer than spacing.
func (db *DB) ReserveRobot(ctx context.Context, robot string, now time.Time, spacing, maxWait time.Duration) (RobotSlot, error) {
	var slot RobotSlot
	err := db.robotTx(ctx, robot, func(tx *sqlx.Tx, next, paused int64, reason string) error {
		at := max(now.UnixMilli(), next, paused)
		slot = RobotSlot{At: time.UnixMilli(at).UTC()}
		if paused > now.UnixMilli() && paused >= next {
			slot.PausedBy = reason
		}
		if time.Duration(at-now.UnixMilli())*time.Millisecond > maxWait {
			return nil
		}
		slot.Reserved = true
		_, err := tx.ExecContext(ctx, "UPDATE yujing_robot SET next_ms = ?, update_time = ? WHERE robot = ?",
			at+spacing.Milliseconds(), db.clock(), robot)
		return err
	})
	if err != nil {
		return RobotSlot{}, fmt.Errorf("reserve robot %s: %w", robot, err)
	}
	return slot, nil
}

// PauseRobot stops every send to the robot until until (a later pause
// wins), with the reason (clipped to 512 characters).
func (db *DB) PauseRobot(ctx context.Context, robot string, until time.Time, reason string) error {
	err := db.robotTx(ctx, robot, func(tx *sqlx.Tx, _, paused int64, _ string) error {
		if until.UnixMilli() <= paused {
			return nil
		}
		_, err := tx.ExecContext(ctx, "UPDATE yujing_robot SET paused_until_ms = ?, reason = ?, update_time = ? WHERE robot = ?",
			until.UnixMilli(), clipReason(reason), db.clock(), robot)
		return err
	})
	if err != nil {
		return fmt.Errorf("pause robot %s: %w", robot, err)
	}
	return nil
}

// RobotPause returns until when the robot is paused and why (a zero time
// when it never was).
func (db *DB) RobotPause(ctx context.Context, robot string) (time.Time, string, error) {
	var row []struct {
		Paused int64   `db:"paused_until_ms"`
		Reason *string `db:"reason"`
	}
	if err := db.x.SelectContext(ctx, &row, "SELECT paused_until_ms, reason FROM yujing_robot WHERE robot = ?", robot); err != nil {
		return time.Time{}, "", fmt.Errorf("robot %s: %w", robot, db.dialect.notMigrated(err))
	}
	if len(row) == 0 || row[0].Paused == 0 {
		return time.Time{}, "", nil
	}
	return time.UnixMilli(row[0].Paused).UTC(), str(row[0].Reason), nil
}

// robotTx runs fn in a transaction holding the robot's row locked, with
// its next slot, pause end and pause reason. The row is made the first time
// a robot is seen (inside the transaction): every later send costs the
// locking SELECT and fn's UPDATE only.
func (db *DB) robotTx(ctx context.Context, robot string, fn func(tx *sqlx.Tx, next, paused int64, reason string) error) error {
	err := db.inTx(ctx, func(tx *sqlx.Tx) error {
		var row []struct {
			Next   int64   `db:"next_ms"`
			Paused int64   `db:"paused_until_ms"`
			Reason *string `db:"reason"`
		}
		q := "SELECT next_ms, paused_until_ms, reason FROM yujing_robot WHERE robot = ?" + db.dialect.lockClause()
		if err := tx.SelectContext(ctx, &row, q, robot); err != nil {
			return err
		}
		if len(row) == 0 {
			head, tail := db.dialect.insertIgnore()
			if _, err := tx.ExecContext(ctx, head+"yujing_robot (robot) VALUES (?)"+tail, robot); err != nil {
				return err
			}
			if err := tx.SelectContext(ctx, &row, q, robot); err != nil {
				return err // a conflict (1213 on a multi-primary cluster) is retried with the transaction
			}
			if len(row) == 0 {
				return fmt.Errorf("robot %s: row not made", robot)
			}
		}
		return fn(tx, row[0].Next, row[0].Paused, str(row[0].Reason))
	})
	return db.dialect.notMigrated(err)
}
