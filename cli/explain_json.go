package cli

import (
	"time"

	"github.com/yujing-go/yujing/ops"
)

// explainJSON is yujing explain's document: the sections of an
// ops.Explanation in snake_case.
type explainJSON struct {
	Code     string               `json:"code"`
	Found    string               `json:"found"` // record or alert
	Record   *recordJSON          `json:"record"`
	SameSlot []recordJSON         `json:"same_slot"`
	Rules    *rulesJSON           `json:"rules"`
	Template *templateJSON        `json:"template"`
	State    *stateJSON           `json:"state"`
	Ack      *ackJSON             `json:"ack"`
	Silences []explainSilenceJSON `json:"silences"`
	Events   []eventJSON          `json:"events"`
	Alert    *alertJSON           `json:"alert"`
	Routes   []routeJSON          `json:"routes"`
	Notes    []string             `json:"notes"`
}

type recordJSON struct {
	BuNo       string            `json:"bu_no"`
	Scene      int               `json:"scene"`
	SceneName  string            `json:"scene_name"`
	Country    string            `json:"country"`
	Begin      *time.Time        `json:"begin"`
	End        *time.Time        `json:"end"`
	Values     map[string]string `json:"values"`
	CompareVal string            `json:"compare_val"`
	Status     int               `json:"status"`
	StatusText string            `json:"status_text"`
	Reason     string            `json:"reason"`
	RuleNo     string            `json:"rule_no"`
	Kind       string            `json:"kind"`
	SlNo       string            `json:"sl_no"`
}

type rulesJSON struct {
	StoredStatus int             `json:"stored_status"`
	StoredReason string          `json:"stored_reason"`
	StoredRuleNo string          `json:"stored_rule_no"`
	NowStatus    int             `json:"now_status"`
	NowReason    string          `json:"now_reason"`
	NowRuleNo    string          `json:"now_rule_no"`
	Agrees       bool            `json:"agrees"`
	Evaluations  []ruleCheckJSON `json:"evaluations"`
}

type ruleCheckJSON struct {
	RuleNo    string         `json:"rule_no"`
	Code      string         `json:"fun_code"`
	Threshold string         `json:"threshold"`
	Fired     bool           `json:"fired"`
	Error     string         `json:"error"`
	Seen      map[string]any `json:"seen"`
	Explain   string         `json:"explain"`
}

type templateJSON struct {
	ModNo         string `json:"mod_no"`
	Problem       string `json:"problem"`
	Title         string `json:"title"`
	SendType      int    `json:"send_type"`
	RecordedModNo string `json:"recorded_mod_no"`
}

type ackJSON struct {
	By    string     `json:"by"`
	At    *time.Time `json:"at"`
	Until *time.Time `json:"until"`
}

type explainSilenceJSON struct {
	SilenceNo string   `json:"silence_no"`
	Describe  string   `json:"describe"`
	Expired   bool     `json:"expired"`
	Why       []string `json:"why"`
}

type routeJSON struct {
	ChannelNo string `json:"channel_no"`
	Name      string `json:"name"`
	Type      int    `json:"type"`
	TypeName  string `json:"type_name"`
	RoutingNo string `json:"routing_no"`
	Country   string `json:"country"`
	Level     int    `json:"level"`
	Gets      bool   `json:"gets"`
}

func recordJSONOf(r *ops.RecordView) recordJSON {
	return recordJSON{BuNo: r.BuNo, Scene: r.Scene, SceneName: r.SceneName, Country: r.Country, Begin: r.Begin, End: r.End,
		Values: r.Values, CompareVal: r.CompareVal, Status: int(r.Status), StatusText: r.StatusText, Reason: r.Reason,
		RuleNo: r.RuleNo, Kind: r.Kind.String(), SlNo: r.SlNo}
}

func explainJSONOf(x *ops.Explanation) explainJSON {
	out := explainJSON{Code: x.Code, Found: x.Found, SameSlot: []recordJSON{}, Silences: []explainSilenceJSON{}, Events: []eventJSON{},
		Routes: []routeJSON{}, Notes: append([]string{}, x.Notes...)}
	if x.Record != nil {
		out.Record = new(recordJSONOf(x.Record))
	}
	for i := range x.SameSlot {
		out.SameSlot = append(out.SameSlot, recordJSONOf(&x.SameSlot[i]))
	}
	if r := x.Rules; r != nil {
		rj := &rulesJSON{StoredStatus: int(r.StoredStatus), StoredReason: r.StoredReason, StoredRuleNo: r.StoredRuleNo,
			NowStatus: int(r.Now.Status), NowReason: r.Now.Reason, NowRuleNo: r.Now.RuleNo, Agrees: r.Agrees, Evaluations: []ruleCheckJSON{}}
		for _, c := range r.Now.Rules {
			rj.Evaluations = append(rj.Evaluations, ruleCheckJSON{RuleNo: c.RuleNo, Code: c.Code, Threshold: c.Threshold, Fired: c.Fired,
				Error: c.Error, Seen: c.Seen, Explain: c.Explain})
		}
		out.Rules = rj
	}
	if t := x.Template; t != nil {
		out.Template = &templateJSON{ModNo: t.ModNo, Problem: t.Problem, Title: t.Title, SendType: int(t.SendType), RecordedModNo: t.RecordedModNo}
	}
	if x.State != nil {
		out.State = new(stateOut(*x.State))
	}
	if k := x.Ack; k != nil {
		out.Ack = &ackJSON{By: k.By, At: k.At, Until: k.Until}
	}
	for _, s := range x.Silences {
		out.Silences = append(out.Silences, explainSilenceJSON{SilenceNo: s.SilenceNo, Describe: s.Describe, Expired: s.Expired, Why: s.Why})
	}
	for _, e := range x.Events {
		out.Events = append(out.Events, eventJSON{ID: e.ID, Time: e.EventTime.UTC(), Scene: e.InfoType, Country: e.CountryNo,
			Kind: e.Kind, Actor: e.Actor, Ref: e.Ref, Detail: e.Detail})
	}
	if x.Alert != nil {
		out.Alert = new(alertJSONOf(*x.Alert))
	}
	for _, r := range x.Routes {
		out.Routes = append(out.Routes, routeJSON{ChannelNo: r.ChannelNo, Name: r.Name, Type: r.Type, TypeName: r.TypeName,
			RoutingNo: r.RoutingNo, Country: r.Country, Level: r.Level, Gets: r.Gets})
	}
	return out
}
