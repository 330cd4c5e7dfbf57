package console

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/yujing-go/yujing/alert"
	"github.com/yujing-go/yujing/ops"
	"github.com/yujing-go/yujing/store"
)

// alertsBody is the alerts page's data: the search form as sent, and a
// page of the history it finds.
type alertsBody struct {
	Form   alertsForm
	Scenes []alert.SceneInfo
	Page   ops.HistoryPage
	Rows   []alertRow
	// Statuses and Kinds are the names the form's selects offer.
	Statuses, Kinds []string
	Next            string // the next page's query, the filters kept; "" on the last
	First           string // the first page's query (the filters without the cursor)
}

// alertRow is an alert of the history with its status's name.
type alertRow struct {
	ops.HistoryEntry
	StatusName string
}

// alertsForm is the search form, as typed.
type alertsForm struct {
	Scene, Country, Channel, Status, Kind, From, To, After string
}

// sendStatusNames are the names of monitor_send_log's states, by code.
var sendStatusNames = [...]string{"waiting", "sent", "failed", "muted"}

// kindNames are the names of store.MessageKind, by code.
var kindNames = [...]string{"alert", "firing", "repeat", "resolved", "recovered", "no-data", "escalated", "unmuted"}

// alerts searches the alerts, sent and archived (ops.History), by scene,
// country, channel, status, kind and time range, a page at a time with
// the history's cursor (?after=). Filters that do not read are refused
// with 422 and the reason.
func (c *console) alerts(w http.ResponseWriter, r *http.Request, p *pageData) error {
	q := r.URL.Query()
	body := &alertsBody{Scenes: c.engine.SceneInfos(), Form: alertsForm{Scene: q.Get("scene"), Country: strings.TrimSpace(q.Get("country")),
		Channel: strings.TrimSpace(q.Get("channel")), Status: q.Get("status"), Kind: q.Get("kind"), From: strings.TrimSpace(q.Get("from")),
		To: strings.TrimSpace(q.Get("to")), After: q.Get("after")}}
	body.Statuses, body.Kinds = sendStatusNames[:], kindNames[:]
	p.Body = body
	f, err := body.Form.filter(c.pageSize)
	if err == nil {
		body.Page, err = c.kit().History(r.Context(), f)
	}
	if err != nil {
		return refusal(err)
	}
	for _, e := range body.Page.Entries {
		body.Rows = append(body.Rows, alertRow{HistoryEntry: e, StatusName: statusName(e.Status)})
	}
	if body.Page.Next != "" {
		body.Next = "alerts?" + body.Form.query(body.Page.Next)
	}
	if body.Form.After != "" {
		body.First = "alerts?" + body.Form.query("")
	}
	return nil
}

// kit is the operator's toolkit on the console's engine and clock.
func (c *console) kit() *ops.Toolkit {
	return ops.New(c.engine, c.db, ops.WithClock(c.engine.Now))
}

// filter reads the form as a history filter; what does not read is a
// *store.ValidationError naming the field.
func (f alertsForm) filter(limit int) (ops.HistoryFilter, error) {
	h := ops.HistoryFilter{Country: f.Country, ChannelNo: f.Channel, After: f.After, Limit: min(limit, ops.MaxHistoryLimit)}
	if f.Scene != "" {
		n, err := strconv.Atoi(strings.TrimSpace(f.Scene))
		if err != nil {
			return h, searchError("scene", "the scene "+strconv.Quote(f.Scene)+" is not an info_type number")
		}
		h.Scene = &n
	}
	if f.Status != "" {
		i, ok := nameIndex(f.Status, sendStatusNames[:])
		if !ok {
			return h, searchError("status", "the status "+strconv.Quote(f.Status)+" is not one of "+strings.Join(sendStatusNames[:], ", "))
		}
		h.Status = new(store.SendStatus(i))
	}
	if f.Kind != "" {
		i, ok := nameIndex(f.Kind, kindNames[:])
		if !ok {
			return h, searchError("kind", "the kind "+strconv.Quote(f.Kind)+" is not one of "+strings.Join(kindNames[:], ", "))
		}
		h.Kind = new(store.MessageKind(i))
	}
	var err error
	if h.From, err = searchTime("from", f.From); err != nil {
		return h, err
	}
	h.To, err = searchTime("to", f.To)
	return h, err
}

// nameIndex finds v among names.
func nameIndex(v string, names []string) (int, bool) {
	v = strings.ToLower(strings.TrimSpace(v))
	for i, n := range names {
		if v == n {
			return i, true
		}
	}
	return 0, false
}

// searchTime reads a time of the search form: a datetime-local field
// (UTC), or RFC 3339; "" is the zero time.
func searchTime(field, v string) (time.Time, error) {
	if v == "" {
		return time.Time{}, nil
	}
	if t, err := time.Parse(formTime, v); err == nil {
		return t.UTC(), nil
	}
	if t, err := time.Parse(time.RFC3339, v); err == nil {
		return t.UTC(), nil
	}
	return time.Time{}, searchError(field, "the time "+strconv.Quote(v)+" is not one such as 2026-11-24T08:00 (UTC)")
}

// query writes the form's filters as a query, with the cursor after when
// given.
func (f alertsForm) query(after string) string {
	v := url.Values{}
	for _, kv := range [][2]string{{"scene", f.Scene}, {"country", f.Country}, {"channel", f.Channel}, {"status", f.Status},
		{"kind", f.Kind}, {"from", f.From}, {"to", f.To}, {"after", after}} {
		if kv[1] != "" {
			v.Set(kv[0], kv[1])
		}
	}
	return v.Encode()
}

// statusName names a send status for the page ("status N" for another).
func statusName(s store.SendStatus) string {
	if int(s) >= 0 && int(s) < len(sendStatusNames) {
		return sendStatusNames[s]
	}
	return "status " + strconv.Itoa(int(s))
}

// searchError refuses a search form's field.
func searchError(field, reason string) error {
	return &store.ValidationError{Table: "history", Column: field, Reason: reason}
}
