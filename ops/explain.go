package ops

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/yujing-go/yujing/alert"
	"github.com/yujing-go/yujing/store"
)

// Explanation is the whole path of one record or alert, from the window
// to each channel's answers. Sections the path did not reach are nil or
// empty, and Notes says why.
type Explanation struct {
	Code string
	// Found is "record" (Code is a monitor_record bu_no) or "alert" (a
	// monitor_send_log or monitor_send_log_hist sl_no).
	Found string
	// Record is the record explained: the one Code names, or the latest
	// one whose alert went into the alert Code names (nil when none is
	// known). SameSlot lists the other records recorded into the same
	// alert: merged into it, or suppressed because it was being sent or
	// was sent (each one's Reason says which).
	Record   *RecordView
	SameSlot []RecordView
	// Rules is the record's stored verdict beside the rules routed now,
	// evaluated on its values by the engine's judge.
	Rules *RulesView
	// Template is the template that applies to the scene and country now,
	// and the one the alert was recorded with.
	Template *TemplateView
	// State is the scene × country's alert state (yujing_alert_state).
	State *store.AlertState
	// Silences are those that muted the alert, or hold at its send slot
	// or now on a channel it goes to; Events the audit of the scene ×
	// country (silences, acknowledgements), newest first.
	Silences []SilenceView
	Ack      *AckView
	Events   []store.AlertEvent
	// Alert is the send slot's row (from monitor_send_log or, archived,
	// monitor_send_log_hist), with each channel's attempts and answers.
	Alert *HistoryEntry
	// Routes are the enabled routes of the scene and country with their
	// escalation levels, each saying whether the alert goes there.
	Routes []alert.Route
	Notes  []string

	rec *store.Record // the row behind Record
}

// RecordView is a monitor_record row in words.
type RecordView struct {
	BuNo      string
	Scene     int
	SceneName string
	Country   string
	Begin     *time.Time
	End       *time.Time
	// Values are the record's stored values (content), CompareVal its
	// compare_val.
	Values     map[string]string
	CompareVal string
	Status     store.RecordStatus
	StatusText string
	Reason     string
	RuleNo     string            // param5: the rule that fired
	Kind       store.MessageKind // param1: the lifecycle's message
	SlNo       string            // param6: the alert it went into
	// RuleRetriesLeft and SendRetriesLeft are rule_retry_time and
	// send_retry_time.
	RuleRetriesLeft int
	SendRetriesLeft int
}

// RulesView is a record's stored verdict and the engine's verdict now.
type RulesView struct {
	StoredStatus store.RecordStatus
	StoredReason string
	StoredRuleNo string
	Now          alert.Judgement
	// Agrees is true when the rules now fire the rule stored with the
	// record (param5), or fire none when none is stored. A record that
	// a rule fired may still end in status 2 (pending, muted, a repeat
	// not due): its Reason says why.
	Agrees bool
}

// TemplateView is the template of a scene and country.
type TemplateView struct {
	ModNo          string // the one that applies now ("" when none: see Problem)
	Problem        string
	Title          string
	SendType       store.SendType
	Content        string
	ContentChinese string
	RecordedModNo  string // the alert's mod_no
}

// SilenceView is a silence and how it touches the alert.
type SilenceView struct {
	SilenceNo string
	Describe  string
	Expired   bool
	// Why says how it applies: it muted a channel (channel_state), the
	// state's latest message (muted_by), or it held at the send slot or
	// holds now on a channel.
	Why []string
}

// AckView is the scene × country's acknowledgement.
type AckView struct {
	By    string
	At    *time.Time
	Until *time.Time
}

// explainEvents bounds the audit rows an explanation shows.
const explainEvents = 20

// Explain tells the whole path of one record (code is a monitor_record
// bu_no) or alert (an sl_no of monitor_send_log or, archived,
// monitor_send_log_hist): the window and its values, the rules as stored
// and as the engine's judge evaluates them now, the template, the alert
// state, silences and acknowledgement, the send slot, the routing and
// each channel's attempts, answers and waits. A code that is neither
// wraps store.ErrNotFound.
func (k *Toolkit) Explain(ctx context.Context, code string) (*Explanation, error) {
	code = strings.TrimSpace(code)
	if code == "" {
		return nil, historyInvalid("code", "explain needs a record's bu_no or an alert's sl_no")
	}
	x := &Explanation{Code: code}
	row, err := k.locate(ctx, x)
	if err != nil {
		return nil, err
	}
	view, err := k.engine.View(ctx)
	if err != nil {
		return nil, fmt.Errorf("ops: explain %s: %w", code, err)
	}
	if x.Record != nil {
		if err := k.explainRules(ctx, view, x); err != nil {
			return nil, err
		}
	}
	scene, country := x.scope(row)
	k.explainTemplate(view, x, scene, country, row)
	if row != nil {
		x.Alert = new(k.entryOf(row))
		x.Routes = view.Routes(&row.SendLog)
	}
	if err := k.explainState(ctx, x, scene, country, row); err != nil {
		return nil, err
	}
	return x, nil
}

// locate finds the code as a record, else as an alert, and the other end
// of the link between them (monitor_record.param6 holds the alert's sl_no;
// the alert's records are those that hold it).
func (k *Toolkit) locate(ctx context.Context, x *Explanation) (*store.HistoryRow, error) {
	rec, err := k.db.GetRecord(ctx, x.Code)
	switch {
	case err == nil:
		x.Found, x.Record, x.rec = "record", k.recordView(&rec), &rec
		if rec.SlNo() == "" {
			x.Notes = append(x.Notes, fmt.Sprintf("record %s has no alert (monitor_record.param6 is empty): status %d, %s",
				x.Code, x.Record.Status, x.Record.StatusText))
			return nil, nil
		}
		row, err := k.db.FindSendLog(ctx, rec.SlNo())
		if errors.Is(err, store.ErrNotFound) {
			x.Notes = append(x.Notes, "the record's alert "+rec.SlNo()+" is in neither monitor_send_log nor monitor_send_log_hist")
			return nil, nil
		}
		if err != nil {
			return nil, fmt.Errorf("ops: explain %s: %w", x.Code, err)
		}
		return &row, k.mergedRecords(ctx, x, &row)
	case !errors.Is(err, store.ErrNotFound):
		return nil, fmt.Errorf("ops: explain %s: %w", x.Code, err)
	}
	row, err := k.db.FindSendLog(ctx, x.Code)
	if errors.Is(err, store.ErrNotFound) {
		return nil, fmt.Errorf("ops: explain %s: neither a record (monitor_record.bu_no) nor an alert (monitor_send_log(_hist).sl_no): %w",
			x.Code, store.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("ops: explain %s: %w", x.Code, err)
	}
	x.Found = "alert"
	return &row, k.mergedRecords(ctx, x, &row)
}

// explainMerged bounds the records of one alert an explanation reads.
const explainMerged = 50

// mergedRecords reads the records whose alert is row: the explained one
// (the latest, param4, unless the code named a record) and the others
// of the same slot.
func (k *Toolkit) mergedRecords(ctx context.Context, x *Explanation, row *store.HistoryRow) error {
	recs, err := k.db.RecordsOfSendLog(ctx, derefInt(row.InfoType), deref(row.CountryNo), deref(row.SlNo), explainMerged)
	if err != nil {
		return fmt.Errorf("ops: explain %s: %w", x.Code, err)
	}
	main := -1
	for i := range recs {
		if x.Record == nil && deref(recs[i].BuNo) == row.RecordBuNo() {
			main = i
		}
	}
	if x.Record == nil && main < 0 && len(recs) > 0 {
		main = len(recs) - 1
	}
	for i := range recs {
		switch {
		case i == main:
			x.Record, x.rec = k.recordView(&recs[i]), &recs[i]
		case x.Record == nil || deref(recs[i].BuNo) != x.Record.BuNo:
			x.SameSlot = append(x.SameSlot, *k.recordView(&recs[i]))
		}
	}
	if x.Record == nil {
		x.Notes = append(x.Notes, "no record names this alert in monitor_record.param6 (an escalation, a fired alert, or another system's row)")
	}
	return nil
}

// recordView reads a record.
func (k *Toolkit) recordView(r *store.Record) *RecordView {
	v := &RecordView{BuNo: deref(r.BuNo), Scene: derefInt(r.InfoType), Country: deref(r.CountryNo), Begin: utcPtr(r.BeginTime),
		End: utcPtr(r.EndTime), CompareVal: deref(r.CompareVal), Reason: deref(r.Reason), RuleNo: r.RuleNo(), Kind: r.MessageKind(),
		SlNo: r.SlNo(), RuleRetriesLeft: derefInt(r.RuleRetryTime), SendRetriesLeft: derefInt(r.SendRetryTime)}
	v.SceneName = k.engine.SceneName(v.Scene)
	if r.Status != nil {
		v.Status = *r.Status
	}
	v.StatusText = recordStatusText(v.Status)
	if vals, err := store.DecodeValues(deref(r.Content)); err == nil {
		v.Values = vals
	} else {
		v.Values = map[string]string{"(unreadable content)": err.Error()}
	}
	return v
}

// recordStatusText names the seed's record states.
func recordStatusText(s store.RecordStatus) string {
	switch s {
	case store.RecordWaiting:
		return "waiting for the rules"
	case store.RecordRuleFailed:
		return "rule call failed"
	case store.RecordNoAlert:
		return "rules passed, no alert"
	case store.RecordAlert:
		return "alert needed"
	case store.RecordRecorded:
		return "alert recorded"
	case store.RecordRecordFailed:
		return "recording the alert failed"
	}
	return fmt.Sprintf("status %d", int(s))
}

// explainRules sets the stored verdict beside the judge's now.
func (k *Toolkit) explainRules(ctx context.Context, view *alert.ConfigView, x *Explanation) error {
	j, err := view.Judge(ctx, x.rec)
	if err != nil {
		return fmt.Errorf("ops: explain %s: %w", x.Code, err)
	}
	r := &RulesView{StoredStatus: x.Record.Status, StoredReason: x.Record.Reason, StoredRuleNo: x.Record.RuleNo, Now: j}
	storedAlert := x.Record.RuleNo != ""
	r.Agrees = storedAlert == (j.Status == store.RecordAlert) && (!storedAlert || j.RuleNo == x.Record.RuleNo)
	if !r.Agrees {
		x.Notes = append(x.Notes, "the rules routed now do not give the stored verdict: the configuration changed since, or the lifecycle decided")
	}
	x.Rules = r
	return nil
}

// scope is the scene and country explained.
func (x *Explanation) scope(row *store.HistoryRow) (int, string) {
	if row != nil {
		return derefInt(row.InfoType), deref(row.CountryNo)
	}
	return x.Record.Scene, x.Record.Country
}

// explainTemplate sets the template that applies now and the recorded one.
func (k *Toolkit) explainTemplate(view *alert.ConfigView, x *Explanation, scene int, country string, row *store.HistoryRow) {
	t := &TemplateView{}
	if row != nil {
		t.RecordedModNo = deref(row.ModNo)
	}
	tpl, err := view.Template(scene, country)
	if err != nil {
		t.Problem = err.Error()
	} else {
		t.ModNo, t.Title, t.Content, t.ContentChinese = deref(tpl.ModNo), deref(tpl.Title), deref(tpl.Content), deref(tpl.ContentChinese)
		if tpl.SendType != nil {
			t.SendType = *tpl.SendType
		}
	}
	if t.RecordedModNo != "" && t.ModNo != t.RecordedModNo {
		x.Notes = append(x.Notes, fmt.Sprintf("the alert was recorded with template %s; %q applies now", t.RecordedModNo, t.ModNo))
	}
	x.Template = t
}
