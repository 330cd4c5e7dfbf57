package store

import (
	"context"
)

// CreateRule creates a rule. fun_code is required; the engine's Validation
// compiles it with its threshold, so no invalid rule is stored. A rule with
// the same fun_code and threshold_val as an enabled rule is refused: route
// that rule instead.
func (c *Config) CreateRule(ctx context.Context, r Rule) (Rule, error) {
	err := c.create(ctx, c.db.x, c.table(c.db.t.rule), &r, func() error { return c.checkRule(r) })
	return r, err
}

// UpdateRule overwrites the rule with r.RuleNo.
func (c *Config) UpdateRule(ctx context.Context, r Rule) (Rule, error) {
	err := c.update(ctx, c.table(c.db.t.rule), &r, func() error { return c.checkRule(r) })
	return r, err
}

func (c *Config) checkRule(r Rule) error {
	if err := firstErr(required(tableRule, "fun_code", r.FunCode), positive(tableRule, "param1", "the pending windows", r.Param1),
		positive(tableRule, "param2", "the resolve windows", r.Param2)); err != nil {
		return err
	}
	// Lengths first, so that an over-long expression is refused as such.
	m := c.db.t.rule
	for _, col := range []string{"fun_code", "fun_desc", "threshold_val"} {
		i := m.byName[col]
		if _, err := m.value(&m.spec.cols[i], fieldOf(m, &r, col)); err != nil {
			return err
		}
	}
	if c.v.Rule != nil {
		return refused(tableRule, "fun_code", c.v.Rule(r))
	}
	return nil
}

// SetRuleStatus enables, disables or voids a rule.
func (c *Config) SetRuleStatus(ctx context.Context, ruleNo string, s ConfigStatus) error {
	return c.setStatus(ctx, c.table(c.db.t.rule), ruleNo, s)
}

// GetRule returns the rule with the code.
func (c *Config) GetRule(ctx context.Context, ruleNo string) (Rule, error) {
	var r Rule
	err := c.get(ctx, c.db.x, c.table(c.db.t.rule), ruleNo, &r)
	return r, err
}

// ListRules returns the rules matching f (by status; rules have no scene or
// country, their routes do), larger sort first.
func (c *Config) ListRules(ctx context.Context, f Filter) ([]Rule, error) {
	var out []Rule
	err := c.list(ctx, c.table(c.db.t.rule), f, &out)
	return out, err
}

// CreateRuleRoute applies a rule to a scene in a country (country_no "*"
// for every country). The rule must exist, the scene must be one the
// engine knows, and no enabled route may already apply the same rule to
// the same scene and country.
func (c *Config) CreateRuleRoute(ctx context.Context, r RuleRoute) (RuleRoute, error) {
	err := c.create(ctx, c.db.x, c.table(c.db.t.ruleRoute), &r, func() error { return c.checkRuleRoute(ctx, r) })
	return r, err
}

// UpdateRuleRoute overwrites the route with r.BuNo.
func (c *Config) UpdateRuleRoute(ctx context.Context, r RuleRoute) (RuleRoute, error) {
	err := c.update(ctx, c.table(c.db.t.ruleRoute), &r, func() error { return c.checkRuleRoute(ctx, r) })
	return r, err
}

func (c *Config) checkRuleRoute(ctx context.Context, r RuleRoute) error {
	if err := firstErr(required(tableRuleRoute, "info_type", r.InfoType), required(tableRuleRoute, "country_no", r.CountryNo),
		required(tableRuleRoute, "rule_no", r.RuleNo)); err != nil {
		return err
	}
	if err := firstErr(checkCountry(tableRuleRoute, *r.CountryNo), c.checkScene(tableRuleRoute, *r.InfoType),
		notNegative(tableRuleRoute, "param1", "the no-data windows", r.Param1)); err != nil {
		return err
	}
	if _, err := c.GetRule(ctx, *r.RuleNo); err != nil {
		return invalid(tableRuleRoute, "rule_no", "rule %q: %v", *r.RuleNo, err)
	}
	return nil
}

// SetRuleRouteStatus enables, disables or voids a rule route.
func (c *Config) SetRuleRouteStatus(ctx context.Context, buNo string, s ConfigStatus) error {
	return c.setStatus(ctx, c.table(c.db.t.ruleRoute), buNo, s)
}

// GetRuleRoute returns the rule route with the code.
func (c *Config) GetRuleRoute(ctx context.Context, buNo string) (RuleRoute, error) {
	var r RuleRoute
	err := c.get(ctx, c.db.x, c.table(c.db.t.ruleRoute), buNo, &r)
	return r, err
}

// ListRuleRoutes returns the rule routes matching f; filtering by country
// also returns the routes for every country ("*").
func (c *Config) ListRuleRoutes(ctx context.Context, f Filter) ([]RuleRoute, error) {
	var out []RuleRoute
	err := c.list(ctx, c.table(c.db.t.ruleRoute), f, &out)
	return out, err
}

// notNegative refuses a reserved number column below 0.
func notNegative(table, col, what string, v *int) error {
	if v != nil && *v < 0 {
		return invalid(table, col, "%s must be 0 or more, got %d", what, *v)
	}
	return nil
}

// positive refuses a reserved number column below 1 (NULL is the default).
func positive(table, col, what string, v *int) error {
	if v != nil && *v < 1 {
		return invalid(table, col, "%s must be 1 or more, got %d", what, *v)
	}
	return nil
}
