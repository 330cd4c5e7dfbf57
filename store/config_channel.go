package store

import (
	"context"
	"fmt"
	"maps"
	"strings"

	"github.com/jmoiron/sqlx"
)

// CreateChannel creates a channel and its enabled details in one
// transaction: both are written or neither is. The channel's code is
// generated when empty; each detail's channel_no is set to it. A channel
// with the same type and the same details as an enabled channel is
// refused: route to that channel instead.
func (c *Config) CreateChannel(ctx context.Context, ch Channel, details []ChannelDetail) (Channel, error) {
	details, err := c.normalizeDetails(details)
	if err != nil {
		return Channel{}, err
	}
	t := c.table(c.db.t.channel)
	err = c.db.inTx(ctx, func(tx *sqlx.Tx) error {
		if err := c.create(ctx, tx, t, &ch, func() error { return c.checkChannel(ctx, tx, ch, details) }); err != nil {
			return err
		}
		return c.writeDetails(ctx, tx, *ch.ChannelNo, details)
	})
	if err != nil {
		return Channel{}, err
	}
	return ch, nil
}

// checkChannel checks a channel with the enabled details it will have.
func (c *Config) checkChannel(ctx context.Context, q sqlx.QueryerContext, ch Channel, details []ChannelDetail) error {
	if ch.Type != nil && *ch.Type < 0 {
		return invalid(tableChannel, "type", "%d is not a channel type", *ch.Type)
	}
	if c.v.Channel != nil {
		if err := refused(tableChannelDetail, "data_key", c.v.Channel(ch, details)); err != nil {
			return err
		}
	}
	return c.refuseDuplicateChannel(ctx, q, ch, details)
}

// UpdateChannel overwrites the channel with ch.ChannelNo (its details are
// unchanged; see SetChannelDetails).
func (c *Config) UpdateChannel(ctx context.Context, ch Channel) (Channel, error) {
	t := c.table(c.db.t.channel)
	err := c.update(ctx, t, &ch, func() error {
		details, err := c.ChannelDetails(ctx, *ch.ChannelNo)
		if err != nil {
			return err
		}
		return c.checkChannel(ctx, c.db.x, ch, enabledDetails(details))
	})
	return ch, err
}

// SetChannelStatus enables, disables or voids a channel. Enabling a
// channel with the same type and details as an enabled one is refused.
func (c *Config) SetChannelStatus(ctx context.Context, channelNo string, s ConfigStatus) error {
	if s == ConfigEnabled {
		ch, err := c.GetChannel(ctx, channelNo)
		if err != nil {
			return err
		}
		details, err := c.ChannelDetails(ctx, channelNo)
		if err != nil {
			return err
		}
		ch.Status = new(ConfigEnabled)
		if err := c.refuseDuplicateChannel(ctx, c.db.x, ch, enabledDetails(details)); err != nil {
			return err
		}
	}
	return c.setStatus(ctx, c.table(c.db.t.channel), channelNo, s)
}

// GetChannel returns the channel with the code.
func (c *Config) GetChannel(ctx context.Context, channelNo string) (Channel, error) {
	var ch Channel
	err := c.get(ctx, c.db.x, c.table(c.db.t.channel), channelNo, &ch)
	return ch, err
}

// ListChannels returns the channels matching f, larger sort first.
func (c *Config) ListChannels(ctx context.Context, f Filter) ([]Channel, error) {
	var out []Channel
	err := c.list(ctx, c.table(c.db.t.channel), f, &out)
	return out, err
}

// ChannelDetails returns every detail row of a channel, whatever its status.
func (c *Config) ChannelDetails(ctx context.Context, channelNo string) ([]ChannelDetail, error) {
	var out []ChannelDetail
	err := c.db.selectRows(ctx, c.db.x, c.db.t.channelDetail, &out, "WHERE `channel_no` = ? ORDER BY `data_key`, `status`", channelNo)
	return out, c.db.dialect.notMigrated(err)
}

func enabledDetails(ds []ChannelDetail) []ChannelDetail {
	var out []ChannelDetail
	for _, d := range ds {
		if d.Status == nil || *d.Status == ConfigEnabled {
			out = append(out, d)
		}
	}
	return out
}

// SetChannelDetails makes details the channel's enabled key/value rows, in
// one transaction: a key already enabled gets the new value, a new key is
// inserted, an enabled key not in details is deleted. Disabled and voided
// rows are kept. Keys must be unique and non-empty; values are at most 128
// characters (split longer ones over several keys as package channel
// documents).
func (c *Config) SetChannelDetails(ctx context.Context, channelNo string, details []ChannelDetail) error {
	ch, err := c.GetChannel(ctx, channelNo)
	if err != nil {
		return err
	}
	if details, err = c.normalizeDetails(details); err != nil {
		return err
	}
	if err := c.checkChannel(ctx, c.db.x, ch, details); err != nil {
		return err
	}
	return c.db.inTx(ctx, func(tx *sqlx.Tx) error {
		if err := c.writeDetails(ctx, tx, channelNo, details); err != nil {
			return err
		}
		return c.changed(ctx, tx, "monitor_channel_detail", channelNo, "details set")
	})
}

// normalizeDetails checks detail rows (key and value present and fitting
// their columns, keys unique; channel keys are case-insensitive, so "URL"
// and "url" are one key) and returns a copy with trimmed keys, enabled.
func (c *Config) normalizeDetails(details []ChannelDetail) ([]ChannelDetail, error) {
	m := c.db.t.channelDetail
	out := make([]ChannelDetail, len(details))
	seen := map[string]string{}
	for i, d := range details {
		if err := firstErr(required(tableChannelDetail, "data_key", d.DataKey), required(tableChannelDetail, "data_value", d.DataValue)); err != nil {
			return nil, fmt.Errorf("detail %d: %w", i, err)
		}
		k := strings.TrimSpace(*d.DataKey)
		if prev, ok := seen[strings.ToLower(k)]; ok {
			if prev == k {
				return nil, invalid(tableChannelDetail, "data_key", "%q appears twice", k)
			}
			return nil, invalid(tableChannelDetail, "data_key", "%q and %q are the same key (keys are case-insensitive)", prev, k)
		}
		seen[strings.ToLower(k)] = k
		d.DataKey, d.Status = &k, new(ConfigEnabled)
		for _, col := range []string{"data_key", "data_value", "data_remark"} {
			if _, err := m.value(&m.spec.cols[m.byName[col]], fieldOf(m, &d, col)); err != nil {
				return nil, fmt.Errorf("detail %q: %w", k, err)
			}
		}
		out[i] = d
	}
	return out, nil
}

// refuseDuplicateChannel refuses ch, when it is enabled and has details,
// if another enabled channel has the same type and the same enabled
// details (keys compared without case, values trimmed): the same
// destination twice. The error names that channel; it never shows a value.
func (c *Config) refuseDuplicateChannel(ctx context.Context, q sqlx.QueryerContext, ch Channel, details []ChannelDetail) error {
	if len(details) == 0 || (ch.Status != nil && *ch.Status != ConfigEnabled) {
		return nil
	}
	typ, self := 0, str(ch.ChannelNo)
	if ch.Type != nil {
		typ = int(*ch.Type)
	}
	var rows []struct {
		ChannelNo string  `db:"channel_no"`
		Key       *string `db:"data_key"`
		Value     *string `db:"data_value"`
	}
	query := "SELECT d.`channel_no`, d.`data_key`, d.`data_value` FROM " + tableChannelDetail + " d JOIN " + tableChannel +
		" c ON c.`channel_no` = d.`channel_no` WHERE d.`status` = ? AND c.`status` = ? AND COALESCE(c.`type`, 0) = ? AND c.`channel_no` <> ?" +
		" ORDER BY c.`id`, d.`id`"
	if err := sqlx.SelectContext(ctx, q, &rows, query, int(ConfigEnabled), int(ConfigEnabled), typ, self); err != nil {
		return fmt.Errorf("look for a duplicate channel: %w", c.db.dialect.notMigrated(err))
	}
	others := map[string]map[string]string{}
	var order []string
	for _, r := range rows {
		if others[r.ChannelNo] == nil {
			others[r.ChannelNo] = map[string]string{}
			order = append(order, r.ChannelNo)
		}
		others[r.ChannelNo][detailKey(r.Key)] = strings.TrimSpace(str(r.Value))
	}
	mine := map[string]string{}
	for _, d := range details {
		mine[detailKey(d.DataKey)] = strings.TrimSpace(str(d.DataValue))
	}
	for _, no := range order {
		if maps.Equal(mine, others[no]) {
			return &ValidationError{Table: tableChannelDetail, Column: "data_value", Err: ErrDuplicate,
				Reason: fmt.Sprintf("the enabled channel channel_no %s has the same type and details; route to it instead of adding another", no)}
		}
	}
	return nil
}

func detailKey(k *string) string { return strings.ToLower(strings.TrimSpace(str(k))) }

func str(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

// writeDetails replaces the channel's enabled detail rows inside tx.
func (c *Config) writeDetails(ctx context.Context, tx *sqlx.Tx, channelNo string, details []ChannelDetail) error {
	now := c.db.clock()
	m := c.db.t.channelDetail
	var current []ChannelDetail
	if err := c.db.selectRows(ctx, tx, m, &current, "WHERE `channel_no` = ? AND `status` = ?", channelNo, int(ConfigEnabled)); err != nil {
		return err
	}
	have := map[string]ChannelDetail{}
	for _, d := range current {
		if d.DataKey != nil {
			have[*d.DataKey] = d
		}
	}
	var fresh []ChannelDetail
	for _, d := range details {
		d.ChannelNo = &channelNo
		old, ok := have[*d.DataKey]
		if !ok {
			d.CreateUID, d.UpdateUID, d.CreateTime, d.UpdateTime = &c.uid, &c.uid, &now, &now
			fresh = append(fresh, d)
			continue
		}
		delete(have, *d.DataKey)
		val, err := m.value(&m.spec.cols[m.byName["data_value"]], fieldOf(m, &d, "data_value"))
		if err != nil {
			return err
		}
		rem, err := m.value(&m.spec.cols[m.byName["data_remark"]], fieldOf(m, &d, "data_remark"))
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "UPDATE "+tableChannelDetail+" SET `data_value` = ?, `data_remark` = ?, "+
			"`update_uid` = ?, `update_time` = ? WHERE `id` = ?", val, rem, c.uid, now, old.ID); err != nil {
			return fmt.Errorf("update detail %s: %w", *d.DataKey, err)
		}
	}
	for key, old := range have {
		if _, err := tx.ExecContext(ctx, "DELETE FROM "+tableChannelDetail+" WHERE `id` = ?", old.ID); err != nil {
			return fmt.Errorf("remove detail %s: %w", key, err)
		}
	}
	if _, err := c.db.insert(ctx, tx, m, &fresh, false); err != nil {
		return fmt.Errorf("write details: %w", err)
	}
	return nil
}
