package store

// Accessors for the reserved columns param1..param6 that this module gives
// a meaning (see "Reserved columns" in the package documentation). Read
// and write those columns through them, not through ParamN: the name says
// what the value is, and a getter gives the documented value for NULL.
// Getters of text return "" for NULL; setters of text store NULL for "".

// RuleNo is monitor_record.param5: the rule that fired, as the rule_no of
// a monitor_rule row, or the alert engine's own mark for an alert no rule
// raised (alert.FireRule for Engine.Fire, alert.ReportRule for a report
// scene). "" when no rule fired.
func (r *Record) RuleNo() string { return str(r.Param5) }

// SetRuleNo sets monitor_record.param5, the rule that fired (see RuleNo).
func (r *Record) SetRuleNo(ruleNo string) { r.Param5 = nullIfEmpty(ruleNo) }

// SlNo is monitor_record.param6: the sl_no of the monitor_send_log row the
// record's alert went into. "" until the alert is recorded.
func (r *Record) SlNo() string { return str(r.Param6) }

// SetSlNo sets monitor_record.param6, the sl_no of the record's alert
// (see SlNo).
func (r *Record) SetSlNo(slNo string) { r.Param6 = nullIfEmpty(slNo) }

// MergeCount is monitor_send_log.param3: how many alerts the row holds,
// its own and those merged into it since (1 when NULL: a row nobody
// merged into, or another system's). The content shows the values of
// those that fit (see ValueSets), so it may hold fewer value sets.
func (l *SendLog) MergeCount() int { return mergeCount(l.Param3) }

// SetMergeCount sets monitor_send_log.param3, how many alerts the row
// holds (see MergeCount).
func (l *SendLog) SetMergeCount(n int) { l.Param3 = &n }

// RecordBuNo is monitor_send_log.param4: the bu_no of the latest
// monitor_record whose alert went into the row (a record recorded again
// after a crash is recognised by it and not merged twice). "" when
// unknown.
func (l *SendLog) RecordBuNo() string { return str(l.Param4) }

// SetRecordBuNo sets monitor_send_log.param4, the bu_no of the latest
// record (see RecordBuNo).
func (l *SendLog) SetRecordBuNo(buNo string) { l.Param4 = nullIfEmpty(buNo) }

// MergeCount is monitor_send_log_hist.param3: how many alerts the archived
// row held (see SendLog.MergeCount; 1 when NULL).
func (h *SendLogHist) MergeCount() int { return mergeCount(h.Param3) }

// RecordBuNo is monitor_send_log_hist.param4: the bu_no of the latest
// record whose alert went into the archived row (see SendLog.RecordBuNo).
func (h *SendLogHist) RecordBuNo() string { return str(h.Param4) }

// SlotSeconds is monitor_mod.param3: a realtime template's send slot in
// seconds (one alert per country and scene per slot). ok is false when
// the column is NULL, which means the engine's default slot; the engine's
// checks refuse a value that is not positive.
func (t *Template) SlotSeconds() (seconds int, ok bool) {
	if t.Param3 == nil {
		return 0, false
	}
	return *t.Param3, true
}

// SetSlotSeconds sets monitor_mod.param3, a realtime template's slot in
// seconds (see SlotSeconds).
func (t *Template) SetSlotSeconds(seconds int) { t.Param3 = &seconds }

// Schedule is monitor_mod.param4: a scheduled (send_type 2) template's
// cron schedule in the country's time zone, e.g. "0 9 * * *". "" means the
// engine's default schedule.
func (t *Template) Schedule() string { return str(t.Param4) }

// SetSchedule sets monitor_mod.param4, a scheduled template's cron
// schedule (see Schedule).
func (t *Template) SetSchedule(cron string) { t.Param4 = nullIfEmpty(cron) }

// TitleChinese is monitor_mod.param6: the Chinese title (at most 64
// characters; Title is the English one). "" when the template has none,
// and then the English title serves both languages.
func (t *Template) TitleChinese() string { return str(t.Param6) }

// SetTitleChinese sets monitor_mod.param6, the Chinese title (see
// TitleChinese).
func (t *Template) SetTitleChinese(title string) { t.Param6 = nullIfEmpty(title) }

// FileSize is monitor_basic_data.param3: the size in bytes of the report's
// uploaded file (the engine attaches a file to emails up to a limit). ok is
// false until the file is uploaded. The store writes it through
// BasicDataUpdate.FileSize, which refuses a size that does not fit the
// column (2 GiB).
func (b *BasicData) FileSize() (bytes int64, ok bool) {
	if b.Param3 == nil {
		return 0, false
	}
	return int64(*b.Param3), true
}

// CountryNo is monitor_basic_data.param4: the country_no of the report
// (country_name holds the country's name). "" when unknown.
func (b *BasicData) CountryNo() string { return str(b.Param4) }

// SetCountryNo sets monitor_basic_data.param4, the report's country_no
// (see CountryNo).
func (b *BasicData) SetCountryNo(countryNo string) { b.Param4 = nullIfEmpty(countryNo) }

func mergeCount(p *int) int {
	if p == nil {
		return 1
	}
	return *p
}

func nullIfEmpty(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// PendingWindows is monitor_rule.param1: how many consecutive windows the
// rule must match before its scene × country fires (1 when NULL or less:
// the first window fires). The windows before are "pending".
func (r *Rule) PendingWindows() int { return atLeastOne(r.Param1) }

// SetPendingWindows sets monitor_rule.param1 (see PendingWindows).
func (r *Rule) SetPendingWindows(n int) { r.Param1 = &n }

// ResolveWindows is monitor_rule.param2: how many consecutive windows
// without a match resolve a firing scene × country the rule fired (1 when
// NULL or less).
func (r *Rule) ResolveWindows() int { return atLeastOne(r.Param2) }

// SetResolveWindows sets monitor_rule.param2 (see ResolveWindows).
func (r *Rule) SetResolveWindows(n int) { r.Param2 = &n }

// NoDataWindows is monitor_rule_route.param1: after how many consecutive
// windows without samples (or with a zero denominator) the route's scene
// × country, having reported before, enters "no data". 0 (NULL) is off;
// the largest of the routes that apply counts.
func (r *RuleRoute) NoDataWindows() int { return nonNegative(r.Param1) }

// SetNoDataWindows sets monitor_rule_route.param1 (see NoDataWindows).
func (r *RuleRoute) SetNoDataWindows(n int) { r.Param1 = &n }

// RepeatSeconds is monitor_mod.param2: while a scene × country fires, it is
// notified again at most every this many seconds. 0 (NULL) keeps the
// per-slot behaviour: every bad window alerts, one message per slot.
func (t *Template) RepeatSeconds() int { return nonNegative(t.Param2) }

// SetRepeatSeconds sets monitor_mod.param2 (see RepeatSeconds).
func (t *Template) SetRepeatSeconds(seconds int) { t.Param2 = &seconds }

// EscalationLevel is monitor_routing.param1: 0 (NULL) for a route that
// gets every message of its scene and country; 1, 2… for an escalation
// route, which gets a firing alert only once it has fired, not resolved
// and not been acknowledged, for EscalationDelay.
func (r *Routing) EscalationLevel() int { return nonNegative(r.Param1) }

// SetEscalationLevel sets monitor_routing.param1 (see EscalationLevel).
func (r *Routing) SetEscalationLevel(level int) { r.Param1 = &level }

// EscalationDelay is monitor_routing.param3, in seconds: how long after it
// began to fire an alert escalates to this route's level (0 when NULL).
func (r *Routing) EscalationDelay() int { return nonNegative(r.Param3) }

// SetEscalationDelay sets monitor_routing.param3 (see EscalationDelay).
func (r *Routing) SetEscalationDelay(seconds int) { r.Param3 = &seconds }

// EscalationRepeat is monitor_routing.param2, in seconds: how often an
// escalation route is notified again while the alert still fires (0, NULL:
// once).
func (r *Routing) EscalationRepeat() int { return nonNegative(r.Param2) }

// SetEscalationRepeat sets monitor_routing.param2 (see EscalationRepeat).
func (r *Routing) SetEscalationRepeat(seconds int) { r.Param2 = &seconds }

// Kind is monitor_send_log.param1: what the pending alert says (firing,
// repeat, resolved…; KindAlert for NULL).
func (l *SendLog) Kind() MessageKind {
	if l.Param1 == nil {
		return KindAlert
	}
	return MessageKind(*l.Param1)
}

// SetKind sets monitor_send_log.param1 (see Kind).
func (l *SendLog) SetKind(k MessageKind) {
	if k == KindAlert {
		l.Param1 = nil
		return
	}
	l.Param1 = new(int(k))
}

// Level is monitor_send_log.param2: for an escalation, its level (the
// routes of that level get it); for other kinds, the highest escalation
// level notified before (a resolved message goes to those routes too).
func (l *SendLog) Level() int { return nonNegative(l.Param2) }

// SetLevel sets monitor_send_log.param2 (see Level).
func (l *SendLog) SetLevel(level int) { l.Param2 = &level }

// Kind is monitor_send_log_hist.param1 (see SendLog.Kind).
func (h *SendLogHist) Kind() MessageKind {
	if h.Param1 == nil {
		return KindAlert
	}
	return MessageKind(*h.Param1)
}

func atLeastOne(p *int) int {
	if p == nil || *p < 1 {
		return 1
	}
	return *p
}

func nonNegative(p *int) int {
	if p == nil || *p < 0 {
		return 0
	}
	return *p
}

// MessageKind is monitor_record.param1: the message the alert lifecycle
// decided for the record's window (firing, repeat, resolved, no data);
// KindAlert (NULL) for a record no lifecycle took (Fire, reports, another
// system's). A record whose recording is retried sends that message.
func (r *Record) MessageKind() MessageKind {
	if r.Param1 == nil {
		return KindAlert
	}
	return MessageKind(*r.Param1)
}

// RuleNo is monitor_send_log.param5: the rule that raised the alert (the
// record's, Record.RuleNo), so that a silence on a rule applies when it
// is sent. "" when unknown.
func (l *SendLog) RuleNo() string { return str(l.Param5) }

// SetRuleNo sets monitor_send_log.param5 (see RuleNo).
func (l *SendLog) SetRuleNo(ruleNo string) { l.Param5 = nullIfEmpty(ruleNo) }
