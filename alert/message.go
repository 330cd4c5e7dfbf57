package alert

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"strconv"
	"strings"
	"time"

	"github.com/yujing-go/yujing/alert/report"
	"github.com/yujing-go/yujing/channel"
	"github.com/yujing-go/yujing/store"
)

// composer renders pending alerts into messages, in both languages, with
// the report files they link or attach.
type composer struct {
	cat         *catalog
	templates   *templateCache
	business    store.Business
	uploader    report.Uploader // nil: no reports
	attachLimit int64
	log         *slog.Logger
}

// message renders a pending alert in both languages, with the values
// stored with it and those known only now (country, count, sl_no…). A
// template that was disabled since, or that now names a value the alert
// does not carry, is an error for the row (its reason), never a message
// with blanks.
func (e *composer) message(ix *configIndex, l *store.SendLog, reports map[string]*reportFile, now time.Time) (channel.Message, error) {
	modNo := str(l.ModNo)
	tpl, ok := ix.templates[modNo]
	if !ok {
		return channel.Message{}, fmt.Errorf("template %s is not enabled (monitor_mod)", modNo)
	}
	sets, err := store.ValueSets(str(l.Content))
	if err != nil {
		return channel.Message{}, fmt.Errorf("alert values: %w", err)
	}
	count := max(intOr(l.Param3, 1), len(sets))
	country := str(l.CountryNo)
	infoType := intOr(l.InfoType, 0)
	var rf *reportFile
	for i, vals := range sets {
		vals["country"] = country
		vals["info_type"] = strconv.Itoa(infoType)
		vals["count"] = strconv.Itoa(count)
		vals["sl_no"] = str(l.SlNo)
		vals["sent_at"] = now.In(e.cat.zone(country)).Format(minuteLayout)
		if _, ok := vals["country_name"]; !ok {
			vals["country_name"] = ix.countryName(country)
		}
		if _, ok := vals["scene"]; !ok {
			vals["scene"] = e.cat.sceneName(infoType)
		}
		vals["link"] = ""
		if g, ok := vals[hiddenReport]; ok {
			r := reports[g]
			if r == nil || r.url == "" {
				return channel.Message{}, fmt.Errorf("report %s has no file (monitor_basic_data)", g)
			}
			if i == 0 {
				rf = r
			}
			vals["link"] = r.url
			delete(vals, hiddenReport)
		}
	}
	vals := sets[0]
	render := func(col string, src *string) (string, error) {
		if src == nil || strings.TrimSpace(*src) == "" {
			return "", nil
		}
		t, err := e.templates.parse(*src)
		if err != nil {
			return "", fmt.Errorf("template %s %s: %w", modNo, col, err)
		}
		var texts []string
		for _, set := range sets {
			text, err := t.render(set)
			if err != nil {
				return "", fmt.Errorf("template %s %s: %w", modNo, col, err)
			}
			texts = append(texts, text)
		}
		if len(texts) == 1 && count == 1 {
			return texts[0], nil
		}
		return mergedText(col == "content_chinese", count, texts), nil
	}
	titles := map[bool]string{} // by Chinese
	for _, zh := range []bool{false, true} {
		col, src, other := "title", tpl.Title, tpl.Param6
		if zh {
			col, src, other = "param6 (Chinese title)", tpl.Param6, tpl.Title
		}
		if src == nil || strings.TrimSpace(*src) == "" {
			src = other // a language without a title of its own takes the other's
		}
		if src == nil || strings.TrimSpace(*src) == "" {
			continue
		}
		t, err := e.templates.parse(*src)
		if err != nil {
			return channel.Message{}, fmt.Errorf("template %s %s: %w", modNo, col, err)
		}
		if titles[zh], err = t.render(vals); err != nil {
			return channel.Message{}, fmt.Errorf("template %s %s: %w", modNo, col, err)
		}
	}
	en, err := render("content", tpl.Content)
	if err != nil {
		return channel.Message{}, err
	}
	zh, err := render("content_chinese", tpl.ContentChinese)
	if err != nil {
		return channel.Message{}, err
	}
	m := channel.Message{Labels: map[string]string{}}
	if en != "" {
		m.English = channel.Content{Title: titles[false], Text: en}
	}
	if zh != "" {
		m.Chinese = channel.Content{Title: titles[true], Text: zh}
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

// mergedText is the text of a message that holds several alerts: how many,
// each one's text as far as their values were stored, and how many are
// left out.
func mergedText(chinese bool, count int, texts []string) string {
	var b strings.Builder
	if chinese {
		fmt.Fprintf(&b, "本消息合并了 %d 条告警：", count)
	} else {
		fmt.Fprintf(&b, "%d alerts in this message:", count)
	}
	for i, t := range texts {
		fmt.Fprintf(&b, "\n%d. %s", i+1, t)
	}
	if hidden := count - len(texts); hidden > 0 {
		if chinese {
			fmt.Fprintf(&b, "\n…另有 %d 条告警未列出（待发送记录已存不下它们的值）", hidden)
		} else {
			fmt.Fprintf(&b, "\n… and %d more not listed (their values did not fit in the pending alert)", hidden)
		}
	}
	return b.String()
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
func (e *composer) reportFiles(ctx context.Context, ix *configIndex, logs []store.SendLog) map[string]*reportFile {
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
		meta := e.cat.reportMeta(&bd)
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

func (e *composer) readReport(ctx context.Context, key string) ([]byte, error) {
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
