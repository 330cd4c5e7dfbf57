package alert

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/yujing-go/yujing/store"
)

// recordStage turns records that need an alert (status 3, and status 5
// with retries left) into pending alerts in monitor_send_log, each in the
// send slot of its template, and moves them to status 4 (or 5 with the
// reason when a template or route is missing). Records judged by Collect
// are recorded there already; this stage takes the others (Fire, records
// judged by the rules stage, retries).
func (e *Engine) recordStage(ctx context.Context, ts *tickState, now time.Time, st *RecordStats) error {
	for _, status := range []store.RecordStatus{store.RecordAlert, store.RecordRecordFailed} {
		for range e.maxBatches {
			n, err := e.recordBatch(ctx, ts, now, status, st)
			if err != nil {
				return err
			}
			if n < e.batch {
				break
			}
		}
	}
	return nil
}

func (e *Engine) recordBatch(ctx context.Context, ts *tickState, now time.Time, status store.RecordStatus, st *RecordStats) (int, error) {
	owner := e.owner()
	recs, err := e.business.ClaimRecords(ctx, status, store.ClaimRequest{Owner: owner, Now: now, Lease: e.lease, Limit: e.batch})
	if err != nil {
		return 0, fmt.Errorf("record: claim: %w", err)
	}
	if len(recs) == 0 {
		return 0, nil
	}
	ptrs := make([]*store.Record, len(recs))
	for i := range recs {
		ptrs[i] = &recs[i]
	}
	updates, err := e.recordAlerts(ctx, ts, now, ptrs, status == store.RecordRecordFailed, st)
	if err != nil {
		// Nothing is lost: the records are released and recorded again;
		// an alert that did reach its slot merges there instead of doubling.
		e.release(ctx, "record", func(c context.Context) error { return e.business.ReleaseRecords(c, owner, recordIDs(recs)) })
		return 0, fmt.Errorf("record: %w", err)
	}
	st.Records += len(recs)
	if err := e.finishRecords(ctx, owner, now, updates); err != nil {
		return len(recs), fmt.Errorf("record: %w", err)
	}
	return len(recs), nil
}

// recordAlerts puts the alerts of records that need one into their send
// slots (monitor_send_log) and returns each record's outcome: status 4 with
// its sl_no, or status 5 with the reason (no template, no channel route, a
// value the template needs) and its retries. Alerts due now are inserted
// claimed by this engine and queued in ts to be sent in this Tick without
// another claim. It fails only when the database does.
func (e *Engine) recordAlerts(ctx context.Context, ts *tickState, now time.Time, recs []*store.Record, retrying bool, st *RecordStats) ([]store.RecordUpdate, error) {
	updates := make([]store.RecordUpdate, len(recs))
	var logs []store.SendLog
	var at []int
	sendOwner := e.owner()
	until := now.Add(e.lease)
	for i, r := range recs {
		sl, err := e.planAlert(ts.ix, now, r)
		if err != nil {
			left, retryAt := e.retryAfterFailure(now, intOr(r.SendRetryTime, store.DefaultRetries), retrying)
			updates[i] = store.RecordUpdate{ID: r.ID, Status: store.RecordRecordFailed, SendRetryTime: &left, RetryAt: retryAt, Reason: err.Error()}
			st.Failed++
			e.log.WarnContext(ctx, "alert not recorded", "bu_no", str(r.BuNo), "info_type", intOr(r.InfoType, 0),
				"country", str(r.CountryNo), "window", windowOf(r), "retries_left", left, "reason", err.Error())
			continue
		}
		if !sl.ExpectSendTime.After(now) && ts.canHold(len(logs)) {
			sl.ClaimOwner, sl.ClaimUntil = &sendOwner, &until
		}
		logs = append(logs, sl)
		at = append(at, i)
	}
	if len(logs) == 0 {
		return updates, nil
	}
	slots := make([]time.Time, len(logs))
	for j := range logs {
		slots[j] = *logs[j].ExpectSendTime
	}
	res, err := e.platform.EnqueueSendLogs(ctx, now, logs)
	if err != nil {
		return nil, fmt.Errorf("enqueue alerts: %w", err)
	}
	var held []store.SendLog
	for j, i := range at {
		r := recs[i]
		u := store.RecordUpdate{ID: r.ID, Status: store.RecordRecorded, SlNo: new(res[j].SlNo), Reason: str(r.Reason)}
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
		e.log.InfoContext(ctx, "alert recorded", "bu_no", str(r.BuNo), "info_type", intOr(r.InfoType, 0), "country", str(r.CountryNo),
			"window", windowOf(r), "sl_no", res[j].SlNo, "outcome", res[j].Outcome.String(),
			"slot", res[j].Slot.UTC().Format(time.RFC3339), "detail", res[j].Detail)
	}
	ts.hold(sendOwner, held)
	return updates, nil
}

// planAlert builds the pending alert of a record: its template, its slot,
// and the values the template needs. It fails, saying what is missing,
// when the scene has no template or no channel route in the country, or
// the record lacks a value the template uses.
func (e *Engine) planAlert(ix *configIndex, now time.Time, r *store.Record) (store.SendLog, error) {
	infoType, country := intOr(r.InfoType, 0), str(r.CountryNo)
	tpl, err := ix.template(infoType, country)
	if err != nil {
		return store.SendLog{}, err
	}
	if len(ix.channelsFor(infoType, country)) == 0 {
		return store.SendLog{}, fmt.Errorf("no channel route: monitor_routing has no enabled row with an enabled channel for info_type %d, country %s", infoType, country)
	}
	s, err := decodeSample(r.Content, r.CompareVal)
	if err != nil {
		return store.SendLog{}, err
	}
	names, err := e.templateNames(tpl)
	if err != nil {
		return store.SendLog{}, err
	}
	vals := e.templateValues(ix, r, s)
	used := map[string]string{}
	var missing []string
	for _, n := range names {
		if isSendTimePlaceholder(n) {
			continue
		}
		v, ok := vals[n]
		if !ok {
			missing = append(missing, "{"+n+"}")
			continue
		}
		used[n] = v
	}
	if len(missing) > 0 {
		return store.SendLog{}, fmt.Errorf("template %s uses %s, which record %s does not have", str(tpl.ModNo), strings.Join(missing, ", "), str(r.BuNo))
	}
	if g, ok := s.vars[reportVar].(string); ok {
		used[hiddenReport] = g // the report's link and file are looked up when it is sent
	}
	content := store.EncodeValues(used)
	if n := len([]rune(content)); n > 255 {
		return store.SendLog{}, fmt.Errorf("template %s needs %d characters of values, monitor_send_log.content holds 255: use fewer or shorter placeholders", str(tpl.ModNo), n)
	}
	slot, err := e.slotOf(tpl, country, now)
	if err != nil {
		return store.SendLog{}, err
	}
	sl := store.SendLog{CountryNo: new(country), InfoType: new(infoType), ModNo: tpl.ModNo, Content: &content, ExpectSendTime: &slot}
	sl.Param4 = r.BuNo
	return sl, nil
}

// templateNames returns the placeholders of a template's texts in both
// languages and its titles, each once.
func (e *Engine) templateNames(tpl store.Template) ([]string, error) {
	var names []string
	seen := map[string]bool{}
	for _, src := range []*string{tpl.Content, tpl.ContentChinese, tpl.Title, tpl.Param6} {
		if src == nil {
			continue
		}
		t, err := e.templates.parse(*src)
		if err != nil {
			return nil, fmt.Errorf("template %s: %w", str(tpl.ModNo), err)
		}
		for _, n := range t.names() {
			if !seen[n] {
				seen[n] = true
				names = append(names, n)
			}
		}
	}
	return names, nil
}

// slotOf returns the send slot of an alert recorded now.
func (e *Engine) slotOf(tpl store.Template, country string, now time.Time) (time.Time, error) {
	loc := e.zone(country)
	if tpl.SendType != nil && *tpl.SendType == store.SendScheduled {
		sched := e.schedule
		if spec := strings.TrimSpace(str(tpl.Param4)); spec != "" {
			s, err := parseSchedule(spec)
			if err != nil {
				return time.Time{}, fmt.Errorf("template %s: param4: %w", str(tpl.ModNo), err)
			}
			sched = s
		}
		return scheduledSlot(now, sched, loc), nil
	}
	return realtimeSlot(now, e.slotLength(tpl), loc), nil
}

// slotLength is a realtime template's slot: param3 seconds, or the default.
func (e *Engine) slotLength(tpl store.Template) time.Duration {
	if tpl.Param3 != nil && *tpl.Param3 > 0 {
		return time.Duration(*tpl.Param3) * time.Second
	}
	return e.realtimeSlot
}

// validateTemplate checks a template before it is stored: both texts
// parse, every placeholder is known, param4 is a cron schedule, param3 a
// positive number of seconds.
func (e *Engine) validateTemplate(tpl store.Template) error {
	for _, f := range []struct {
		col string
		src *string
	}{{"content", tpl.Content}, {"content_chinese", tpl.ContentChinese}, {"title", tpl.Title}, {"param6", tpl.Param6}} {
		if f.src == nil {
			continue
		}
		t, err := parseTemplate(*f.src)
		if err != nil {
			return fmt.Errorf("%s: %w", f.col, err)
		}
		if err := checkPlaceholders(t.names()); err != nil {
			return fmt.Errorf("%s: %w", f.col, err)
		}
	}
	if spec := strings.TrimSpace(str(tpl.Param4)); spec != "" {
		if _, err := parseSchedule(spec); err != nil {
			return fmt.Errorf("param4: %w", err)
		}
	}
	if tpl.Param3 != nil && *tpl.Param3 <= 0 {
		return errors.New("param3: the realtime slot must be a positive number of seconds, got " + strconv.Itoa(*tpl.Param3))
	}
	return nil
}
