package console

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"github.com/yujing-go/yujing/alert"
	"github.com/yujing-go/yujing/ops"
	"github.com/yujing-go/yujing/store"
)

// templatesBody is the templates page's data: a page of the list, the
// editor, its preview in both languages and the placeholder list.
type templatesBody struct {
	Rows         []tplRow
	Next         string
	Form         tplForm
	Saved        bool
	Problem      *fieldProblem // a refused save
	Preview      *ops.Preview  // the draft's preview, when asked
	Others       []otherKind   // its resolved and no-data messages, when it has their texts
	PreviewErr   string
	Scenes       []alert.SceneInfo
	Placeholders []placeholderDoc
}

// tplRow is a template as the list shows it.
type tplRow struct {
	store.Template
	Scene              string
	StatusKey, SendKey string // the keys of their wording
}

// otherKind is the preview of one more kind of message of the draft.
type otherKind struct {
	Key       string // the wording's key of its kind
	Languages []ops.Rendered
	Error     string
}

// placeholderDoc is a placeholder the engine knows, with what it holds.
type placeholderDoc struct{ Name, Doc string }

// templatesPage lists the templates a page at a time (?after=ID) and
// shows the editor: ?code= a saved template; with the editor's fields (a
// "Preview" without JavaScript) the draft, previewed in both languages.
func (c *console) templatesPage(w http.ResponseWriter, r *http.Request, p *pageData) error {
	q := r.URL.Query()
	body := &templatesBody{Scenes: c.engine.SceneInfos(), Placeholders: placeholderDocs(),
		Form: tplForm{SendType: "1", Repeat: "0"}}
	if len(body.Scenes) > 0 {
		body.Form.Scene = strconv.Itoa(body.Scenes[0].InfoType)
	}
	if err := c.fillTemplateList(r, body); err != nil {
		return err
	}
	if code := q.Get("code"); code != "" {
		saved, err := c.engine.Config(c.db).GetTemplate(r.Context(), code)
		if err != nil {
			return refusal(err)
		}
		body.Form, body.Saved = formOfTemplate(saved), true
	}
	if q.Has("content") {
		body.Form = readTplForm(q)
		body.Saved = q.Get("update") != "" && body.Form.ModNo != ""
		c.preview(r.Context(), body.Form, body)
	}
	p.Body = body
	return nil
}

// fillTemplateList reads the list's page (a keyset page by id).
func (c *console) fillTemplateList(r *http.Request, body *templatesBody) error {
	after, _ := strconv.ParseInt(r.URL.Query().Get("after"), 10, 64)
	rows, err := c.engine.Config(c.db).TemplatesPage(r.Context(), after, c.pageSize)
	if err != nil {
		return err
	}
	names := map[int]string{}
	for _, sc := range c.engine.SceneInfos() {
		names[sc.InfoType] = sc.Name
	}
	for _, t := range rows {
		row := tplRow{Template: t, StatusKey: statusKey(t.Status), SendKey: "sendType.1"}
		if t.SendType != nil {
			row.SendKey = "sendType." + strconv.Itoa(int(*t.SendType))
		}
		if t.InfoType != nil {
			row.Scene = strconv.Itoa(*t.InfoType) + " · " + names[*t.InfoType]
		}
		body.Rows = append(body.Rows, row)
	}
	if len(rows) == c.pageSize {
		body.Next = "?after=" + strconv.FormatInt(rows[len(rows)-1].ID, 10)
	}
	return nil
}

// preview renders the draft with the toolkit (ops.Preview: the engine's
// composer, its objections per column, the lengths over a channel's
// limit); a draft the form cannot read is said instead.
func (c *console) preview(ctx context.Context, f tplForm, body *templatesBody) {
	tpl, err := f.apply(store.Template{})
	if err != nil {
		body.PreviewErr = err.Error()
		return
	}
	kit := ops.New(c.engine, c.db, ops.WithClock(c.engine.Now))
	if body.Preview, err = kit.Preview(ctx, ops.PreviewRequest{Draft: &tpl, Values: map[string]string{}}); err != nil {
		body.PreviewErr = err.Error()
		return
	}
	for _, k := range []struct {
		key   string
		kind  store.MessageKind
		texts string
	}{{"resolvedMsg", store.KindResolved, f.Resolved + f.ResolvedZh}, {"nodataMsg", store.KindNoData, f.NoData + f.NoDataZh}} {
		if strings.TrimSpace(k.texts) == "" {
			continue
		}
		pv, err := kit.Preview(ctx, ops.PreviewRequest{Draft: &tpl, Values: map[string]string{}, Kind: k.kind})
		if err != nil {
			body.PreviewErr = err.Error()
			return
		}
		body.Others = append(body.Others, otherKind{Key: k.key, Languages: pv.Languages, Error: pv.Error})
	}
}

// templatePreview answers the editor's live preview (GET
// template-preview, asked by static/live.js) with the preview's fragment.
func (c *console) templatePreview(w http.ResponseWriter, r *http.Request) {
	p := c.newPageData(w, r, "templates")
	body := &templatesBody{Form: readTplForm(r.URL.Query())}
	c.preview(r.Context(), body.Form, body)
	p.Body = body
	c.renderFragment(w, r, p, "template-preview")
}

// saveTemplate creates a template, or updates the saved one the form
// names, through engine.Config(db, store.AsUser(user)) (create_uid,
// update_uid, the store's and the engine's checks). A refusal shows the
// editor again, as typed, with the preview and the refusal (422).
func (c *console) saveTemplate(w http.ResponseWriter, r *http.Request, user string) error {
	form := readTplForm(r.PostForm)
	cfg := c.engine.Config(c.db, store.AsUser(user))
	base, update := store.Template{}, r.PostForm.Get("update") != ""
	if update {
		saved, err := cfg.GetTemplate(r.Context(), form.ModNo)
		if err != nil {
			return refusal(err)
		}
		base = saved
	}
	tpl, err := form.apply(base)
	if err == nil && update {
		tpl, err = cfg.UpdateTemplate(r.Context(), tpl)
	} else if err == nil {
		tpl, err = cfg.CreateTemplate(r.Context(), tpl)
	}
	if err != nil {
		ve, ok := errors.AsType[*store.ValidationError](err)
		if !ok {
			return err
		}
		return c.refuseTemplate(w, r, form, update, problemOf(err, ve))
	}
	c.log.InfoContext(r.Context(), "console: template saved", "template", deref(tpl.ModNo), "update", update, "by", user)
	seeOther(w, "templates?done=template&code="+url.QueryEscape(deref(tpl.ModNo)))
	return nil
}

// refuseTemplate shows the templates page again with the editor as sent,
// its preview and the refusal (422).
func (c *console) refuseTemplate(w http.ResponseWriter, r *http.Request, form tplForm, saved bool, prob *fieldProblem) error {
	p := c.newPageData(w, r, "templates")
	body := &templatesBody{Form: form, Saved: saved, Problem: prob, Scenes: c.engine.SceneInfos(), Placeholders: placeholderDocs()}
	if err := c.fillTemplateList(r, body); err != nil {
		return err
	}
	c.preview(r.Context(), form, body)
	p.Body, p.Error, p.Detail = body, p.T["err.title"], prob.Column+": "+prob.Message
	c.render(w, r, http.StatusUnprocessableEntity, p)
	return nil
}

// placeholderDocs lists the placeholders the engine knows, by name
// (alert.Placeholders).
func placeholderDocs() []placeholderDoc {
	docs := alert.Placeholders()
	out := make([]placeholderDoc, 0, len(docs))
	for name, doc := range docs {
		out = append(out, placeholderDoc{Name: "{" + name + "}", Doc: doc})
	}
	sort.Slice(out, func(i, j int) bool { return strings.Compare(out[i].Name, out[j].Name) < 0 })
	return out
}
