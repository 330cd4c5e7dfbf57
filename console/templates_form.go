package console

import (
	"net/url"
	"strconv"
	"strings"

	"github.com/yujing-go/yujing/store"
)

// tplForm is the template editor's form, as typed. Its field names are
// monitor_mod's columns (param6: the Chinese title; param2: the repeat
// interval; param4: the schedule).
type tplForm struct {
	ModNo, Scene, SendType, Repeat, Schedule string
	Title, TitleZh                           string
	Content, ContentZh                       string
	Resolved, ResolvedZh                     string
	NoData, NoDataZh                         string
}

// readTplForm reads the editor's fields from a query or a posted form.
func readTplForm(v url.Values) tplForm {
	g := func(k string) string { return strings.TrimSpace(v.Get(k)) }
	return tplForm{ModNo: g("mod_no"), Scene: g("info_type"), SendType: g("send_type"), Repeat: g("param2"), Schedule: g("param4"),
		Title: g("title"), TitleZh: g("param6"), Content: v.Get("content"), ContentZh: v.Get("content_chinese"),
		Resolved: v.Get("resolved_content"), ResolvedZh: v.Get("resolved_content_chinese"),
		NoData: v.Get("nodata_content"), NoDataZh: v.Get("nodata_content_chinese")}
}

// formOfTemplate fills the editor with a saved template.
func formOfTemplate(t store.Template) tplForm {
	f := tplForm{ModNo: deref(t.ModNo), Title: deref(t.Title), TitleZh: t.TitleChinese(), Content: deref(t.Content),
		ContentZh: deref(t.ContentChinese), Resolved: deref(t.ResolvedContent), ResolvedZh: deref(t.ResolvedContentChinese),
		NoData: deref(t.NoDataContent), NoDataZh: deref(t.NoDataContentChinese), Schedule: t.Schedule(),
		Repeat: strconv.Itoa(t.RepeatSeconds())}
	if t.InfoType != nil {
		f.Scene = strconv.Itoa(*t.InfoType)
	}
	if t.SendType != nil {
		f.SendType = strconv.Itoa(int(*t.SendType))
	}
	return f
}

// apply writes the form's fields onto t (a saved template, or a new one);
// what the form cannot read is refused here in the store's terms, the
// rest is the configuration API's to check.
func (f tplForm) apply(t store.Template) (store.Template, error) {
	bad := func(col, reason string) error {
		return &store.ValidationError{Table: "monitor_mod", Column: col, Reason: reason}
	}
	scene, err := strconv.Atoi(f.Scene)
	if err != nil {
		return t, bad("info_type", "choose the template's scene")
	}
	st, err := strconv.Atoi(f.SendType)
	if err != nil {
		return t, bad("send_type", "choose realtime (1) or scheduled (2)")
	}
	repeat := 0
	if f.Repeat != "" {
		if repeat, err = strconv.Atoi(f.Repeat); err != nil {
			return t, bad("param2", "the repeat interval is a whole number of seconds, got "+strconv.Quote(f.Repeat))
		}
	}
	if f.ModNo != "" {
		t.ModNo = &f.ModNo
	}
	sendType := store.SendType(st)
	t.InfoType, t.SendType = &scene, &sendType
	t.Title, t.Content, t.ContentChinese = optional(f.Title), optional(f.Content), optional(f.ContentZh)
	t.ResolvedContent, t.ResolvedContentChinese = optional(f.Resolved), optional(f.ResolvedZh)
	t.NoDataContent, t.NoDataContentChinese = optional(f.NoData), optional(f.NoDataZh)
	t.SetTitleChinese(f.TitleZh)
	t.SetSchedule(f.Schedule)
	if repeat != 0 || t.Param2 != nil {
		t.SetRepeatSeconds(repeat)
	}
	return t, nil
}
