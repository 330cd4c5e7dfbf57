package store

import (
	"context"
	"fmt"
)

// maxPageRows bounds a page of a configuration list.
const maxPageRows = 500

// RulesPage returns up to limit rules (1 to 500) whose id is above
// afterID, in id order: a bounded page of the rules, for lists that page
// with a keyset (the next page's afterID is the last row's ID).
func (c *Config) RulesPage(ctx context.Context, afterID int64, limit int) ([]Rule, error) {
	var out []Rule
	err := c.page(ctx, c.table(c.db.t.rule), afterID, limit, &out)
	return out, err
}

// TemplatesPage returns up to limit templates (1 to 500) whose id is above
// afterID, in id order, like RulesPage.
func (c *Config) TemplatesPage(ctx context.Context, afterID int64, limit int) ([]Template, error) {
	var out []Template
	err := c.page(ctx, c.table(c.db.t.template), afterID, limit, &out)
	return out, err
}

// page reads one keyset page of a configuration table by its primary key.
func (c *Config) page(ctx context.Context, t configTable, afterID int64, limit int, dst any) error {
	if limit < 1 || limit > maxPageRows {
		return invalid(t.m.spec.name, "id", "a page holds 1 to %d rows, got %d", maxPageRows, limit)
	}
	if err := c.db.selectRows(ctx, c.db.x, t.m, dst, "WHERE `id` > ? ORDER BY `id` LIMIT ?", afterID, limit); err != nil {
		return fmt.Errorf("store: page of %s: %w", t.m.spec.name, err)
	}
	return nil
}
