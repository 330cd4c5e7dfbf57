package store

import "context"

// CheckDuplicate makes the duplicate check that Create… and Update… make
// (see refuseDuplicate), writing nothing: row, a *Rule, *RuleRoute,
// *Routing or *CountryTemplate that is enabled, is refused with the same
// *ValidationError wrapping ErrDuplicate when another enabled row (not the
// row with its own code) has the same values. Other rows have no such
// check: nil. For tools that check many rows before they write any
// (package ops: apply).
func (c *Config) CheckDuplicate(ctx context.Context, row any) error {
	var m *mapping
	switch row.(type) {
	case *Rule:
		m = c.db.t.rule
	case *RuleRoute:
		m = c.db.t.ruleRoute
	case *Routing:
		m = c.db.t.routing
	case *CountryTemplate:
		m = c.db.t.countryTemplate
	default:
		return nil
	}
	return c.refuseDuplicate(ctx, c.db.x, c.table(m), row)
}

// CheckDuplicateChannel makes the duplicate check of CreateChannel and
// SetChannelDetails, writing nothing: an enabled channel with the same
// type and the same enabled details as another enabled channel is refused
// (the error never shows a value).
func (c *Config) CheckDuplicateChannel(ctx context.Context, ch Channel, details []ChannelDetail) error {
	ds, err := c.normalizeDetails(details)
	if err != nil {
		return err
	}
	return c.refuseDuplicateChannel(ctx, c.db.x, ch, ds)
}
