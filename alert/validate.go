package alert

import (
	"github.com/yujing-go/yujing/channel"
	"github.com/yujing-go/yujing/rule"
	"github.com/yujing-go/yujing/store"
)

// Validation returns the checks that keep invalid configuration out of the
// database: a rule's CEL expression and threshold compile (with the
// engine's host functions), a template's placeholders are known and its
// schedule parses, a channel's details build a sender. Pass it to
// store.Config (or use Engine.Config).
func (e *Engine) Validation() store.Validation {
	return store.Validation{
		Rule: func(r store.Rule) error {
			return e.rules.Validate(rule.Rule{No: str(r.RuleNo), Code: str(r.FunCode), Desc: str(r.FunDesc), Threshold: str(r.ThresholdVal)})
		},
		Template: e.validateTemplate,
		Channel: func(ch store.Channel, details []store.ChannelDetail) error {
			spec := channel.Spec{No: str(ch.ChannelNo), Name: str(ch.ChannelName), Type: int(derefType(ch.Type)), Details: map[string]string{}}
			for _, d := range details {
				spec.Details[str(d.DataKey)] = str(d.DataValue)
			}
			_, err := e.channels.Build(spec)
			return err
		},
	}
}

// Config returns db's configuration API with the engine's validation; the
// rows it writes are stamped with the engine's clock.
func (e *Engine) Config(db *store.DB, opts ...store.ConfigOption) *store.Config {
	return db.Clocked(e.now).Config(append([]store.ConfigOption{store.WithValidation(e.Validation())}, opts...)...)
}
