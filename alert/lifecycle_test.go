package alert_test

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/yujing-go/yujing/alert"
	"github.com/yujing-go/yujing/internal/testdb"
	"github.com/yujing-go/yujing/scene"
	"github.com/yujing-go/yujing/store"
)

// series is a scene whose samples a test scripts per country and window:
// a rate, or no sample at all (the country does not report).
type series struct {
	countries []string
	rate      func(country string, w scene.Window) (rate float64, reports bool)
}

func (s *series) InfoType() int         { return smsScene }
func (s *series) Name() string          { return "SMS verification success" }
func (s *series) Window() time.Duration { return 10 * time.Minute }
func (s *series) Collect(_ context.Context, w scene.Window) ([]scene.Sample, error) {
	var out []scene.Sample
	for _, c := range s.countries {
		if r, ok := s.rate(c, w); ok {
			out = append(out, scene.Sample{Country: c, Numerator: int64(r * 1000), Denominator: 1000})
		}
	}
	return out, nil
}

func utcAt(s string) time.Time {
	t, err := time.Parse("2006-01-02 15:04", s)
	if err != nil {
		panic(err)
	}
	return t
}

// within reports whether the window ends in [from, to).
func within(w scene.Window, from, to string) bool {
	return !w.End.Before(utcAt(from).Add(10*time.Minute)) && w.End.Before(utcAt(to).Add(10*time.Minute))
}

// lifecycleSetup configures, through the checked API, a rule that must
// match 3 windows to fire and miss 2 to resolve, no-data detection after 3
// empty windows, a template with resolved and no-data messages repeating
// at most hourly, and three channels: every message, escalation level 1
// after 30 minutes, level 2 after 2 hours repeating hourly.
func lifecycleSetup(t *testing.T, f *fixture) {
	t.Helper()
	ctx := context.Background()
	cfg := f.engine.Config(f.db, store.AsUser("ops"))
	r := store.Rule{RuleNo: new("R-LC"), FunCode: new("denominator >= 100 && rate < threshold"), ThresholdVal: new("0.9")}
	r.SetPendingWindows(3)
	r.SetResolveWindows(2)
	must := func(_ any, err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(cfg.CreateRule(ctx, r))
	route := store.RuleRoute{InfoType: new(smsScene), CountryNo: new(store.AllCountries), RuleNo: r.RuleNo}
	route.SetNoDataWindows(3)
	must(cfg.CreateRuleRoute(ctx, route))
	tpl := store.Template{ModNo: new("MD-LC"), Title: new("SMS success"), InfoType: new(smsScene), SendType: new(store.SendRealtime),
		Content:                new("{country}: SMS success {rate_pct} in {window}"),
		ContentChinese:         new("{country}：短信成功率 {rate_pct}，时段 {window}"),
		ResolvedContent:        new("{country}: recovered, {state} after {duration} (since {firing_since}); now {rate_pct}"),
		ResolvedContentChinese: new("{country}：已恢复，自 {firing_since} 起持续 {duration}；当前 {rate_pct}"),
		NoDataContent:          new("{country}: no samples since {window} ({state})")}
	tpl.SetRepeatSeconds(3600)
	must(cfg.CreateTemplate(ctx, tpl))
	must(cfg.CreateCountryTemplate(ctx, store.CountryTemplate{CountryNo: new(store.AllCountries), ModNo: tpl.ModNo, InfoType: new(smsScene)}))
	for _, ch := range []struct {
		no, path              string
		level, delay, repeats int
	}{{"CH-ALL", "/alerts", 0, 0, 0}, {"CH-L1", "/oncall1", 1, 1800, 0}, {"CH-L2", "/oncall2", 2, 7200, 3600}} {
		f.addWebhook(ch.no, ch.path)
		rt := store.Routing{CountryNo: store.AllCountries, CountryName: "all", InfoType: new(smsScene), ChannelNo: new(ch.no)}
		if ch.level > 0 {
			rt.SetEscalationLevel(ch.level)
			rt.SetEscalationDelay(ch.delay)
			rt.SetEscalationRepeat(ch.repeats)
		}
		must(cfg.CreateRouting(ctx, rt))
	}
}

// TestLifecycleOverTwoDays runs two replicas, taking turns, over two days
// of 10-minute windows on each backend, across New York's change to
// daylight saving time, with four countries:
//
//   - PH flaps (bad, bad, good…): it is pending 2/3 again and again and
//     never fires;
//   - ID is bad for four hours: it fires after three windows, repeats
//     hourly, escalates to level 1 after 30 minutes and to level 2 after two
//     hours (repeating hourly there), and resolves after two good windows,
//     to every level it reached;
//   - US is bad across the change (01:00 EST to 03:40 EDT): it repeats once,
//     and its resolve says since when in New York time and for how long in
//     real time;
//   - TH stops reporting for two hours: no data after three windows, then
//     a resolve when data returns, saying how long there was none.
func TestLifecycleOverTwoDays(t *testing.T) {
	for _, be := range testdb.Backends() {
		t.Run(be.Name, func(t *testing.T) {
			newYork, err := time.LoadLocation("America/New_York")
			if err != nil {
				t.Skipf("no time zone database: %v", err)
			}
			zones := alert.WithTimeZones(map[string]*time.Location{"US": newYork})
			f := newFixture(t, be.Open, zones)
			sc := &series{countries: []string{"PH", "ID", "US", "TH"}}
			sc.rate = func(c string, w scene.Window) (float64, bool) {
				switch c {
				case "PH":
					if w.End.Minute()/10%3 != 2 { // two bad windows, one good
						return 0.5, true
					}
				case "ID":
					if within(w, "2027-03-13 14:00", "2027-03-13 18:00") {
						return 0.4, true
					}
				case "US":
					if within(w, "2027-03-14 06:00", "2027-03-14 07:30") {
						return 0.6, true
					}
				case "TH":
					if within(w, "2027-03-14 12:00", "2027-03-14 14:00") {
						return 0, false
					}
				}
				return 0.97, true
			}
			f.scene = nil
			f.engine = f.newEngine(zones, alert.WithScenes(sc))
			replica := f.newEngine(zones, alert.WithScenes(sc))
			lifecycleSetup(t, f)
			ctx := context.Background()
			f.clock.Set(utcAt("2027-03-13 12:01"))
			for i := 0; f.clock.Now().Before(utcAt("2027-03-15 12:00")); i++ {
				e := f.engine
				if i%2 == 1 {
					e = replica
				}
				if _, err := e.Tick(ctx); err != nil {
					t.Fatalf("tick at %s: %v", f.clock.Now().Format(time.RFC3339), err)
				}
				f.clock.Advance(10 * time.Minute)
			}
			for _, e := range []*alert.Engine{f.engine, replica} {
				if err := e.Wait(ctx); err != nil {
					t.Fatal(err)
				}
			}
			got := map[string][]string{} // path → "country kind" in order
			texts := map[string]string{} // "path country kind" → the English text of the last one
			for _, r := range f.recv.Got() {
				kind := r.Payload.Labels["kind"]
				key := r.Payload.Labels["country"] + " " + kind
				got[r.Path] = append(got[r.Path], key)
				texts[r.Path+" "+key] = r.Payload.English.Text
			}
			counts := func(path string) map[string]int {
				m := map[string]int{}
				for _, k := range got[path] {
					m[k]++
				}
				return m
			}
			want := map[string]map[string]int{
				"/alerts":  {"ID firing": 1, "ID repeat": 3, "ID resolved": 1, "US firing": 1, "US repeat": 1, "US resolved": 1, "TH no data": 1, "TH resolved": 1},
				"/oncall1": {"ID escalated": 1, "ID resolved": 1, "US escalated": 1, "US resolved": 1},
				"/oncall2": {"ID escalated": 2, "ID resolved": 1},
			}
			for path, w := range want {
				if c := counts(path); fmt.Sprint(c) != fmt.Sprint(w) {
					t.Errorf("%s got %v, want %v", path, c, w)
				}
			}
			if p := f.recv.Problems(); len(p) > 0 {
				t.Fatalf("receiver: %v", p)
			}
			// New York: fired at 01:30 EST, resolved at 03:50 EDT: 1h20m.
			if txt := texts["/alerts US resolved"]; !strings.Contains(txt, "since 2027-03-14 01:30") || !strings.Contains(txt, "after 1h20m") {
				t.Errorf("US resolve across the DST change: %q", txt)
			}
			if txt := texts["/alerts ID repeat"]; !strings.Contains(txt, "Still firing, for 3h") {
				t.Errorf("ID's last repeat: %q", txt)
			}
			if txt := texts["/oncall2 ID escalated"]; !strings.HasPrefix(txt, "[Escalated, level 2] firing for 3h") {
				t.Errorf("ID's level 2 repeat: %q", txt)
			}
			if txt := texts["/alerts TH no data"]; !strings.Contains(txt, "TH: no samples since") || !strings.Contains(txt, "(nodata)") {
				t.Errorf("TH no data: %q", txt)
			}
			if txt := texts["/alerts TH resolved"]; !strings.Contains(txt, "after 1h40m (since 2027-03-14 12:30)") {
				t.Errorf("TH data returned: %q", txt)
			}
			checkLifecycleRows(t, f)
		})
	}
}

// checkLifecycleRows checks what the rows say: the states, and the reasons
// of windows that sent nothing.
func checkLifecycleRows(t *testing.T, f *fixture) {
	t.Helper()
	ctx := context.Background()
	states, err := f.db.AlertStates(ctx, store.StateFilter{})
	if err != nil {
		t.Fatal(err)
	}
	byCountry := map[string]store.AlertState{}
	for _, s := range states {
		byCountry[s.CountryNo] = s
	}
	if s := byCountry["ID"]; s.State != store.StateResolved || s.EscalationLevel != 2 || s.NotifyCount != 8 || s.FiringSince == nil ||
		!s.FiringSince.Equal(utcAt("2027-03-13 14:30")) {
		t.Errorf("ID's state: %s level %d notified %d since %v", s.State, s.EscalationLevel, s.NotifyCount, s.FiringSince)
	}
	if s := byCountry["PH"]; s.State == store.StateFiring || s.NotifyCount != 0 {
		t.Errorf("PH's state: %s notified %d", s.State, s.NotifyCount)
	}
	reasons := map[string]int{}
	var recs []store.Record
	if err := f.db.Select(ctx, &recs, "WHERE `status` = ? AND `param5` IS NOT NULL", int(store.RecordNoAlert)); err != nil {
		t.Fatal(err)
	}
	for _, r := range recs {
		reason := str(r.Reason)
		switch {
		case strings.HasPrefix(reason, "pending 2/3: rule R-LC matched"):
			reasons["pending 2/3 "+str(r.CountryNo)]++
		case strings.Contains(reason, "repeat interval 1h not reached"):
			reasons["repeat not reached "+str(r.CountryNo)]++
		}
	}
	if reasons["pending 2/3 PH"] != 96 || reasons["repeat not reached ID"] == 0 || reasons["pending 2/3 ID"] != 1 {
		t.Errorf("reasons: %v", reasons)
	}
	// The escalations are in the history of alerts, with their level.
	var levels []string
	for _, table := range []string{"monitor_send_log", "monitor_send_log_hist"} {
		for _, l := range f.sendLogs(table) {
			if l.Kind() == store.KindEscalated {
				levels = append(levels, fmt.Sprintf("%s L%d", str(l.CountryNo), l.Level()))
			}
		}
	}
	sort.Strings(levels)
	if fmt.Sprint(levels) != "[ID L1 ID L2 ID L2 US L1]" {
		t.Errorf("escalations in monitor_send_log(_hist): %v", levels)
	}
}
