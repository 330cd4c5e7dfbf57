package store

import (
	"context"
	"fmt"
	"reflect"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/yujing-go/yujing/internal/ids"
)

// ClaimRequest asks for a batch of free rows to work on. The rows come back
// claimed by Owner until Now+Lease: no other caller gets them before the
// lease ends, and every completion write must name the same Owner.
type ClaimRequest struct {
	Owner string        // a token unique to this claim; generated when empty
	Now   time.Time     // the caller's clock
	Lease time.Duration // how long the claim holds
	Limit int           // the most rows to claim
}

func (c *ClaimRequest) normalize() error {
	if c.Owner == "" {
		c.Owner = ids.New("CL", c.Now)
	}
	if len(c.Owner) > 64 {
		return fmt.Errorf("claim owner %q is longer than 64 characters", c.Owner)
	}
	if c.Limit <= 0 {
		return fmt.Errorf("claim limit %d: must be positive", c.Limit)
	}
	if c.Lease <= 0 {
		return fmt.Errorf("claim lease %s: must be positive", c.Lease)
	}
	c.Now = normTime(c.Now)
	return nil
}

// claim takes up to c.Limit free rows of m's table matching where (with
// args) and scans them into dst (a pointer to a slice of the table's type),
// claimed, oldest claim_until first (NULL, never claimed, before all).
//
// A row is free when claim_until is NULL or not after Now. Three forms,
// all served by the (status, claim_until) index in order, without a sort:
//
//   - SQLite: one UPDATE … WHERE id IN (SELECT … LIMIT n) RETURNING; SQLite
//     has one writer at a time, so claimers take turns.
//   - MySQL 8 / MariaDB 10.6+: in one short READ COMMITTED transaction,
//     SELECT … ORDER BY … LIMIT n FOR UPDATE SKIP LOCKED, then UPDATE the
//     rows by id: concurrent claimers skip each other's rows instead of
//     waiting for them.
//   - Elsewhere (WithPortableClaims, e.g. TiDB): UPDATE … ORDER BY … LIMIT n
//     in autocommit, then SELECT the rows with this claim's owner token and
//     lease end; claimers queue behind each other's row locks, and each
//     re-checks the claim columns it waited for.
//
// Either way two claimers never get the same row.
func (db *DB) claim(ctx context.Context, m *mapping, c ClaimRequest, where string, args []any, dst any) error {
	until := normTime(c.Now.Add(c.Lease))
	cond := where + " AND (`claim_until` IS NULL OR `claim_until` <= ?)"
	condArgs := append(append([]any{}, args...), c.Now)
	order := " ORDER BY `claim_until`, `id` LIMIT ?"
	err := db.retry(ctx, func() error {
		reflect.ValueOf(dst).Elem().SetLen(0)
		switch {
		case db.dialect == dialectSQLite:
			q := "UPDATE " + m.spec.name + " SET `claim_owner` = ?, `claim_until` = ? WHERE `id` IN (SELECT `id` FROM " +
				m.spec.name + " WHERE " + cond + order + ") RETURNING " + m.list
			return db.x.SelectContext(ctx, dst, q, append(append([]any{c.Owner, until}, condArgs...), c.Limit)...)
		case db.skipLocked:
			return db.inTx(ctx, func(tx *sqlx.Tx) error {
				if err := db.selectRows(ctx, tx, m, dst, "WHERE "+cond+order+" FOR UPDATE SKIP LOCKED", append(condArgs, c.Limit)...); err != nil {
					return err
				}
				ids := rowIDs(dst)
				if len(ids) == 0 {
					return nil
				}
				_, err := tx.ExecContext(ctx, "UPDATE "+m.spec.name+" SET `claim_owner` = ?, `claim_until` = ? WHERE `id` IN ("+
					placeholders(len(ids))+")", append([]any{c.Owner, until}, int64Args(ids)...)...)
				if err == nil {
					markClaimed(m, dst, c.Owner, until)
				}
				return err
			})
		default:
			res, err := db.x.ExecContext(ctx, "UPDATE "+m.spec.name+" SET `claim_owner` = ?, `claim_until` = ? WHERE "+cond+order,
				append(append([]any{c.Owner, until}, condArgs...), c.Limit)...)
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n == 0 {
				return nil
			}
			// The (status, claim_until) index finds the rows of this lease
			// end; the owner token picks this claim's among them.
			return db.selectRows(ctx, db.x, m, dst, "WHERE "+where+" AND `claim_until` = ? AND `claim_owner` = ? ORDER BY `id`",
				append(append([]any{}, args...), until, c.Owner)...)
		}
	})
	if err != nil {
		return fmt.Errorf("claim %s: %w", m.spec.name, err)
	}
	return nil
}

// rowIDs returns the ids of the rows in dst (a pointer to a slice).
func rowIDs(dst any) []int64 {
	v := reflect.ValueOf(dst).Elem()
	out := make([]int64, v.Len())
	for i := range out {
		out[i] = v.Index(i).FieldByName("ID").Int()
	}
	return out
}

// markClaimed sets the claim columns of the rows in dst to what the claim
// wrote.
func markClaimed(m *mapping, dst any, owner string, until time.Time) {
	v := reflect.ValueOf(dst).Elem()
	for i := range v.Len() {
		row := v.Index(i)
		m.field(row, m.byName["claim_owner"]).Set(reflect.ValueOf(&owner))
		m.field(row, m.byName["claim_until"]).Set(reflect.ValueOf(&until))
	}
}
