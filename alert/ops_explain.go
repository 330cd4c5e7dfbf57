package alert

import (
	"context"
	"fmt"
	"time"

	"github.com/yujing-go/yujing/rule"
	"github.com/yujing-go/yujing/store"
)

// This file exposes, for the operator's toolkit (package ops: Explain and
// History), the engine's own reading of a record and of a pending alert:
// the judge, the template lookup, the routing and the silence matching
// the stages use. Nothing here writes.

// RuleCheck is one routed rule's evaluation of a record.
type RuleCheck struct {
	RuleNo    string
	Desc      string
	Code      string // fun_code
	Threshold string // threshold_val
	Sort      float64
	Fired     bool
	Error     string // the rule's compile or run-time error
	// Seen holds the values the expression referred to ("rate",
	// "threshold", "prev.rate"…), for a rule that fired or failed.
	Seen map[string]any
	// Explain is the rule's one-line account, as a record's reason gives
	// it: `rule R1 "…" fired: rate=0.8 threshold=0.9`.
	Explain string
}

// Judgement is what the engine's judge says of a record with the rules
// routed to its scene and country now: the status the rules stage would
// give it (RecordAlert, RecordNoAlert or RecordRuleFailed), the reason it
// would store, the rule that fires, and every routed rule's evaluation in
// order (larger sort first).
type Judgement struct {
	Status store.RecordStatus
	Reason string
	RuleNo string
	Rules  []RuleCheck
}

// Judge evaluates the rules routed to the record's scene and country on
// its stored values and history, through the judge the rules stage uses.
// It fails only when the history cannot be read.
func (v *ConfigView) Judge(ctx context.Context, rec *store.Record) (Judgement, error) {
	smp, err := decodeSample(rec.Content, rec.CompareVal)
	if err != nil {
		return Judgement{Status: store.RecordRuleFailed, Reason: "unreadable record: " + err.Error()}, nil
	}
	in := inputOf(rec, smp)
	res, err := v.e.rules.EvaluateBatch(ctx, v.ix.ruleSet, []rule.Input{in}, historySource{v.e.business})
	if err != nil {
		return Judgement{}, fmt.Errorf("alert: judge %s: %w", str(rec.BuNo), err)
	}
	vd := verdictOf(res[0], &in)
	j := Judgement{Status: vd.status, Reason: vd.reason, RuleNo: vd.ruleNo}
	for _, ev := range res[0].Evaluations {
		c := RuleCheck{RuleNo: ev.Rule.No, Desc: ev.Rule.Desc, Code: ev.Rule.Code, Threshold: ev.Rule.Threshold, Sort: ev.Rule.Sort,
			Fired: ev.Fired, Seen: ev.Seen, Explain: ev.Explain()}
		if ev.Err != nil {
			c.Error = ev.Err.Error()
		}
		j.Rules = append(j.Rules, c)
	}
	return j, nil
}

// Route is one enabled route (monitor_routing, enabled channel) of a
// scene in a country, or of every country ("*").
type Route struct {
	RoutingNo string
	Country   string // the route's country_no, or "*"
	ChannelNo string
	Name      string // channel_name
	Type      int
	TypeName  string // "" for a type the engine has no sender for
	// Level is the route's escalation level (0: every message);
	// EscalationDelay and EscalationRepeat are its timing.
	Level            int
	EscalationDelay  time.Duration
	EscalationRepeat time.Duration
	// Gets is true when the send stage sends the pending alert to the
	// channel (each channel once, whichever route names it first).
	Gets bool
}

// Routes returns every enabled route of the alert's scene and country
// (the country's first, then those for every country, larger sort first),
// each marked with whether the send stage sends this alert to it: its
// kind and level decide, as when it is sent.
func (v *ConfigView) Routes(l *store.SendLog) []Route {
	gets := map[string]bool{}
	for _, ch := range v.ix.channelsOf(l) {
		gets[str(ch.ChannelNo)] = true
	}
	var out []Route
	given := map[string]bool{}
	infoType := intOr(l.InfoType, 0)
	for _, c := range []string{str(l.CountryNo), store.AllCountries} {
		for _, r := range v.ix.routes[sceneCountry{infoType, c}] {
			no := str(r.ChannelNo)
			ch, ok := v.ix.channels[no]
			if !ok {
				continue
			}
			typ := int(derefType(ch.Type))
			name, _ := v.e.channels.TypeName(typ)
			out = append(out, Route{RoutingNo: r.RoutingNo, Country: r.CountryNo, ChannelNo: no, Name: str(ch.ChannelName),
				Type: typ, TypeName: name, Level: r.EscalationLevel(), EscalationDelay: time.Duration(r.EscalationDelay()) * time.Second,
				EscalationRepeat: time.Duration(r.EscalationRepeat()) * time.Second, Gets: gets[no] && !given[no]})
			given[no] = given[no] || gets[no]
		}
	}
	return out
}

// MutingSilence returns the first of the silences that mutes the pending
// alert on the channel at the time at (read in the country's time zone),
// as the send stage matches them, or nil. Give it any rows of
// yujing_silence, expired ones included: a silence expired after at
// still held then.
func (e *Engine) MutingSilence(silences []store.Silence, l *store.SendLog, channelNo string, at time.Time) *store.Silence {
	m := silencedOf(l)
	return newSilenceIndex(silences).match(m, channelNo, at, e.cat.zone(m.country))
}
