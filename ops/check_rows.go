package ops

import (
	"errors"
	"fmt"
	"strings"

	"github.com/yujing-go/yujing/channel"
	"github.com/yujing-go/yujing/store"
)

// The checks of single rows: each with the engine's own Validation.

// checkTemplates reports every problem of every enabled template, per
// column (the engine refuses a save for the first).
func (c *checker) checkTemplates() {
	for _, t := range c.snap.Templates {
		for _, p := range c.engine.TemplateProblems(t) {
			c.add(Finding{Severity: SeverityError, Check: CheckTemplate, Table: "monitor_mod", Code: str(t.ModNo),
				Column: p.Column, Scene: t.InfoType, Message: p.Err.Error()})
		}
	}
}

// checkChannels builds every enabled channel from its enabled details, as
// the send stage does. The engine's errors name keys, never values.
func (c *checker) checkChannels() {
	details := map[string][]store.ChannelDetail{}
	for _, d := range c.snap.ChannelDetails {
		details[str(d.ChannelNo)] = append(details[str(d.ChannelNo)], d)
	}
	check := c.engine.Validation().Channel
	for _, ch := range c.snap.Channels {
		err := check(ch, details[str(ch.ChannelNo)])
		if err == nil {
			continue
		}
		table, column := refusal(err, "monitor_channel_detail", "data_key")
		f := Finding{Severity: SeverityError, Check: CheckChannel, Table: table, Code: str(ch.ChannelNo), Column: column, Message: reason(err)}
		if onlyUnknownKeys(err) {
			f.Severity, f.Check = SeverityWarning, CheckChannelKey
		}
		c.add(f)
	}
}

// onlyUnknownKeys reports whether the engine refused a channel only for
// detail keys its type does not read: it builds, and sends without them.
func onlyUnknownKeys(err error) bool {
	joined, ok := errors.Unwrap(err).(interface{ Unwrap() []error })
	if !ok {
		return false
	}
	for _, e := range joined.Unwrap() {
		ce, ok := errors.AsType[*channel.ConfigError](e)
		if !ok || !strings.HasPrefix(ce.Reason, "unknown key") {
			return false
		}
	}
	return true
}

// checkRules compiles every enabled rule with the engine's CEL
// environment (its host functions included).
func (c *checker) checkRules() {
	check := c.engine.Validation().Rule
	for _, r := range c.snap.Rules {
		err := check(r)
		if err == nil {
			continue
		}
		table, column := refusal(err, "monitor_rule", "fun_code")
		c.add(Finding{Severity: SeverityError, Check: CheckRule, Table: table, Code: str(r.RuleNo), Column: column, Message: reason(err)})
	}
}

// checkScenes reports rows of an info_type the engine has no scene of:
// their alerts would never be collected, or be refused.
func (c *checker) checkScenes() {
	if len(c.engine.KnownScenes()) == 0 {
		if len(c.snap.Templates)+len(c.snap.CountryTemplates)+len(c.snap.Routings)+len(c.snap.RuleRoutes) == 0 {
			return
		}
		c.add(Finding{Severity: SeverityWarning, Check: CheckNoScenes, Column: "info_type",
			Message: "the engine knows no scene, so no row's info_type is checked: run the check with the host's scenes " +
				"(cli.WithEngineOptions(alert.WithScenes(…)), alert.WithFireTypes)"})
		return
	}
	check := c.engine.Validation().Scene
	add := func(table, code string, infoType *int) {
		if infoType == nil {
			return
		}
		if err := check(*infoType); err != nil {
			c.add(Finding{Severity: SeverityError, Check: CheckUnknownScene, Table: table, Code: code, Column: "info_type",
				Scene: infoType, Message: err.Error()})
		}
	}
	for _, t := range c.snap.Templates {
		add("monitor_mod", str(t.ModNo), t.InfoType)
	}
	for _, m := range c.snap.CountryTemplates {
		add("monitor_country_mod", str(m.BuNo), m.InfoType)
	}
	for _, r := range c.snap.Routings {
		add("monitor_routing", r.RoutingNo, r.InfoType)
	}
	for _, r := range c.snap.RuleRoutes {
		add("monitor_rule_route", str(r.BuNo), r.InfoType)
	}
}

// checkTargets reports rows that name a template, channel or rule that is
// not enabled: the engine skips them.
func (c *checker) checkTargets() {
	templates, channels, rules := map[string]bool{}, map[string]bool{}, map[string]bool{}
	for _, t := range c.snap.Templates {
		templates[str(t.ModNo)] = true
	}
	for _, ch := range c.snap.Channels {
		channels[str(ch.ChannelNo)] = true
	}
	for _, r := range c.snap.Rules {
		rules[str(r.RuleNo)] = true
	}
	missing := func(table, code, column, what, target string, scene *int, country string) {
		c.add(Finding{Severity: SeverityWarning, Check: CheckDisabledTarget, Table: table, Code: code, Column: column, Scene: scene,
			Country: country, Message: fmt.Sprintf("names %s %s, which is not enabled (or does not exist): the engine skips this row", what, target)})
	}
	for _, m := range c.snap.CountryTemplates {
		if !templates[str(m.ModNo)] {
			missing("monitor_country_mod", str(m.BuNo), "mod_no", "template", str(m.ModNo), m.InfoType, str(m.CountryNo))
		}
	}
	for _, r := range c.snap.Routings {
		if !channels[str(r.ChannelNo)] {
			missing("monitor_routing", r.RoutingNo, "channel_no", "channel", str(r.ChannelNo), r.InfoType, r.CountryNo)
		}
	}
	for _, r := range c.snap.RuleRoutes {
		if !rules[str(r.RuleNo)] {
			missing("monitor_rule_route", str(r.BuNo), "rule_no", "rule", str(r.RuleNo), r.InfoType, str(r.CountryNo))
		}
	}
}

// refusal returns the table and column a Validation error names, else
// the defaults.
func refusal(err error, table, column string) (string, string) {
	if ve, ok := errors.AsType[*store.ValidationError](err); ok {
		return ve.Table, ve.Column
	}
	return table, column
}

// reason is an error's text without the "store: table.column: " prefix
// of a ValidationError (the finding names them).
func reason(err error) string {
	if ve, ok := errors.AsType[*store.ValidationError](err); ok {
		return ve.Reason
	}
	return err.Error()
}
