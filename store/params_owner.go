package store

// The owner of a configuration row written by a declarative apply (package
// ops, yujing apply): param5 of monitor_rule, monitor_rule_route,
// monitor_mod, monitor_country_mod, monitor_channel and monitor_routing
// (varchar(32) on each, 64 on monitor_channel; unused by the seed and by
// the engine). NULL for a row no apply wrote. An apply with --prune
// disables only the rows of its own owner that its file no longer names.

// ApplyOwner is monitor_rule.param5: the owner of the apply that last
// wrote the rule ("" when none did).
func (r *Rule) ApplyOwner() string { return str(r.Param5) }

// SetApplyOwner sets monitor_rule.param5 (see Rule.ApplyOwner).
func (r *Rule) SetApplyOwner(owner string) { r.Param5 = nullIfEmpty(owner) }

// ApplyOwner is monitor_rule_route.param5 (see Rule.ApplyOwner).
func (r *RuleRoute) ApplyOwner() string { return str(r.Param5) }

// SetApplyOwner sets monitor_rule_route.param5 (see Rule.ApplyOwner).
func (r *RuleRoute) SetApplyOwner(owner string) { r.Param5 = nullIfEmpty(owner) }

// ApplyOwner is monitor_mod.param5 (see Rule.ApplyOwner).
func (t *Template) ApplyOwner() string { return str(t.Param5) }

// SetApplyOwner sets monitor_mod.param5 (see Rule.ApplyOwner).
func (t *Template) SetApplyOwner(owner string) { t.Param5 = nullIfEmpty(owner) }

// ApplyOwner is monitor_country_mod.param5 (see Rule.ApplyOwner).
func (m *CountryTemplate) ApplyOwner() string { return str(m.Param5) }

// SetApplyOwner sets monitor_country_mod.param5 (see Rule.ApplyOwner).
func (m *CountryTemplate) SetApplyOwner(owner string) { m.Param5 = nullIfEmpty(owner) }

// ApplyOwner is monitor_channel.param5 (see Rule.ApplyOwner).
func (c *Channel) ApplyOwner() string { return str(c.Param5) }

// SetApplyOwner sets monitor_channel.param5 (see Rule.ApplyOwner).
func (c *Channel) SetApplyOwner(owner string) { c.Param5 = nullIfEmpty(owner) }

// ApplyOwner is monitor_routing.param5 (see Rule.ApplyOwner).
func (r *Routing) ApplyOwner() string { return str(r.Param5) }

// SetApplyOwner sets monitor_routing.param5 (see Rule.ApplyOwner).
func (r *Routing) SetApplyOwner(owner string) { r.Param5 = nullIfEmpty(owner) }
