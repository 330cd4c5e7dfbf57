package store

import (
	"context"
	"fmt"
	"time"

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
// ordered by claim_until then id (NULLs, the never-claimed rows, first).
//
// A row is free when claim_until is NULL or not after Now. On SQLite it is
// one UPDATE … RETURNING; on MySQL one UPDATE … ORDER BY … LIMIT, which the
// (status, claim_until) index serves without a sort, followed by a SELECT of
// the rows carrying the claim's unique owner token. Concurrent claimers never
// get the same row: InnoDB's row locks (or SQLite's single writer) serialise
// the UPDATEs, and each re-checks the claim columns it waited for.
func (db *DB) claim(ctx context.Context, m *mapping, c ClaimRequest, where string, args []any, dst any) error {
	until := normTime(c.Now.Add(c.Lease))
	cond := where + " AND (`claim_until` IS NULL OR `claim_until` <= ?)"
	qargs := append(append([]any{c.Owner, until}, args...), c.Now, c.Limit)
	return db.retry(ctx, func() error {
		if db.dialect == dialectSQLite {
			q := "UPDATE " + m.spec.name + " SET `claim_owner` = ?, `claim_until` = ? WHERE `id` IN (SELECT `id` FROM " +
				m.spec.name + " WHERE " + cond + " ORDER BY `claim_until`, `id` LIMIT ?) RETURNING " + m.list
			if err := db.x.SelectContext(ctx, dst, q, qargs...); err != nil {
				return fmt.Errorf("claim %s: %w", m.spec.name, err)
			}
			return nil
		}
		q := "UPDATE " + m.spec.name + " SET `claim_owner` = ?, `claim_until` = ? WHERE " + cond +
			" ORDER BY `claim_until`, `id` LIMIT ?"
		res, err := db.x.ExecContext(ctx, q, qargs...)
		if err != nil {
			return fmt.Errorf("claim %s: %w", m.spec.name, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return nil
		}
		return db.selectRows(ctx, db.x, m, dst, "WHERE `claim_owner` = ? ORDER BY `claim_until`, `id`", c.Owner)
	})
}
