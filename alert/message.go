package alert

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/yujing-go/yujing/channel"
	"github.com/yujing-go/yujing/store"
)

// message renders a pending alert in both languages, with the values
// stored with it and those known only now (country, count, sl_no…). A
// template that was disabled since, or that now names a value the alert
// does not carry, is an error for the row (its reason), never a message
// with blanks.
func (e *Engine) message(ix *configIndex, l *store.SendLog, now time.Time) (channel.Message, error) {
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
	for k, v := range vals {
		m.Labels[k] = v
	}
	if l.ExpectSendTime != nil {
		m.Labels["slot"] = l.ExpectSendTime.UTC().Format(time.RFC3339)
	}
	return m, nil
}
