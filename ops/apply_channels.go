package ops

import (
	"context"
	"sort"
	"strings"

	"github.com/yujing-go/yujing/store"
)

// Channels (monitor_channel and its enabled monitor_channel_detail rows)
// and routings (monitor_routing).

func (p *planner) channelKind() kind[channelRow] {
	return kind[channelRow]{section: "channels", table: "monitor_channel",
		code:      func(c *channelRow) string { return deref(c.ChannelNo) },
		status:    func(c *channelRow) *store.ConfigStatus { return c.Status },
		setStatus: func(c *channelRow, s store.ConfigStatus) { c.Status = &s },
		owner:     func(c *channelRow) string { return c.ApplyOwner() },
		fields:    channelFields,
		list: func(ctx context.Context, c *store.Config) ([]channelRow, error) {
			chs, err := c.ListChannels(ctx, store.Filter{})
			out := make([]channelRow, len(chs))
			for i, ch := range chs {
				out[i] = channelRow{Channel: ch}
			}
			return out, err
		},
		load: func(ctx context.Context, c *store.Config, row *channelRow) error {
			ds, err := c.ChannelDetails(ctx, deref(row.ChannelNo))
			row.details = map[string]string{}
			for _, d := range ds {
				if statusOf(d.Status) == store.ConfigEnabled && d.DataKey != nil {
					row.details[*d.DataKey] = deref(d.DataValue)
				}
			}
			return err
		},
		create: func(ctx context.Context, c *store.Config, row *channelRow) error {
			_, err := c.CreateChannel(ctx, row.Channel, row.detailRows())
			return err
		},
		update:      updateChannel,
		writeStatus: (*store.Config).SetChannelStatus,
		duplicate: func(ctx context.Context, c *store.Config, r *channelRow) error {
			return c.CheckDuplicateChannel(ctx, r.Channel, r.detailRows())
		},
	}
}

// updateChannel writes the details, then the channel's row, each only
// when it changed.
func updateChannel(ctx context.Context, c *store.Config, old, row *channelRow) error {
	if !sameDetails(old.details, row.details) {
		if err := c.SetChannelDetails(ctx, deref(row.ChannelNo), row.detailRows()); err != nil {
			return err
		}
	}
	o, n := *old, *row
	o.details, n.details = nil, nil
	if len(diff(channelFields(&o), channelFields(&n))) == 0 {
		return nil
	}
	_, err := c.UpdateChannel(ctx, row.Channel)
	return err
}

func sameDetails(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

// detailRows are the channel's details as rows, by key.
func (c *channelRow) detailRows() []store.ChannelDetail {
	keys := make([]string, 0, len(c.details))
	for k := range c.details {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := make([]store.ChannelDetail, len(keys))
	for i, k := range keys {
		out[i] = store.ChannelDetail{DataKey: &keys[i], DataValue: new(c.details[k])}
	}
	return out
}

func (p *planner) channelWants() []want[channelRow] {
	const table = "monitor_channel"
	var out []want[channelRow]
	for i, fc := range p.file.Channels {
		if p.skip["channels"][i] {
			continue
		}
		out = append(out, want[channelRow]{index: i, code: fc.ChannelNo, enabled: enabled(fc.Enabled),
			onto: func(c *channelRow) error {
				typ, err := parseChannelType(fc.Type)
				if err != nil {
					return invalidf(table, "type", "%v", err)
				}
				sort, err := parseSort(fc.Sort)
				if err != nil {
					return invalidf(table, "sort", "%v", err)
				}
				if c.ID != 0 && c.Type != nil && *c.Type != typ {
					return invalidf(table, "type", "the stored channel is of type %s, the file says %s: a channel's type is not changed "+
						"(its details would fit neither); give the new channel a new channel_no (--prune disables the old one)",
						channelTypeName(int(*c.Type)), channelTypeName(int(typ)))
				}
				c.ChannelNo, c.ChannelName, c.Type, c.Sort, c.Remark = &fc.ChannelNo, fc.Name, &typ, sort, fc.Remark
				c.SetApplyOwner(p.owner)
				c.details, c.secret = map[string]string{}, map[string]bool{}
				for k, d := range fc.Details {
					c.details[k], c.secret[k] = d.Value, d.secret
				}
				return nil
			},
			check: func(c *channelRow) error {
				return firstErr(need(table, "type", strings.TrimSpace(fc.Type) != ""), lengths(table, &c.Channel), detailLengths(c.details),
					engineCheck(table, "type", func(ch store.Channel) error { return p.v.Channel(ch, c.detailRows()) }, c.Channel))
			},
		})
	}
	return out
}

// detailLengths refuses a key or value longer than its column; the error
// names the key, never the value.
func detailLengths(details map[string]string) error {
	const table = "monitor_channel_detail"
	for k, v := range details {
		if limit, n := store.ColumnLimit(table, "data_key"), len([]rune(k)); n > limit {
			return invalidf(table, "data_key", "key of %d characters, at most %d", n, limit)
		}
		if limit, n := store.ColumnLimit(table, "data_value"), len([]rune(v)); n > limit {
			return invalidf(table, "data_value", "detail %s: %d characters, at most %d (split it over %s.2, %s.3…)", k, n, limit, k, k)
		}
	}
	return nil
}

func (p *planner) routingKind() kind[store.Routing] {
	return kind[store.Routing]{section: "routings", table: "monitor_routing",
		code:      func(r *store.Routing) string { return r.RoutingNo },
		status:    func(r *store.Routing) *store.ConfigStatus { return r.Status },
		setStatus: func(r *store.Routing, s store.ConfigStatus) { r.Status = &s },
		owner:     (*store.Routing).ApplyOwner,
		fields:    routingFields,
		list: func(ctx context.Context, c *store.Config) ([]store.Routing, error) {
			return c.ListRoutings(ctx, store.Filter{})
		},
		create: func(ctx context.Context, c *store.Config, r *store.Routing) error {
			_, err := c.CreateRouting(ctx, *r)
			return err
		},
		update: func(ctx context.Context, c *store.Config, _, r *store.Routing) error {
			_, err := c.UpdateRouting(ctx, *r)
			return err
		},
		writeStatus: (*store.Config).SetRoutingStatus,
		duplicate:   func(ctx context.Context, c *store.Config, r *store.Routing) error { return c.CheckDuplicate(ctx, r) },
	}
}

func (p *planner) routingWants() []want[store.Routing] {
	const table = "monitor_routing"
	var out []want[store.Routing]
	for i, fr := range p.file.Routings {
		if p.skip["routings"][i] {
			continue
		}
		out = append(out, want[store.Routing]{index: i, code: fr.RoutingNo, enabled: enabled(fr.Enabled),
			onto: func(r *store.Routing) error {
				sort, err := parseSort(fr.Sort)
				if err != nil {
					return invalidf(table, "sort", "%v", err)
				}
				if r.ChannelNo == nil || *r.ChannelNo != fr.ChannelNo {
					r.ChannelName = nil // the store copies the channel's name
				}
				r.RoutingNo, r.CountryNo, r.CountryName, r.InfoType, r.ChannelNo, r.Sort = fr.RoutingNo, fr.CountryNo, fr.CountryName, fr.InfoType, nonEmpty(fr.ChannelNo), sort
				r.Param1, r.Param2, r.Param3 = nil, nil, nil
				if e := fr.Escalation; e != nil {
					r.Param1, r.Param2, r.Param3 = new(e.Level), e.RepeatSeconds, e.DelaySeconds
				}
				r.SetApplyOwner(p.owner)
				return nil
			},
			check: func(r *store.Routing) error {
				return firstErr(p.scene(table, r.InfoType), checkCountry(table, fr.CountryNo), need(table, "country_name", fr.CountryName != ""),
					p.ref(table, "channel_no", "channels", fr.ChannelNo), lengths(table, r))
			},
		})
	}
	return out
}
