package alert

import (
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/yujing-go/yujing/alert/template"
	"github.com/yujing-go/yujing/channel"
	"github.com/yujing-go/yujing/internal/suggest"
	"github.com/yujing-go/yujing/recurring"
	"github.com/yujing-go/yujing/rule"
	"github.com/yujing-go/yujing/store"
)

// Config returns db's configuration API with the engine's checks: the way
// to write configuration. Every refusal is a *store.ValidationError naming
// table and column:
//
//	cfg := engine.Config(db, store.AsUser("ops-42"))
//	_, err := cfg.CreateRule(ctx, store.Rule{FunCode: new("rate < threshold"), ThresholdVal: new("0.9")})
//
// The rows it writes are stamped with the engine's clock (WithClock).
// (store.DB.UncheckedConfig skips these checks.)
func (e *Engine) Config(db *store.DB, opts ...store.ConfigOption) *store.Config {
	return store.NewConfig(db.Clocked(e.now), e.Validation(), opts...)
}

// Validation returns the checks that keep invalid configuration out of the
// database, each refusal a *store.ValidationError naming table and column:
//
//   - a rule's CEL expression and threshold compile (with the engine's host
//     functions): monitor_rule.fun_code or threshold_val;
//   - a template's placeholders are known, its schedule (param4) parses and
//     its slot (param3) is positive: monitor_mod.<column>;
//   - a channel's details build a sender and hold no key its type does not
//     read (a typo such as "timout" would be ignored at send time):
//     monitor_channel_detail.data_key or data_value;
//   - the info_type of a template, routing, rule route or country template
//     is a scene of this engine (WithScenes, WithReportScenes,
//     WithFireTypes): <table>.info_type.
//
// Engine.Config passes it to store.NewConfig.
func (e *Engine) Validation() store.Validation {
	return store.Validation{
		Rule:     e.checkRule,
		Template: e.checkTemplate,
		Channel:  e.checkChannel,
		Scene:    e.checkScene,
		Silence:  checkSilence,
	}
}

// checkRule compiles a rule as the engine would evaluate it.
func (e *Engine) checkRule(r store.Rule) error {
	err := e.rules.Validate(rule.Rule{No: str(r.RuleNo), Code: str(r.FunCode), Desc: str(r.FunDesc), Threshold: str(r.ThresholdVal)})
	if err == nil {
		return nil
	}
	return &store.ValidationError{Table: "monitor_rule", Column: rule.Field(err), Reason: err.Error(), Err: err}
}

// checkTemplate checks a template before it is stored, naming the column
// at fault.
func (e *Engine) checkTemplate(tpl store.Template) error {
	if col, err := templateProblem(tpl); err != nil {
		return &store.ValidationError{Table: "monitor_mod", Column: col, Reason: err.Error(), Err: err}
	}
	if p := e.ackLinkProblem(tpl); p != nil {
		return &store.ValidationError{Table: "monitor_mod", Column: p.Column, Reason: p.Err.Error(), Err: p.Err}
	}
	return nil
}

// ackLinkProblem refuses {ack_link} in a message text of an engine
// without ack links (the first such column, in the order of
// TemplateTexts), nil when there is none.
func (e *Engine) ackLinkProblem(tpl store.Template) *TemplateProblem {
	if e.acks != nil {
		return nil
	}
	for _, f := range TemplateTexts(tpl) {
		if f.Column == "title" || f.Column == "param6" || !strings.Contains(f.Text, "{ack_link}") {
			continue
		}
		err := errors.New("{ack_link} needs the engine's alert.WithAckLinks (a signer for the links, served by ack.NewHandler)")
		return &TemplateProblem{Column: f.Column, Err: err}
	}
	return nil
}

// templateProblem returns the first problem of a template and its column:
// a text or title that does not parse or names an unknown placeholder, a
// schedule (param4) that is not cron, a slot (param3) that is not a
// positive number of seconds.
func templateProblem(tpl store.Template) (column string, err error) {
	if ps := templateProblems(tpl); len(ps) > 0 {
		return ps[0].Column, ps[0].Err
	}
	return "", nil
}

// templateProblems returns every problem of a template, one per column at
// most, in the order templateProblem checks them.
func templateProblems(tpl store.Template) []TemplateProblem {
	var out []TemplateProblem
	for _, f := range TemplateTexts(tpl) {
		if f.Text == "" {
			continue
		}
		t, err := template.Parse(f.Text)
		if err == nil {
			err = template.Check(t.Names())
		}
		if err != nil {
			out = append(out, TemplateProblem{Column: f.Column, Err: err})
		}
	}
	if spec := strings.TrimSpace(tpl.Schedule()); spec != "" {
		if _, err := parseSchedule(spec); err != nil {
			out = append(out, TemplateProblem{Column: "param4", Err: err})
		}
	}
	if n, ok := tpl.SlotSeconds(); ok && n <= 0 {
		out = append(out, TemplateProblem{Column: "param3", Err: errors.New("the realtime slot must be a positive number of seconds, got " + strconv.Itoa(n))})
	}
	if tpl.Param2 != nil && *tpl.Param2 < 0 {
		out = append(out, TemplateProblem{Column: "param2", Err: errors.New("the repeat interval must be 0 (every slot) or a number of seconds, got " + strconv.Itoa(*tpl.Param2))})
	}
	return out
}

// checkChannel builds the channel's sender from its details, refusing a
// detail key its type does not read. Errors name keys, never values.
func (e *Engine) checkChannel(ch store.Channel, details []store.ChannelDetail) error {
	spec := channel.Spec{No: str(ch.ChannelNo), Name: str(ch.ChannelName), Type: int(derefType(ch.Type)), Details: map[string]string{}}
	for _, d := range details {
		spec.Details[str(d.DataKey)] = str(d.DataValue)
	}
	b, err := e.channels.Build(spec)
	if err != nil {
		return channelRefusal(err)
	}
	if len(b.UnknownKeys) == 0 {
		return nil
	}
	errs := make([]error, len(b.UnknownKeys))
	texts := make([]string, len(b.UnknownKeys))
	for i, k := range b.UnknownKeys {
		reason := "unknown key: a " + b.TypeName + " channel does not read it"
		if s := suggest.Closest(k, b.KnownKeys); s != "" {
			reason += fmt.Sprintf(" (did you mean %q?)", s)
		}
		errs[i] = &channel.ConfigError{Channel: spec.Label(), Type: b.TypeName, Key: k, Reason: reason}
		texts[i] = errs[i].Error()
	}
	return &store.ValidationError{Table: "monitor_channel_detail", Column: "data_key", Reason: strings.Join(texts, "; "), Err: errors.Join(errs...)}
}

// channelRefusal names the column a channel's build error is about: the
// channel's type when it is unknown, a detail's key when it is missing,
// its value when it is malformed.
func channelRefusal(err error) error {
	column := "data_key"
	if ce, ok := errors.AsType[*channel.ConfigError](err); ok {
		switch {
		case ce.Key == "" && strings.HasPrefix(ce.Reason, "unknown channel type"):
			return &store.ValidationError{Table: "monitor_channel", Column: "type", Reason: err.Error(), Err: err}
		case ce.Key != "" && ce.Reason != "missing":
			column = "data_value"
		}
	}
	return &store.ValidationError{Table: "monitor_channel_detail", Column: column, Reason: err.Error(), Err: err}
}

// checkScene refuses an info_type that is not a scene of this engine.
func (e *Engine) checkScene(infoType int) error {
	known := e.sceneNames // read-only: made once by build
	if _, ok := known[infoType]; ok {
		return nil
	}
	if len(known) == 0 {
		return fmt.Errorf("info_type %d is not a scene of this engine, which knows none: give it its scenes "+
			"(WithScenes, WithReportScenes, or WithFireTypes for alerts raised only with Fire)", infoType)
	}
	types := make([]int, 0, len(known))
	for t := range known {
		types = append(types, t)
	}
	sort.Ints(types)
	names := make([]string, len(types))
	for i, t := range types {
		names[i] = fmt.Sprintf("%d (%s)", t, known[t])
	}
	return fmt.Errorf("info_type %d is not a scene of this engine (it knows %s)", infoType, strings.Join(names, ", "))
}

// knownScenes returns the info types the engine works with, by name:
// its scenes, its report scenes and the types declared for Fire.
func (e *Engine) knownScenes() map[int]string {
	known := map[int]string{}
	for _, t := range e.fireTypes {
		known[t] = "raised with Fire"
	}
	for _, s := range e.reportScenes {
		known[s.InfoType()] = s.Name()
	}
	for _, s := range e.scenes {
		known[s.InfoType()] = s.Name()
	}
	return known
}

// checkSilence parses a silence's schedule.
func checkSilence(s store.Silence) error {
	if s.Schedule == nil {
		return nil
	}
	_, err := recurring.Parse(*s.Schedule)
	return err
}
