package store

import (
	"context"
	"fmt"

	"github.com/jmoiron/sqlx"
)

// EventConfigChanged is the kind of the audit row every write of the
// configuration API adds (yujing_alert_event): the table and what was done
// in detail, the row's code in ref, the user (AsUser) as actor. Tables
// without create_uid and update_uid (monitor_rule, monitor_rule_route)
// have their author here only.
const EventConfigChanged = "configuration changed"

// changed records a configuration write on ex: it moves the configuration
// version, so that every engine reads the configuration again, and adds
// the audit row naming the user.
func (c *Config) changed(ctx context.Context, ex sqlx.ExecerContext, table, code, what string) error {
	if err := c.db.bumpConfigVersion(ctx, ex); err != nil {
		return err
	}
	e := AlertEvent{EventTime: c.db.clock(), Kind: EventConfigChanged, Ref: nullIfEmpty(code), Detail: new(table + " " + what)}
	if c.uid != "" {
		e.Actor = new(c.uid)
	}
	if err := c.db.addAlertEvents(ctx, ex, []AlertEvent{e}); err != nil {
		return fmt.Errorf("audit %s %s: %w", table, code, err)
	}
	return nil
}
