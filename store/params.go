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
