package console

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"

	"github.com/yujing-go/yujing/alert"
	"github.com/yujing-go/yujing/store"
)

// rulesBody is the rules page's data: a page of the list, the editor (a
// saved rule, a new one, or a draft as typed), its check, and a backtest.
type rulesBody struct {
	Rows    []ruleRow
	Next    string // the next page's query; "" on the last
	Form    ruleForm
	Saved   bool          // the form edits a saved rule (Form.RuleNo)
	Checked bool          // the draft was checked (Check, or a refused save)
	Problem *fieldProblem // the check's or the save's refusal
	Scenes  []alert.SceneInfo
	BT      btForm
	Result  *btView // the backtest's outcome, when one was run
}

// rules lists the rules a page at a time (?after=ID) and shows the
// editor: ?code= a saved rule; with the editor's fields (a "Check" or
// "Backtest" without JavaScript) the draft as typed, checked by the
// engine; ?backtest=1 replays the rule or the draft.
func (c *console) rules(w http.ResponseWriter, r *http.Request, p *pageData) error {
	q := r.URL.Query()
	body := &rulesBody{Scenes: c.engine.SceneInfos(), BT: readBTForm(q)}
	if err := c.fillRuleList(r, body); err != nil {
		return err
	}
	if code := q.Get("code"); code != "" {
		saved, err := c.engine.Config(c.db).GetRule(r.Context(), code)
		if err != nil {
			return refusal(err)
		}
		body.Form, body.Saved = formOfRule(saved), true
	}
	if q.Has("fun_code") {
		body.Form = readRuleForm(q)
		body.Saved = q.Get("update") != "" && body.Form.RuleNo != ""
		body.Checked = true
		body.Problem = c.checkRuleForm(body.Form)
	}
	if q.Get("backtest") != "" && body.Problem == nil {
		body.Result = c.backtest(r, p, body.Form, q.Has("fun_code"), body.BT)
	}
	p.Body = body
	return nil
}

// fillRuleList reads the list's page (a keyset page by id).
func (c *console) fillRuleList(r *http.Request, body *rulesBody) error {
	after, _ := strconv.ParseInt(r.URL.Query().Get("after"), 10, 64)
	rows, err := c.engine.Config(c.db).RulesPage(r.Context(), after, c.pageSize)
	if err != nil {
		return err
	}
	for _, r := range rows {
		body.Rows = append(body.Rows, ruleRow{Rule: r, StatusKey: statusKey(r.Status)})
	}
	if len(rows) == c.pageSize {
		body.Next = "?after=" + strconv.FormatInt(rows[len(rows)-1].ID, 10)
	}
	return nil
}

// ruleRow is a rule as the list shows it.
type ruleRow struct {
	store.Rule
	StatusKey string // the key of its status's wording
}

// statusKey is the wording's key of a configuration status (enabled when
// NULL, as the store reads it).
func statusKey(s *store.ConfigStatus) string {
	if s == nil {
		return "status.0"
	}
	return "status." + strconv.Itoa(int(*s))
}

// checkRuleForm checks a draft with the configuration API's own checks
// (store.Config.CheckRule: the engine compiles the expression with its
// threshold); nil when it passes.
func (c *console) checkRuleForm(f ruleForm) *fieldProblem {
	rule, err := f.apply(store.Rule{})
	if err == nil {
		err = c.engine.Config(c.db).CheckRule(rule)
	}
	ve, _ := errors.AsType[*store.ValidationError](err)
	return problemOf(err, ve)
}

// ruleCheck answers the editor's live check (GET rule-check, asked by
// static/live.js as the expression is typed) with the check's fragment.
func (c *console) ruleCheck(w http.ResponseWriter, r *http.Request) {
	p := c.newPageData(w, r, "rules")
	form := readRuleForm(r.URL.Query())
	p.Body = &rulesBody{Form: form, Checked: true, Problem: c.checkRuleForm(form)}
	c.renderFragment(w, r, p, "rule-check")
}

// saveRule creates a rule, or updates the saved one the form names,
// through engine.Config(db, store.AsUser(user)) (create_uid, update_uid
// and the store's and the engine's checks). A refusal shows the editor
// again, as typed, with the refusal next to its field (422).
func (c *console) saveRule(w http.ResponseWriter, r *http.Request, user string) error {
	form := readRuleForm(r.PostForm)
	cfg := c.engine.Config(c.db, store.AsUser(user))
	base, update := store.Rule{}, r.PostForm.Get("update") != ""
	if update {
		saved, err := cfg.GetRule(r.Context(), form.RuleNo)
		if err != nil {
			return refusal(err)
		}
		base = saved
	}
	rule, err := form.apply(base)
	if err == nil && update {
		rule, err = cfg.UpdateRule(r.Context(), rule)
	} else if err == nil {
		rule, err = cfg.CreateRule(r.Context(), rule)
	}
	if err != nil {
		ve, ok := errors.AsType[*store.ValidationError](err)
		if !ok {
			return err
		}
		return c.refuseRule(w, r, form, update, problemOf(err, ve))
	}
	c.log.InfoContext(r.Context(), "console: rule saved", "rule", deref(rule.RuleNo), "update", update, "by", user)
	seeOther(w, "rules?done=rule&code="+url.QueryEscape(deref(rule.RuleNo)))
	return nil
}

// refuseRule shows the rules page again with the editor as sent and the
// refusal (422).
func (c *console) refuseRule(w http.ResponseWriter, r *http.Request, form ruleForm, saved bool, prob *fieldProblem) error {
	p := c.newPageData(w, r, "rules")
	body := &rulesBody{Form: form, Saved: saved, Checked: true, Problem: prob, Scenes: c.engine.SceneInfos(), BT: readBTForm(nil)}
	if err := c.fillRuleList(r, body); err != nil {
		return err
	}
	p.Body, p.Error, p.Detail = body, p.T["err.title"], prob.Message
	c.render(w, r, http.StatusUnprocessableEntity, p)
	return nil
}
