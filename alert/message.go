package alert

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"strconv"
	"strings"
	"time"

	"github.com/yujing-go/yujing/ack"
	"github.com/yujing-go/yujing/alert/report"
	"github.com/yujing-go/yujing/alert/template"
	"github.com/yujing-go/yujing/channel"
	"github.com/yujing-go/yujing/store"
)

// composer renders pending alerts into messages, in both languages, with
// the report files they link or attach.
type composer struct {
	cat         *catalog
	templates   *template.Cache
	business    store.Business
	uploader    report.Uploader // nil: no reports
	attachLimit int64
	acks        *ack.Signer // nil: {ack_link} is empty
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
	sets, count, rf, err := e.values(ix, l, reports, now)
	if err != nil {
		return channel.Message{}, err
	}
	titles, err := e.titles(tpl, sets[0])
	if err != nil {
		return channel.Message{}, err
	}
	m := channel.Message{Labels: map[string]string{}}
	firing, resolved := splitResolved(sets)
	kind := l.Kind()
	for zh, t := range titles {
		if p := titlePrefix(kind, zh); p != "" && t != "" {
			titles[zh] = p + t
		}
	}
	en, zh := messageTexts(tpl, kind)
	for _, lang := range []struct {
		text    messageText
		chinese bool
		dst     *channel.Content
	}{{en, false, &m.English}, {zh, true, &m.Chinese}} {
		text, err := e.kindBody(tpl, kind, lang.text, lang.chinese, count, firing, resolved)
		if err != nil {
			return channel.Message{}, err
		}
		if text != "" {
			*lang.dst = channel.Content{Title: titles[lang.chinese], Text: text}
		}
	}
	if kind != store.KindAlert {
		m.Labels["kind"] = kind.String()
	}
	vals := sets[0]
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

// values returns the values of each alert a pending alert holds, completed
// with those known only now, how many alerts it holds, and the report file
// of the first one (nil when it is no report's).
func (e *composer) values(ix *configIndex, l *store.SendLog, reports map[string]*reportFile, now time.Time) (
	sets []map[string]string, count int, rf *reportFile, err error) {
	sets, err = store.ValueSets(str(l.Content))
	if err != nil {
		return nil, 0, nil, fmt.Errorf("alert values: %w", err)
	}
	count = max(l.MergeCount(), len(sets))
	country, infoType := str(l.CountryNo), intOr(l.InfoType, 0)
	d := &template.Data{Country: country, CountryName: ix.countryName(country), Scene: e.cat.sceneName(infoType), InfoType: infoType,
		Location: e.cat.zone(country), Count: count, SlNo: str(l.SlNo), SentAt: now}
	for i, vals := range sets {
		d.Link = ""
		if g, ok := vals[hiddenReport]; ok {
			r := reports[g]
			if r == nil || r.url == "" {
				return nil, 0, nil, fmt.Errorf("report %s has no file (monitor_basic_data)", g)
			}
			if i == 0 {
				rf = r
			}
			d.Link = r.url
			delete(vals, hiddenReport)
		}
		d.AckLink = ""
		if since, ok := vals[hiddenSince]; ok {
			delete(vals, hiddenSince)
			if sec, err := strconv.ParseInt(since, 10, 64); err == nil && e.acks != nil {
				d.AckLink = e.acks.Link(ack.Target{InfoType: infoType, Country: country, FiringSince: time.Unix(sec, 0).UTC()}, now)
			}
		}
		template.AddSent(vals, d)
	}
	return sets, count, rf, nil
}

// titles renders a template's title in each language (keyed by "is
// Chinese"): title is the English one, param6 the Chinese one, and a
// language without its own takes the other's.
func (e *composer) titles(tpl store.Template, vals map[string]string) (map[bool]string, error) {
	titles := map[bool]string{}
	for _, zh := range []bool{false, true} {
		col, src, other := "title", str(tpl.Title), tpl.TitleChinese()
		if zh {
			col, src, other = "param6 (Chinese title)", other, src
		}
		if strings.TrimSpace(src) == "" {
			src = other
		}
		if strings.TrimSpace(src) == "" {
			continue
		}
		t, err := e.templates.Parse(src)
		if err == nil {
			titles[zh], err = t.Render(vals)
		}
		if err != nil {
			return nil, fmt.Errorf("template %s %s: %w", str(tpl.ModNo), col, err)
		}
	}
	return titles, nil
}

// body renders one language's text of a template for the alerts a pending
// alert holds: the text itself for one alert, a numbered list under a line
// saying how many for several ("" when the template has no text in it).
func (e *composer) body(modNo, col string, src *string, chinese bool, count int, sets []map[string]string) (string, error) {
	if src == nil || strings.TrimSpace(*src) == "" {
		return "", nil
	}
	t, err := e.templates.Parse(*src)
	if err != nil {
		return "", fmt.Errorf("template %s %s: %w", modNo, col, err)
	}
	texts := make([]string, 0, len(sets))
	for _, set := range sets {
		text, err := t.Render(set)
		if err != nil {
			return "", fmt.Errorf("template %s %s: %w", modNo, col, err)
		}
		texts = append(texts, text)
	}
	if len(texts) == 1 && count == 1 {
		return texts[0], nil
	}
	return mergedText(chinese, count, texts), nil
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

// kindBody renders one language's text of a pending alert of the kind: a
// resolve's own text; for a firing alert that recovered before it was
// sent, the alert's text and then the resolve's; for a repeat, the text and
// for how long it fires (unless the text says {duration}); for an
// escalation, its level and for how long first.
func (e *composer) kindBody(tpl store.Template, kind store.MessageKind, text messageText, chinese bool, count int,
	firing []map[string]string, resolved map[string]string) (string, error) {
	modNo := str(tpl.ModNo)
	if kind == store.KindResolved && resolved != nil {
		firing = append(firing, resolved)
	}
	body, err := e.body(modNo, text.col, text.src, chinese, max(count-btoi(kind == store.KindRecovered), len(firing)), firing)
	if err != nil || body == "" {
		return body, err
	}
	vals := map[string]string{}
	if len(firing) > 0 {
		vals = firing[len(firing)-1]
	}
	switch kind {
	case store.KindRecovered:
		rt, rz := messageTexts(tpl, store.KindResolved)
		src := rt
		if chinese {
			src = rz
		}
		if resolved == nil || str(src.src) == "" {
			return body + "\n" + pick(chinese, "(recovered before this message was sent)", "（发送前已恢复）"), nil
		}
		more, err := e.body(modNo, src.col, src.src, chinese, 1, []map[string]string{resolved})
		return body + "\n" + more, err
	case store.KindRepeat:
		if !strings.Contains(str(text.src), "{duration}") && vals["duration"] != "" {
			return body + "\n" + pick(chinese, "Still firing, for "+vals["duration"]+".", "仍在告警，已持续 "+vals["duration"]+"。"), nil
		}
	case store.KindNoData:
		if text.col == "content" || text.col == "content_chinese" { // the alert's text: say it is about no data
			if !strings.Contains(str(text.src), "{state}") {
				return pick(chinese, "[No data] ", "【无数据】") + body, nil
			}
		}
	case store.KindUnmuted:
		return pick(chinese, "[Fired during a silence, still firing] for "+vals["duration"], "【静默期间触发，仍在告警】已持续 "+vals["duration"]) + "\n" + body, nil
	case store.KindEscalated:
		return pick(chinese, fmt.Sprintf("[Escalated, level %s] firing for %s", vals["escalation_level"], vals["duration"]),
			fmt.Sprintf("【告警升级 %s 级】已持续 %s", vals["escalation_level"], vals["duration"])) + "\n" + body, nil
	}
	return body, nil
}

// titlePrefix says in the title what a message of the kind is about, so
// that a resolve does not read like the alert (its title is the alert's).
func titlePrefix(kind store.MessageKind, chinese bool) string {
	switch kind {
	case store.KindResolved, store.KindRecovered:
		return pick(chinese, "[Resolved] ", "【已恢复】")
	case store.KindNoData:
		return pick(chinese, "[No data] ", "【无数据】")
	case store.KindEscalated:
		return pick(chinese, "[Escalated] ", "【升级】")
	}
	return ""
}

// splitResolved takes a resolve's values out of the value sets of a pending
// alert (it is last, marked hiddenResolved).
func splitResolved(sets []map[string]string) (firing []map[string]string, resolved map[string]string) {
	for _, s := range sets {
		if _, ok := s[hiddenResolved]; ok {
			delete(s, hiddenResolved)
			resolved = s
			continue
		}
		firing = append(firing, s)
	}
	return firing, resolved
}

func pick(chinese bool, en, zh string) string {
	if chinese {
		return zh
	}
	return en
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// hiddenSince is the firing episode (unix seconds) an alert's {ack_link}
// acknowledges; stored only when the template uses {ack_link}.
const hiddenSince = "_since"

// hiddenResolved marks the values of a resolve (not a placeholder), so that
// a firing alert that recovered before it was sent shows both.
const hiddenResolved = "_resolved"

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
		if size, ok := bd.FileSize(); e.attachLimit == 0 || !ok || size > e.attachLimit || !hasEmail(ix, &logs[i]) {
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
	for _, ch := range ix.channelsOf(l) {
		if derefType(ch.Type) == store.ChannelEmail {
			return true
		}
	}
	return false
}
