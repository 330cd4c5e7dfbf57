package alert

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/yujing-go/yujing/alert/template"
	"github.com/yujing-go/yujing/store"
)

// recorder turns judged records into pending alerts in their send slots
// (monitor_send_log). Collect, the rules stage and the record stage all
// record through it.
type recorder struct {
	*env
	cat       *catalog
	slots     *slots
	templates *template.Cache
	retry     retryPolicy
}

// record puts the alerts of records that need one into their send slots
// and returns each record's outcome: status 4 with its sl_no, or status 5
// with the reason (no template, no channel route, a value the template
// needs) and its retries. Alerts due now are inserted claimed by this
// engine and held in ts, to be sent in this Tick without another claim. It
// fails only when the database does. Counts go to ts.res.Record.
//
// notes, when not nil, holds for each record what its message says of the
// lifecycle (nil for a plain alert).
func (r *recorder) record(ctx context.Context, ts *tickState, recs []*store.Record, notes []*stateNote) ([]store.RecordUpdate, error) {
	st := &ts.res.Record
	updates := make([]store.RecordUpdate, len(recs))
	logs, at := r.planAll(ctx, ts, recs, notes, updates)
	if len(logs) == 0 {
		st.Records += len(recs)
		return updates, nil
	}
	slots := make([]time.Time, len(logs))
	for j := range logs {
		slots[j] = *logs[j].ExpectSendTime
	}
	res, err := r.platform.EnqueueSendLogs(ctx, ts.now, logs)
	if err != nil {
		return nil, fmt.Errorf("enqueue alerts: %w", err)
	}
	st.Records += len(recs)
	var held []store.SendLog
	for j, i := range at {
		rec := recs[i]
		u := store.RecordUpdate{ID: rec.ID, Status: store.RecordRecorded, SlNo: new(res[j].SlNo), Reason: str(rec.Reason)}
		switch res[j].Outcome {
		case store.Enqueued:
			st.Enqueued++
			if logs[j].ClaimOwner != nil {
				held = append(held, logs[j])
			}
		case store.Merged:
			st.Merged++
		case store.Suppressed:
			st.Suppressed++
		}
		if res[j].Outcome != store.Enqueued || !res[j].Slot.Equal(slots[j]) {
			// Say what happened instead of why the rule fired: the rule is
			// in param5, and the outcome is what an operator asks about.
			u.Reason = res[j].Detail
		}
		updates[i] = u
		r.log.InfoContext(ctx, "alert recorded", append(recordAttrs(rec), "sl_no", res[j].SlNo, "outcome", res[j].Outcome.String(),
			"slot", res[j].Slot.UTC().Format(time.RFC3339), "detail", res[j].Detail)...)
	}
	if len(held) > 0 {
		ts.hold(*held[0].ClaimOwner, held)
		ts.full(ctx)
	}
	return updates, nil
}

// planAll plans the alert of each record: the pending alerts, and the
// index of each one's record. A record whose alert cannot be planned gets
// its outcome in updates (status 5, the reason, its retries). Alerts due
// now are planned claimed, under one owner token, while ts can hold them.
func (r *recorder) planAll(ctx context.Context, ts *tickState, recs []*store.Record, notes []*stateNote, updates []store.RecordUpdate) (
	logs []store.SendLog, at []int) {
	sendOwner := r.owner()
	until := ts.now.Add(r.lease)
	for i, rec := range recs {
		var note *stateNote
		if notes != nil {
			note = notes[i]
		}
		sl, err := r.plan(ts.ix, ts.now, rec, note)
		if err != nil {
			left, retryAt := r.retry.afterFailure(ts.now, intOr(rec.SendRetryTime, store.DefaultRetries), 0)
			updates[i] = store.RecordUpdate{ID: rec.ID, Status: store.RecordRecordFailed, SendRetryTime: &left, RetryAt: retryAt, Reason: err.Error()}
			ts.res.Record.Failed++
			r.log.WarnContext(ctx, "alert not recorded", append(recordAttrs(rec), "retries_left", left, "reason", err.Error())...)
			continue
		}
		if !sl.ExpectSendTime.After(ts.now) && ts.canHold(len(logs)) {
			sl.ClaimOwner, sl.ClaimUntil = &sendOwner, &until
		}
		logs = append(logs, sl)
		at = append(at, i)
	}
	return logs, at
}

// plan builds the pending alert of a record: its template, its slot, and
// the values the template needs. It fails, saying what is missing, when the
// scene has no template or no channel route in the country, or the record
// lacks a value the template uses.
func (r *recorder) plan(ix *configIndex, now time.Time, rec *store.Record, note *stateNote) (store.SendLog, error) {
	infoType, country := intOr(rec.InfoType, 0), str(rec.CountryNo)
	tpl, err := ix.template(infoType, country)
	if err != nil {
		return store.SendLog{}, err
	}
	sl := store.SendLog{CountryNo: new(country), InfoType: new(infoType), ModNo: tpl.ModNo}
	sl.SetRecordBuNo(str(rec.BuNo))
	sl.SetRuleNo(rec.RuleNo())
	if note != nil {
		sl.SetKind(note.kind)
		if note.level > 0 {
			sl.SetLevel(note.level)
		}
		if note.key != "" {
			sl.SetRecordBuNo(note.key)
		}
	}
	if len(ix.channelsOf(&sl)) == 0 {
		what := "an enabled row"
		if sl.Kind() == store.KindEscalated {
			what = fmt.Sprintf("an enabled row of escalation level %d (param1)", sl.Level())
		}
		return store.SendLog{}, fmt.Errorf("no channel route: monitor_routing has no %s with an enabled channel for info_type %d, country %s", what, infoType, country)
	}
	used, err := r.values(ix, tpl, rec, note, sl.Kind())
	if err != nil {
		return store.SendLog{}, err
	}
	content := store.EncodeValues(used)
	if n := len([]rune(content)); n > store.SendLogContentMax {
		return store.SendLog{}, fmt.Errorf("template %s needs %d characters of values, monitor_send_log.content holds %d: use fewer or shorter placeholders",
			str(tpl.ModNo), n, store.SendLogContentMax)
	}
	slot, err := r.slots.of(tpl, country, now)
	if err != nil {
		return store.SendLog{}, err
	}
	sl.Content, sl.ExpectSendTime = &content, &slot
	return sl, nil
}

// values returns the values a message of the kind stores: those its
// template's texts name that are known when it is recorded, those the
// message adds whatever the template (for how long, which level), and the
// hidden ones (the report, a resolve's mark, the episode of {ack_link}).
// It fails naming the placeholders the record has no value for.
func (r *recorder) values(ix *configIndex, tpl store.Template, rec *store.Record, note *stateNote, kind store.MessageKind) (map[string]string, error) {
	s, err := decodeSample(rec.Content, rec.CompareVal)
	if err != nil {
		return nil, err
	}
	names, err := templateNames(r.templates, tpl, kind)
	if err != nil {
		return nil, err
	}
	d := recordData(r.cat, ix, rec, s)
	if note != nil {
		note.addTo(d)
	} else if rec.EndTime != nil {
		d.FiringSince = *rec.EndTime // a plain alert fires from its window
	}
	vals := template.Values(template.Recorded, d)
	switch kind { // what the message says, whatever the template
	case store.KindRepeat, store.KindUnmuted:
		names = append(names, "duration")
	case store.KindEscalated:
		names = append(names, "duration", "escalation_level")
	case store.KindResolved:
		names = append(names, "firing_since", "duration")
	}
	used := map[string]string{}
	var missing []string
	for _, n := range names {
		v, ok := vals[n]
		switch {
		case template.IsSent(n):
			continue
		case !ok && kind == store.KindNoData:
			v, ok = "", true // a window without samples has no extra values: blank, not a failed alert
		case !ok:
			missing = append(missing, "{"+n+"}")
			continue
		}
		used[n] = v
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("template %s uses %s, which record %s does not have", str(tpl.ModNo), strings.Join(missing, ", "), str(rec.BuNo))
	}
	if g, ok := s.vars[reportVar].(string); ok {
		used[hiddenReport] = g // the report's link and file are looked up when it is sent
	}
	if kind == store.KindResolved {
		used[hiddenResolved] = "1" // the resolve's values, when merged into its firing alert
	}
	if note != nil && !note.firingSince.IsZero() && slices.Contains(names, "ack_link") {
		used[hiddenSince] = strconv.FormatInt(note.firingSince.Unix(), 10) // the episode its {ack_link} acknowledges
	}
	return used, nil
}

// templateNames returns the placeholders of the texts a message of the
// kind uses, in both languages, and of the titles, each once.
func templateNames(c *template.Cache, tpl store.Template, kind store.MessageKind) ([]string, error) {
	var names []string
	seen := map[string]bool{}
	en, zh := messageTexts(tpl, kind)
	for _, src := range []string{str(en.src), str(zh.src), str(tpl.Title), tpl.TitleChinese()} {
		if src == "" {
			continue
		}
		t, err := c.Parse(src)
		if err != nil {
			return nil, fmt.Errorf("template %s: %w", str(tpl.ModNo), err)
		}
		for _, n := range t.Names() {
			if !seen[n] {
				seen[n] = true
				names = append(names, n)
			}
		}
	}
	return names, nil
}

// messageText is a template's text for a kind of message, in one language.
type messageText struct {
	col string // the column it comes from, for errors
	src *string
}

// messageTexts returns the English and Chinese texts a message of the kind
// uses: the resolved message for a resolve, the no-data message (else the
// alert's) for no data, the alert's for the others.
func messageTexts(tpl store.Template, kind store.MessageKind) (en, zh messageText) {
	switch {
	case kind == store.KindResolved:
		return messageText{"resolved_content", tpl.ResolvedContent}, messageText{"resolved_content_chinese", tpl.ResolvedContentChinese}
	case kind == store.KindNoData && (str(tpl.NoDataContent) != "" || str(tpl.NoDataContentChinese) != ""):
		return messageText{"nodata_content", tpl.NoDataContent}, messageText{"nodata_content_chinese", tpl.NoDataContentChinese}
	}
	return messageText{"content", tpl.Content}, messageText{"content_chinese", tpl.ContentChinese}
}
