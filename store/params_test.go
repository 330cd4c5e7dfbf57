package store

import (
	"reflect"
	"testing"
)

// TestParamAccessors: each accessor reads and writes the reserved column
// its documentation names, with the documented value for NULL.
func TestParamAccessors(t *testing.T) {
	// written reports which of param1..param6 hold a value.
	written := func(p Params) []string {
		var out []string
		v := reflect.ValueOf(p)
		for i := range v.NumField() {
			if !v.Field(i).IsNil() {
				out = append(out, v.Type().Field(i).Tag.Get("db"))
			}
		}
		return out
	}
	want := func(what string, got []string, cols ...string) {
		t.Helper()
		if !reflect.DeepEqual(got, cols) {
			t.Errorf("%s writes %v, want %v", what, got, cols)
		}
	}

	var r Record
	if r.RuleNo() != "" || r.SlNo() != "" {
		t.Errorf("a new record: rule %q sl_no %q", r.RuleNo(), r.SlNo())
	}
	r.SetRuleNo("RL1")
	want("Record.SetRuleNo", written(r.Params), "param5")
	r.SetSlNo("SL1")
	want("Record.SetSlNo", written(r.Params), "param5", "param6")
	if r.RuleNo() != "RL1" || *r.Param5 != "RL1" || r.SlNo() != "SL1" || *r.Param6 != "SL1" {
		t.Errorf("record: rule %q sl_no %q", r.RuleNo(), r.SlNo())
	}
	r.SetRuleNo("")
	r.SetSlNo("")
	want("Record.SetRuleNo(\"\") and SetSlNo(\"\")", written(r.Params))

	var l SendLog
	if l.MergeCount() != 1 || l.RecordBuNo() != "" {
		t.Errorf("a new send log: count %d record %q", l.MergeCount(), l.RecordBuNo())
	}
	l.SetMergeCount(3)
	want("SendLog.SetMergeCount", written(l.Params), "param3")
	l.SetRecordBuNo("RC1")
	want("SendLog.SetRecordBuNo", written(l.Params), "param3", "param4")
	if l.MergeCount() != 3 || *l.Param3 != 3 || l.RecordBuNo() != "RC1" || *l.Param4 != "RC1" {
		t.Errorf("send log: count %d record %q", l.MergeCount(), l.RecordBuNo())
	}
	h := SendLogHist{Params: l.Params}
	if h.MergeCount() != 3 || h.RecordBuNo() != "RC1" {
		t.Errorf("history: count %d record %q", h.MergeCount(), h.RecordBuNo())
	}
	if (&SendLogHist{}).MergeCount() != 1 {
		t.Error("an archived row without param3 holds one alert")
	}

	var tpl Template
	if s, ok := tpl.SlotSeconds(); ok || s != 0 || tpl.Schedule() != "" || tpl.TitleChinese() != "" {
		t.Errorf("a new template: slot %d %v schedule %q title %q", s, ok, tpl.Schedule(), tpl.TitleChinese())
	}
	tpl.SetSlotSeconds(300)
	want("Template.SetSlotSeconds", written(tpl.Params), "param3")
	tpl.SetSchedule("0 9 * * *")
	want("Template.SetSchedule", written(tpl.Params), "param3", "param4")
	tpl.SetTitleChinese("短信成功率")
	want("Template.SetTitleChinese", written(tpl.Params), "param3", "param4", "param6")
	if s, ok := tpl.SlotSeconds(); !ok || s != 300 || *tpl.Param3 != 300 {
		t.Errorf("slot %d %v", s, ok)
	}
	if tpl.Schedule() != "0 9 * * *" || *tpl.Param4 != "0 9 * * *" || tpl.TitleChinese() != "短信成功率" || *tpl.Param6 != "短信成功率" {
		t.Errorf("template: schedule %q title %q", tpl.Schedule(), tpl.TitleChinese())
	}
	tpl.SetSlotSeconds(0) // kept as given: the engine's check refuses it
	if s, ok := tpl.SlotSeconds(); !ok || s != 0 {
		t.Errorf("slot 0: %d %v", s, ok)
	}

	var bd BasicData
	if n, ok := bd.FileSize(); ok || n != 0 || bd.CountryNo() != "" {
		t.Errorf("a new report: size %d %v country %q", n, ok, bd.CountryNo())
	}
	bd.SetCountryNo("PH")
	want("BasicData.SetCountryNo", written(bd.Params), "param4")
	bd.Param3 = new(2048) // as FinishBasicData writes it
	if n, ok := bd.FileSize(); !ok || n != 2048 || bd.CountryNo() != "PH" {
		t.Errorf("report: size %d %v country %q", n, ok, bd.CountryNo())
	}
}

// TestParamAccessorColumns: the columns the accessors name hold what they
// store (text fits, numbers are param1..param3).
func TestParamAccessorColumns(t *testing.T) {
	for _, c := range []struct {
		table, column string
		min           int // characters the meaning needs
	}{
		{tableRecord, "param5", 32},   // a rule_no
		{tableRecord, "param6", 32},   // an sl_no
		{tableSendLog, "param4", 32},  // a record's bu_no
		{tableTemplate, "param4", 9},  // a cron schedule such as "0 9 * * *"
		{tableTemplate, "param6", 64}, // the Chinese title
		{tableBasicData, "param4", 3}, // a country_no
	} {
		if got := ColumnLimit(c.table, c.column); got < c.min {
			t.Errorf("%s.%s holds %d characters, its meaning needs %d", c.table, c.column, got, c.min)
		}
	}
}
