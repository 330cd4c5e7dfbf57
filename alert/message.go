package alert

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/yujing-go/yujing/alert/report"
	"github.com/yujing-go/yujing/channel"
	"github.com/yujing-go/yujing/store"
)

// message renders a pending alert in both languages, with the values
// stored with it and those known only now (country, count, sl_no…). A
// template that was disabled since, or that now names a value the alert
// does not carry, is an error for the row (its reason), never a message
// with blanks.
func (e *Engine) message(ix *configIndex, l *store.SendLog, reports map[string]*reportFile, now time.Time) (channel.Message, error) {
	modNo := str(l.ModNo)
	tpl, ok := ix.templates[modNo]
	if !ok {
		return channel.Message{}, fmt.Errorf("template %s is not enabled (monitor_mod)", modNo)
	}
	vals, err := store.DecodeValues(str(l.Content))
	if err != nil {
		return channel.Message{}, fmt.Errorf("alert values: %w", err)
	}
	country := str(l.CountryNo)
	infoType := intOr(l.InfoType, 0)
	vals["country"] = country
	vals["info_type"] = strconv.Itoa(infoType)
	vals["count"] = strconv.Itoa(intOr(l.Param3, 1))
	vals["sl_no"] = str(l.SlNo)
	vals["sent_at"] = now.In(e.zone(country)).Format(minuteLayout)
	if _, ok := vals["country_name"]; !ok {
		vals["country_name"] = ix.countryName(country)
	}
	if _, ok := vals["scene"]; !ok {
		vals["scene"] = e.sceneName(infoType)
	}
	var rf *reportFile
	vals["link"] = ""
	if g, ok := vals[hiddenReport]; ok {
		if rf = reports[g]; rf == nil || rf.url == "" {
			return channel.Message{}, fmt.Errorf("report %s has no file (monitor_basic_data)", g)
		}
		vals["link"] = rf.url
		delete(vals, hiddenReport)
	}
	render := func(src *string) (string, error) {
		if src == nil || strings.TrimSpace(*src) == "" {
			return "", nil
		}
		t, err := e.templates.parse(*src)
		if err != nil {
			return "", err
		}
		return t.render(vals)
	}
	title, err := render(tpl.Title)
	if err != nil {
		return channel.Message{}, fmt.Errorf("template %s title: %w", modNo, err)
	}
	en, err := render(tpl.Content)
	if err != nil {
		return channel.Message{}, fmt.Errorf("template %s content: %w", modNo, err)
	}
	zh, err := render(tpl.ContentChinese)
	if err != nil {
		return channel.Message{}, fmt.Errorf("template %s content_chinese: %w", modNo, err)
	}
	m := channel.Message{Labels: map[string]string{}}
	if en != "" {
		m.English = channel.Content{Title: title, Text: en}
	}
	if zh != "" {
		m.Chinese = channel.Content{Title: title, Text: zh}
	}
	if link := vals["link"]; link != "" {
		m.Links = []channel.Link{{Title: "Report", URL: link}}
	}
	if rf != nil && rf.data != nil {
		m.Attachments = []channel.Attachment{{Name: rf.name, ContentType: report.ContentType, Data: rf.data}}
	}
	for k, v := range vals {
		m.Labels[k] = v
	}
	if l.ExpectSendTime != nil {
		m.Labels["slot"] = l.ExpectSendTime.UTC().Format(time.RFC3339)
	}
	return m, nil
}

// hiddenReport is the value, stored with a report's alert, that names the
// report (monitor_basic_data.group_no); it is not a placeholder.
const hiddenReport = "_report"

// reportFile is what a report's alerts need of it when they are sent.
type reportFile struct {
	url  string
	name string
	data []byte // the file, when it is attached (email channels, under the size limit)
}

// reportFiles looks up the reports the alerts of a batch name (one query
// per report; reports are few) and reads the files to attach for alerts
// that go to an email channel.
func (e *Engine) reportFiles(ctx context.Context, ix *configIndex, logs []store.SendLog) map[string]*reportFile {
	out := map[string]*reportFile{}
	for i := range logs {
		vals, err := store.DecodeValues(str(logs[i].Content))
		if err != nil {
			continue
		}
		g, ok := vals[hiddenReport]
		if !ok || out[g] != nil {
			continue
		}
		bd, err := e.business.GetBasicData(ctx, g)
		if err != nil || bd.FileURL == nil {
			continue // message() says so in the row's reason
		}
		meta := e.reportMeta(&bd)
		rf := &reportFile{url: *bd.FileURL, name: report.FileName(meta)}
		out[g] = rf
		if e.attachLimit == 0 || bd.Param3 == nil || int64(*bd.Param3) > e.attachLimit || !hasEmail(ix, &logs[i]) {
			continue
		}
		if data, err := e.readReport(ctx, report.ObjectKey(meta)); err == nil {
			rf.data = data
		} else {
			e.log.WarnContext(ctx, "report not attached; the link is sent", "group_no", g, "err", err)
		}
	}
	return out
}

func (e *Engine) readReport(ctx context.Context, key string) ([]byte, error) {
	r, err := e.uploader.Open(ctx, key)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	return io.ReadAll(io.LimitReader(r, e.attachLimit+1))
}

func hasEmail(ix *configIndex, l *store.SendLog) bool {
	for _, ch := range ix.channelsFor(intOr(l.InfoType, 0), str(l.CountryNo)) {
		if derefType(ch.Type) == store.ChannelEmail {
			return true
		}
	}
	return false
}
