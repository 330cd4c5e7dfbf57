package ops

import (
	"context"

	"github.com/yujing-go/yujing/store"
)

// Rules and rule routes: monitor_rule and monitor_rule_route.

func (p *planner) ruleKind() kind[store.Rule] {
	return kind[store.Rule]{section: "rules", table: "monitor_rule",
		code:      func(r *store.Rule) string { return deref(r.RuleNo) },
		status:    func(r *store.Rule) *store.ConfigStatus { return r.Status },
		setStatus: func(r *store.Rule, s store.ConfigStatus) { r.Status = &s },
		owner:     (*store.Rule).ApplyOwner,
		fields:    ruleFields,
		list: func(ctx context.Context, c *store.Config) ([]store.Rule, error) {
			return c.ListRules(ctx, store.Filter{})
		},
		create: func(ctx context.Context, c *store.Config, r *store.Rule) error {
			_, err := c.CreateRule(ctx, *r)
			return err
		},
		update: func(ctx context.Context, c *store.Config, _, r *store.Rule) error {
			_, err := c.UpdateRule(ctx, *r)
			return err
		},
		writeStatus: (*store.Config).SetRuleStatus,
		duplicate:   func(ctx context.Context, c *store.Config, r *store.Rule) error { return c.CheckDuplicate(ctx, r) },
	}
}

func (p *planner) ruleWants() []want[store.Rule] {
	var out []want[store.Rule]
	for i, fr := range p.file.Rules {
		if p.skip["rules"][i] {
			continue
		}
		out = append(out, want[store.Rule]{index: i, code: fr.RuleNo, enabled: enabled(fr.Enabled),
			onto: func(r *store.Rule) error {
				sort, err := parseSort(fr.Sort)
				if err != nil {
					return invalidf("monitor_rule", "sort", "%v", err)
				}
				r.RuleNo, r.FunCode, r.ThresholdVal, r.FunDesc, r.Sort, r.Remark = &fr.RuleNo, nonEmpty(fr.FunCode), fr.Threshold, fr.Desc, sort, fr.Remark
				r.Param1, r.Param2 = fr.PendingWindows, fr.ResolveWindows
				r.SetApplyOwner(p.owner)
				return nil
			},
			check: func(r *store.Rule) error {
				return firstErr(need("monitor_rule", "fun_code", r.FunCode != nil), lengths("monitor_rule", r),
					engineCheck("monitor_rule", "fun_code", p.v.Rule, *r))
			},
		})
	}
	return out
}

func (p *planner) ruleRouteKind() kind[store.RuleRoute] {
	return kind[store.RuleRoute]{section: "rule_routes", table: "monitor_rule_route",
		code:      func(r *store.RuleRoute) string { return deref(r.BuNo) },
		status:    func(r *store.RuleRoute) *store.ConfigStatus { return r.Status },
		setStatus: func(r *store.RuleRoute, s store.ConfigStatus) { r.Status = &s },
		owner:     (*store.RuleRoute).ApplyOwner,
		fields:    ruleRouteFields,
		list: func(ctx context.Context, c *store.Config) ([]store.RuleRoute, error) {
			return c.ListRuleRoutes(ctx, store.Filter{})
		},
		create: func(ctx context.Context, c *store.Config, r *store.RuleRoute) error {
			_, err := c.CreateRuleRoute(ctx, *r)
			return err
		},
		update: func(ctx context.Context, c *store.Config, _, r *store.RuleRoute) error {
			_, err := c.UpdateRuleRoute(ctx, *r)
			return err
		},
		writeStatus: (*store.Config).SetRuleRouteStatus,
		duplicate:   func(ctx context.Context, c *store.Config, r *store.RuleRoute) error { return c.CheckDuplicate(ctx, r) },
	}
}

func (p *planner) ruleRouteWants() []want[store.RuleRoute] {
	const table = "monitor_rule_route"
	var out []want[store.RuleRoute]
	for i, fr := range p.file.RuleRoutes {
		if p.skip["rule_routes"][i] {
			continue
		}
		out = append(out, want[store.RuleRoute]{index: i, code: fr.BuNo, enabled: enabled(fr.Enabled),
			onto: func(r *store.RuleRoute) error {
				sort, err := parseSort(fr.Sort)
				if err != nil {
					return invalidf(table, "sort", "%v", err)
				}
				r.BuNo, r.InfoType, r.CountryNo, r.RuleNo, r.Sort, r.Remark = &fr.BuNo, fr.InfoType, nonEmpty(fr.CountryNo), nonEmpty(fr.RuleNo), sort, fr.Remark
				r.Param1 = fr.NoDataWindows
				r.SetApplyOwner(p.owner)
				return nil
			},
			check: func(r *store.RuleRoute) error {
				return firstErr(p.scene(table, r.InfoType), checkCountry(table, fr.CountryNo), p.ref(table, "rule_no", "rules", fr.RuleNo),
					lengths(table, r))
			},
		})
	}
	return out
}
