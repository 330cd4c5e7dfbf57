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

// claim takes up to c.Limit free rows of m's table (of type T) matching
// where (with args) and returns them claimed, oldest claim_until first. c
// is normalized by the caller.
//
// A row is free when its claim_until is not after Now. A row whose
// claim_until is NULL is not the library's and is never claimed (see
// "Rows another system wrote" in the package documentation). The rows are
// taken in the order of the (status, claim_until, claim_owner) index, so
// the statement walks the index and stops after a batch, without a sort
// (an index on status alone would make InnoDB lock every candidate):
//
//   - SQLite: one UPDATE … WHERE id IN (SELECT … LIMIT n) RETURNING; SQLite
//     has one writer at a time, so claimers take turns.
//   - MySQL, MariaDB, TiDB: UPDATE … ORDER BY … LIMIT n in autocommit, then
//     a SELECT of the rows with this claim's lease end and owner token (one
//     lookup in the same index). Concurrent claimers queue behind each
//     other's row locks and each re-checks the claim columns it waited for,
//     so no row is handed out twice. Measured here, this is twice as fast
//     as SELECT … FOR UPDATE SKIP LOCKED followed by an UPDATE, even with
//     four claimers (BenchmarkClaim), and it runs on servers without SKIP
//     LOCKED.
func claim[T any](ctx context.Context, db *DB, m *mapping, c ClaimRequest, where string, args ...any) ([]T, error) {
	until := normTime(c.Now.Add(c.Lease))
	// claim_until <= Now, never IS NULL: a row with no claim_until was
	// written by another system and is never worked.
	cond := where + " AND `claim_until` <= ?"
	qargs := append(append(append([]any{c.Owner, until}, args...), c.Now), c.Limit)
	order := " ORDER BY `claim_until`, `claim_owner`, `id` LIMIT ?"
	var out []T
	err := db.retry(ctx, func() error {
		out = out[:0]
		q, returning := db.dialect.claimSQL(m.spec.name, cond, order, m.list)
		if returning {
			return db.x.SelectContext(ctx, &out, q, qargs...)
		}
		res, err := db.x.ExecContext(ctx, q, qargs...)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return nil
		}
		return db.selectRows(ctx, db.x, m, &out, "WHERE "+where+" AND `claim_until` = ? AND `claim_owner` = ? ORDER BY `id`",
			append(append([]any{}, args...), until, c.Owner)...)
	})
	if err != nil {
		return out, fmt.Errorf("claim %s: %w", m.spec.name, db.dialect.notMigrated(err))
	}
	return out, nil
}
