package console

import (
	"errors"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/yujing-go/yujing/ops"
	"github.com/yujing-go/yujing/store"
)

// The backtest's bounds: the work one page may ask of the database.
const (
	btMaxCountries = 10
	btDefaultDays  = 7
	btMaxDays      = 31
	btMaxListed    = 200 // windows listed below the charts
)

// btForm is the backtest's part of the editor, as typed.
type btForm struct {
	Scene     string
	Countries string // space- or comma-separated
	Days      string
}

func readBTForm(v url.Values) btForm {
	f := btForm{Scene: v.Get("scene"), Countries: strings.TrimSpace(v.Get("countries")), Days: strings.TrimSpace(v.Get("days"))}
	if f.Days == "" {
		f.Days = strconv.Itoa(btDefaultDays)
	}
	return f
}

// btView is a backtest's outcome as the page shows it.
type btView struct {
	Err      string // the refusal (a draft that does not compile, a bound)
	Summary  ops.BacktestSummary
	Messages string // the summary's messages by kind: "firing 3, resolved 2"
	Took     string // the backtest's duration, to the millisecond
	Charts   []chart
	Listed   []ops.BacktestWindow // windows that fired, sent or differ, at most btMaxListed
	More     bool                 // more windows than listed
}

// btQuery reads the backtest's form into the toolkit's query: the saved
// rule (saved) or the draft, its scene, 1 to btMaxCountries countries and
// the last 1 to btMaxDays days.
func (f btForm) query(rule ruleForm, draft bool, now time.Time) (ops.BacktestQuery, error) {
	refuse := func(col, reason string) error {
		return &store.ValidationError{Table: "monitor_record", Column: col, Reason: reason}
	}
	scene, err := strconv.Atoi(f.Scene)
	if err != nil {
		return ops.BacktestQuery{}, refuse("info_type", "choose the scene to replay")
	}
	days, err := strconv.Atoi(f.Days)
	if err != nil || days < 1 || days > btMaxDays {
		return ops.BacktestQuery{}, refuse("begin_time", "the last 1 to "+strconv.Itoa(btMaxDays)+" days, got "+strconv.Quote(f.Days))
	}
	countries := strings.FieldsFunc(f.Countries, func(r rune) bool { return r == ' ' || r == ',' || r == ';' })
	slices.Sort(countries)
	countries = slices.Compact(countries)
	if len(countries) == 0 || len(countries) > btMaxCountries {
		return ops.BacktestQuery{}, refuse("country_no", "name 1 to "+strconv.Itoa(btMaxCountries)+" countries, got "+strconv.Itoa(len(countries)))
	}
	q := ops.BacktestQuery{InfoType: &scene, Countries: countries, From: now.Add(-time.Duration(days) * 24 * time.Hour), To: now}
	if !draft {
		q.RuleNo = rule.RuleNo
		return q, nil
	}
	r, err := rule.apply(store.Rule{})
	q.Draft = &r
	return q, err
}

// backtest replays the rule or the draft with the toolkit (ops.Backtest:
// the engine's own judging, lifecycle and slots), drawing each country's
// windows as they stream; a refusal is shown in the backtest's place.
func (c *console) backtest(r *http.Request, p *pageData, rule ruleForm, draft bool, f btForm) *btView {
	v := &btView{}
	now := c.engine.Now()
	q, err := f.query(rule, draft, now)
	if err != nil {
		v.Err = err.Error()
		return v
	}
	charts := map[string]*series{}
	for _, co := range q.Countries {
		charts[co] = newSeries(co, q.From, q.To)
	}
	kit := ops.New(c.engine, c.db, ops.WithClock(c.engine.Now))
	sum, err := kit.Backtest(r.Context(), q, func(w ops.BacktestWindow) error {
		if s := charts[w.Country]; s != nil {
			s.add(&w)
		}
		if w.Fired || w.Diff != ops.DiffSame || len(w.Messages) > 0 {
			if len(v.Listed) < btMaxListed {
				v.Listed = append(v.Listed, w)
			} else {
				v.More = true
			}
		}
		return nil
	})
	if err != nil {
		if _, ok := errors.AsType[*store.ValidationError](err); !ok && !errors.Is(err, store.ErrNotFound) {
			c.log.ErrorContext(r.Context(), "console: backtest", "err", err)
			v.Err = p.T["err.internal"]
			return v
		}
		v.Err = err.Error()
		return v
	}
	v.Summary, v.Messages, v.Took = sum, messageCounts(sum.Messages), sum.Duration.Round(time.Millisecond).String()
	thr, thrOK := threshold(rule.Threshold)
	for _, co := range q.Countries {
		v.Charts = append(v.Charts, charts[co].draw(thr, thrOK))
	}
	return v
}

// messageCounts writes the messages by kind, sorted: "firing 3, resolved 2".
func messageCounts(m map[string]int64) string {
	kinds := make([]string, 0, len(m))
	for k := range m {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	parts := make([]string, 0, len(kinds))
	for _, k := range kinds {
		parts = append(parts, k+" "+strconv.FormatInt(m[k], 10))
	}
	return strings.Join(parts, ", ")
}

// threshold reads a rule's threshold as a number, when it is one.
func threshold(s string) (float64, bool) {
	f, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	return f, err == nil
}
