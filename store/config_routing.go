package store

import (
	"context"
)

// CreateRouting routes alerts of a scene in a country to a channel. The
// channel must exist (channel_name is copied from it when empty), the
// scene must be one the engine knows, and no enabled routing may already
// route the same scene and country to the same channel.
func (c *Config) CreateRouting(ctx context.Context, r Routing) (Routing, error) {
	t := c.table(c.db.t.routing)
	err := c.create(ctx, c.db.x, t, &r, func() error { return c.checkRouting(ctx, &r) })
	return r, err
}

// UpdateRouting overwrites the routing with r.RoutingNo.
func (c *Config) UpdateRouting(ctx context.Context, r Routing) (Routing, error) {
	err := c.update(ctx, c.table(c.db.t.routing), &r, func() error { return c.checkRouting(ctx, &r) })
	return r, err
}

func (c *Config) checkRouting(ctx context.Context, r *Routing) error {
	if err := firstErr(required(tableRouting, "country_no", r.CountryNo), required(tableRouting, "country_name", r.CountryName),
		required(tableRouting, "info_type", r.InfoType), required(tableRouting, "channel_no", r.ChannelNo)); err != nil {
		return err
	}
	if err := firstErr(checkCountry(tableRouting, r.CountryNo), c.checkScene(tableRouting, *r.InfoType),
		notNegative(tableRouting, "param1", "the escalation level", r.Param1), notNegative(tableRouting, "param2", "the escalation repeat (seconds)", r.Param2),
		notNegative(tableRouting, "param3", "the escalation delay (seconds)", r.Param3)); err != nil {
		return err
	}
	ch, err := c.GetChannel(ctx, *r.ChannelNo)
	if err != nil {
		return invalid(tableRouting, "channel_no", "channel %q: %v", *r.ChannelNo, err)
	}
	if r.ChannelName == nil {
		r.ChannelName = ch.ChannelName
	}
	return nil
}

// SetRoutingStatus enables, disables or voids a routing.
func (c *Config) SetRoutingStatus(ctx context.Context, routingNo string, s ConfigStatus) error {
	return c.setStatus(ctx, c.table(c.db.t.routing), routingNo, s)
}

// GetRouting returns the routing with the code.
func (c *Config) GetRouting(ctx context.Context, routingNo string) (Routing, error) {
	var r Routing
	err := c.get(ctx, c.db.x, c.table(c.db.t.routing), routingNo, &r)
	return r, err
}

// ListRoutings returns the routings matching f, larger sort first.
func (c *Config) ListRoutings(ctx context.Context, f Filter) ([]Routing, error) {
	var out []Routing
	err := c.list(ctx, c.table(c.db.t.routing), f, &out)
	return out, err
}

// CreateTemplate creates a message template (monitor_mod). It needs
// info_type (a scene the engine knows), a valid send_type and at least one
// of content and content_chinese; the engine's Validation checks the
// placeholders, the schedule (param4) and the slot (param3).
func (c *Config) CreateTemplate(ctx context.Context, m Template) (Template, error) {
	err := c.create(ctx, c.db.x, c.table(c.db.t.template), &m, func() error { return c.checkTemplate(m) })
	return m, err
}

// UpdateTemplate overwrites the template with m.ModNo.
func (c *Config) UpdateTemplate(ctx context.Context, m Template) (Template, error) {
	err := c.update(ctx, c.table(c.db.t.template), &m, func() error { return c.checkTemplate(m) })
	return m, err
}

func (c *Config) checkTemplate(m Template) error {
	if err := firstErr(required(tableTemplate, "info_type", m.InfoType), required(tableTemplate, "send_type", m.SendType)); err != nil {
		return err
	}
	if !m.SendType.Valid() {
		return invalid(tableTemplate, "send_type", "%d is not 1 (realtime) or 2 (scheduled)", *m.SendType)
	}
	if required(tableTemplate, "content", m.Content) != nil && required(tableTemplate, "content_chinese", m.ContentChinese) != nil {
		return invalid(tableTemplate, "content", "content or content_chinese is required")
	}
	if err := c.checkScene(tableTemplate, *m.InfoType); err != nil {
		return err
	}
	if c.v.Template != nil {
		return refused(tableTemplate, "content", c.v.Template(m))
	}
	return nil
}

// SetTemplateStatus enables, disables or voids a template.
func (c *Config) SetTemplateStatus(ctx context.Context, modNo string, s ConfigStatus) error {
	return c.setStatus(ctx, c.table(c.db.t.template), modNo, s)
}

// GetTemplate returns the template with the code.
func (c *Config) GetTemplate(ctx context.Context, modNo string) (Template, error) {
	var m Template
	err := c.get(ctx, c.db.x, c.table(c.db.t.template), modNo, &m)
	return m, err
}

// ListTemplates returns the templates matching f.
func (c *Config) ListTemplates(ctx context.Context, f Filter) ([]Template, error) {
	var out []Template
	err := c.list(ctx, c.table(c.db.t.template), f, &out)
	return out, err
}

// CreateCountryTemplate maps a scene in a country to a template, which
// must exist and be for the same scene (one the engine knows). No enabled
// mapping may already map the same scene and country to the same template.
func (c *Config) CreateCountryTemplate(ctx context.Context, m CountryTemplate) (CountryTemplate, error) {
	err := c.create(ctx, c.db.x, c.table(c.db.t.countryTemplate), &m, func() error { return c.checkCountryTemplate(ctx, m) })
	return m, err
}

// UpdateCountryTemplate overwrites the mapping with m.BuNo.
func (c *Config) UpdateCountryTemplate(ctx context.Context, m CountryTemplate) (CountryTemplate, error) {
	err := c.update(ctx, c.table(c.db.t.countryTemplate), &m, func() error { return c.checkCountryTemplate(ctx, m) })
	return m, err
}

func (c *Config) checkCountryTemplate(ctx context.Context, m CountryTemplate) error {
	if err := firstErr(required(tableCountryTemplate, "country_no", m.CountryNo), required(tableCountryTemplate, "mod_no", m.ModNo),
		required(tableCountryTemplate, "info_type", m.InfoType)); err != nil {
		return err
	}
	if err := firstErr(checkCountry(tableCountryTemplate, *m.CountryNo), c.checkScene(tableCountryTemplate, *m.InfoType)); err != nil {
		return err
	}
	tpl, err := c.GetTemplate(ctx, *m.ModNo)
	if err != nil {
		return invalid(tableCountryTemplate, "mod_no", "template %q: %v", *m.ModNo, err)
	}
	if tpl.InfoType != nil && *tpl.InfoType != *m.InfoType {
		return invalid(tableCountryTemplate, "info_type", "%d, but template %s is for info_type %d", *m.InfoType, *m.ModNo, *tpl.InfoType)
	}
	return nil
}

// SetCountryTemplateStatus enables, disables or voids a mapping.
func (c *Config) SetCountryTemplateStatus(ctx context.Context, buNo string, s ConfigStatus) error {
	return c.setStatus(ctx, c.table(c.db.t.countryTemplate), buNo, s)
}

// GetCountryTemplate returns the mapping with the code.
func (c *Config) GetCountryTemplate(ctx context.Context, buNo string) (CountryTemplate, error) {
	var m CountryTemplate
	err := c.get(ctx, c.db.x, c.table(c.db.t.countryTemplate), buNo, &m)
	return m, err
}

// ListCountryTemplates returns the mappings matching f.
func (c *Config) ListCountryTemplates(ctx context.Context, f Filter) ([]CountryTemplate, error) {
	var out []CountryTemplate
	err := c.list(ctx, c.table(c.db.t.countryTemplate), f, &out)
	return out, err
}

// checkScene runs the Validation's scene check on the info_type of a row
// of table.
func (c *Config) checkScene(table string, infoType int) error {
	if c.v.Scene == nil {
		return nil
	}
	return refused(table, "info_type", c.v.Scene(infoType))
}
