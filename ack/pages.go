package ack

import (
	"bytes"
	"fmt"
	"html/template"
	"log/slog"
	"net/http"
	"strconv"
	"time"
)

// timeLayout is how pages show times: in UTC, as the host's users are in
// many time zones and a link carries none.
const timeLayout = "2006-01-02 15:04:05 UTC"

// pages renders the handler's pages: every one in English and Chinese side
// by side, self-contained (no scripts, fonts, images or style sheets from
// elsewhere), every value escaped by html/template.
type pages struct {
	t   *template.Template
	log *slog.Logger
}

func newPages(log *slog.Logger) *pages {
	return &pages{t: template.Must(template.New("ack").Parse(pageTemplates)), log: log}
}

// pageData is what a page template reads; each page uses some fields.
type pageData struct {
	TitleEN, TitleZH string
	TextEN, TextZH   string
	Target           *targetView

	// The confirmation page.
	Action               string // the form's action: "?" and the link's query
	User                 string // the host's user; "" asks for a name
	Name                 string // the name typed, shown again with a problem
	Choices              []choice
	ProblemEN, ProblemZH string

	// The done page.
	By               string
	UntilEN, UntilZH string
}

type targetView struct {
	InfoType int
	Country  string
	Since    string
}

func viewOf(t Target) *targetView {
	return &targetView{InfoType: t.InfoType, Country: t.Country, Since: t.FiringSince.UTC().Format(timeLayout)}
}

// choice is one of the durations the form offers.
type choice struct {
	Value   string // time.Duration.String(), or "" for until it resolves
	EN, ZH  string
	Checked bool
}

// confirm renders the confirmation page with its form; p, with status 400,
// says what was wrong with the form sent.
func (pg *pages) confirm(w http.ResponseWriter, r *http.Request, status int, t Target, user, name, chosen string, p problem, ds []time.Duration) {
	d := pageData{
		TitleEN: "Acknowledge alert", TitleZH: "确认告警",
		Target: viewOf(t), Action: "?" + r.URL.RawQuery, User: user, Name: name,
		ProblemEN: p.en(), ProblemZH: p.zh(),
	}
	d.Choices = append(d.Choices, choice{Value: "", EN: "until it resolves", ZH: "直至告警恢复", Checked: chosen == ""})
	for _, x := range ds {
		en, zh := durationText(x)
		d.Choices = append(d.Choices, choice{Value: x.String(), EN: "for " + en, ZH: zh, Checked: chosen == x.String()})
	}
	pg.render(w, r, status, "confirm", &d)
}

// done renders the page of a recorded acknowledgement.
func (pg *pages) done(w http.ResponseWriter, r *http.Request, req Request, d time.Duration) {
	data := pageData{
		TitleEN: "Acknowledged", TitleZH: "已确认",
		Target: viewOf(req.Target), By: req.By,
		UntilEN: "until it resolves", UntilZH: "直至告警恢复",
	}
	if !req.Until.IsZero() {
		en, zh := durationText(d)
		until := req.Until.UTC().Format(timeLayout)
		data.UntilEN = "until " + until + " (" + en + ")"
		data.UntilZH = "有效至 " + until + "（" + zh + "）"
	}
	pg.render(w, r, http.StatusOK, "done", &data)
}

// message renders a page that only says something: a refusal or a failure.
func (pg *pages) message(w http.ResponseWriter, r *http.Request, status int, m message, t *Target) {
	d := pageData{}
	d.TitleEN, d.TitleZH, d.TextEN, d.TextZH = m.text()
	if t != nil {
		d.Target = viewOf(*t)
	}
	pg.render(w, r, status, "message", &d)
}

// render executes the page into a buffer (so a failure shows no half
// page) and writes it with headers that keep it out of caches, keep the
// link out of Referer headers, and forbid anything but the page's own
// inline style and its form posting back.
func (pg *pages) render(w http.ResponseWriter, r *http.Request, status int, name string, d *pageData) {
	var buf bytes.Buffer
	ctype := "text/html; charset=utf-8"
	if err := pg.t.ExecuteTemplate(&buf, name, d); err != nil {
		pg.log.Error("ack: rendering a page failed", "page", name, "err", err)
		buf.Reset()
		buf.WriteString("ack: the page could not be rendered\n")
		ctype, status = "text/plain; charset=utf-8", http.StatusInternalServerError
	}
	h := w.Header()
	h.Set("Content-Type", ctype)
	h.Set("Content-Length", strconv.Itoa(buf.Len()))
	h.Set("Cache-Control", "no-store")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(buf.Bytes())
	}
}

// durationText is d for people: "4 hours" and "4 小时".
func durationText(d time.Duration) (en, zh string) {
	plural := func(n int64, unit string) string {
		if n == 1 {
			return "1 " + unit
		}
		return fmt.Sprintf("%d %ss", n, unit)
	}
	switch {
	case d%time.Hour == 0:
		n := int64(d / time.Hour)
		return plural(n, "hour"), fmt.Sprintf("%d 小时", n)
	case d%time.Minute == 0:
		n := int64(d / time.Minute)
		return plural(n, "minute"), fmt.Sprintf("%d 分钟", n)
	}
	return d.String(), d.String()
}

// message is a page that only says something.
type message int

const (
	msgForged message = iota
	msgExpired
	msgStale
	msgAlready
	msgFailed
	msgMethod
	msgCrossOrigin
)

// text is the message's titles and texts in English and Chinese.
func (m message) text() (titleEN, titleZH, en, zh string) {
	switch m {
	case msgForged:
		return "Invalid link", "链接无效",
			"This link is not valid: it is incomplete or was altered. Open it again, whole, from the alert message.",
			"此链接无效：不完整或已被改动。请从告警消息中重新完整打开。"
	case msgExpired:
		return "Link expired", "链接已过期",
			"This link has expired; nothing was recorded. Use the link in a newer alert message.",
			"此链接已过期，未做任何记录。请使用较新告警消息中的链接。"
	case msgStale:
		return "Alert changed", "告警已变化",
			"This alert resolved or fired again since the link was made; nothing was recorded. Use the link in the latest alert message.",
			"此链接生成后，告警已恢复或再次触发，未做任何记录。请使用最新告警消息中的链接。"
	case msgAlready:
		return "Already acknowledged", "已被确认",
			"This alert is already acknowledged; nothing more was recorded.",
			"此告警已被确认，未重复记录。"
	case msgFailed:
		return "Not recorded", "未能记录",
			"The acknowledgement could not be recorded. Try again in a moment, or acknowledge another way.",
			"未能记录此次确认。请稍后重试，或通过其他方式确认。"
	case msgMethod:
		return "Method not allowed", "不支持的请求方法",
			"This address answers GET (the page) and POST (its form) only; open the link in a browser.",
			"此地址仅支持 GET（页面）与 POST（表单）；请在浏览器中打开链接。"
	case msgCrossOrigin:
		return "Request refused", "请求被拒绝",
			"The request came from another site and was refused; nothing was recorded. Open the link from the alert message itself.",
			"该请求来自其他网站，已被拒绝，未做任何记录。请直接从告警消息中打开链接。"
	}
	return "Error", "错误", "Something went wrong.", "出现错误。"
}

// problem is what was wrong with a form sent; problemNone is nothing.
type problem int

const (
	problemNone problem = iota
	problemForm
	problemDuration
	problemNameEmpty
	problemNameEncoding
	problemNameLong
	problemNameControl
)

func (p problem) en() string {
	switch p {
	case problemForm:
		return "The form could not be read; send it again."
	case problemDuration:
		return "Choose one of the durations offered."
	case problemNameEmpty:
		return "Enter your name."
	case problemNameEncoding:
		return "Your name is not valid UTF-8 text."
	case problemNameLong:
		return fmt.Sprintf("Your name is longer than %d characters.", MaxNameLength)
	case problemNameControl:
		return "Your name holds a control character."
	}
	return ""
}

func (p problem) zh() string {
	switch p {
	case problemForm:
		return "无法读取表单，请重新提交。"
	case problemDuration:
		return "请选择所列时长之一。"
	case problemNameEmpty:
		return "请填写您的姓名。"
	case problemNameEncoding:
		return "姓名不是有效的 UTF-8 文本。"
	case problemNameLong:
		return fmt.Sprintf("姓名超过 %d 个字符。", MaxNameLength)
	case problemNameControl:
		return "姓名含有控制字符。"
	}
	return ""
}

// pageTemplates are the pages. "top" and "bottom" frame each; the texts
// stand in two columns, English and Chinese, which stack on a phone.
const pageTemplates = `
{{define "top"}}<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="robots" content="noindex">
<title>{{.TitleEN}} · {{.TitleZH}}</title>
<style>
body{font:16px/1.5 system-ui,-apple-system,"Segoe UI","PingFang SC","Microsoft YaHei",sans-serif;margin:0;padding:1rem;color:#1d2127;background:#f3f4f6}
main{max-width:46rem;margin:1rem auto;background:#fff;border:1px solid #d5d9df;border-radius:8px;padding:1.25rem 1.5rem}
.cols{display:grid;grid-template-columns:repeat(auto-fit,minmax(15rem,1fr));gap:0 2rem}
h1{font-size:1.2rem;margin:.2rem 0 .6rem}
.problem{background:#fdecea;border:1px solid #f5c2bd;border-radius:6px;padding:.5rem .75rem}
form{border-top:1px solid #e3e6ea;margin-top:1rem;padding-top:1rem}
fieldset{border:1px solid #e3e6ea;border-radius:6px;margin:0 0 1rem}
input[type=text]{font:inherit;padding:.35rem .5rem;width:min(100%,20rem);box-sizing:border-box}
button{font:inherit;padding:.45rem 1.2rem;border-radius:6px;border:1px solid #1a5fb4;background:#1c71d8;color:#fff}
</style>
</head>
<body>
<main>
{{end}}

{{define "bottom"}}</main>
</body>
</html>
{{end}}

{{define "message"}}{{template "top" .}}<div class="cols">
<section lang="en">
<h1>{{.TitleEN}}</h1>
{{with .Target}}<p>Scene {{.InfoType}} in {{.Country}}, firing since {{.Since}}.</p>
{{end}}<p>{{.TextEN}}</p>
</section>
<section lang="zh-CN">
<h1>{{.TitleZH}}</h1>
{{with .Target}}<p>场景 {{.InfoType}}，国家 {{.Country}}，自 {{.Since}} 起告警。</p>
{{end}}<p>{{.TextZH}}</p>
</section>
</div>
{{template "bottom" .}}{{end}}

{{define "confirm"}}{{template "top" .}}<div class="cols">
<section lang="en">
<h1>Acknowledge this alert?</h1>
{{with .Target}}<p>Scene <b>{{.InfoType}}</b> in <b>{{.Country}}</b> has been firing since <b>{{.Since}}</b>.</p>
{{end}}<p>Acknowledging tells the others that someone is on it.</p>
</section>
<section lang="zh-CN">
<h1>确认此告警？</h1>
{{with .Target}}<p>场景 <b>{{.InfoType}}</b>，国家 <b>{{.Country}}</b>，自 <b>{{.Since}}</b> 起告警。</p>
{{end}}<p>确认即告知其他人：已有人在处理。</p>
</section>
</div>
{{if .ProblemEN}}<p class="problem" role="alert"><span lang="en">{{.ProblemEN}}</span> <span lang="zh-CN">{{.ProblemZH}}</span></p>
{{end}}<form method="post" action="{{.Action}}">
{{if .User}}<p>Acknowledging as · 确认人：<b>{{.User}}</b></p>
{{else}}<p><label for="name">Your name · 您的姓名</label><br>
<input type="text" id="name" name="name" value="{{.Name}}" required maxlength="64" autocomplete="name"></p>
{{end}}<fieldset>
<legend>For how long · 确认时长</legend>
{{range .Choices}}<label><input type="radio" name="duration" value="{{.Value}}"{{if .Checked}} checked{{end}}> {{.EN}} · {{.ZH}}</label><br>
{{end}}</fieldset>
<button type="submit">Acknowledge · 确认</button>
</form>
{{template "bottom" .}}{{end}}

{{define "done"}}{{template "top" .}}<div class="cols">
<section lang="en">
<h1>{{.TitleEN}}</h1>
<p>Scene <b>{{.Target.InfoType}}</b> in <b>{{.Target.Country}}</b>, firing since {{.Target.Since}}, is acknowledged by <b>{{.By}}</b> {{.UntilEN}}.</p>
<p>You can close this page.</p>
</section>
<section lang="zh-CN">
<h1>{{.TitleZH}}</h1>
<p>场景 <b>{{.Target.InfoType}}</b>（国家 <b>{{.Target.Country}}</b>，自 {{.Target.Since}} 起告警）已由 <b>{{.By}}</b> 确认，{{.UntilZH}}。</p>
<p>您可以关闭此页面。</p>
</section>
</div>
{{template "bottom" .}}{{end}}
`
