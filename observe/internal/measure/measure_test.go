package measure

import (
	"errors"
	"math"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/yujing-go/yujing/alert"
)

func TestCounterNames(t *testing.T) {
	seen := map[string]bool{}
	for _, c := range Counters() {
		if seen[c.Name] || c.Help == "" || c.Unit == "" || len(c.Values) == 0 {
			t.Errorf("%q: duplicate, or no help, unit or values", c.Name)
		}
		seen[c.Name] = true
		results := map[string]bool{}
		for _, v := range c.Values {
			if results[v.Result] || (len(c.Values) > 1 && v.Result == "") {
				t.Errorf("%s: result %q twice or empty", c.Name, v.Result)
			}
			results[v.Result] = true
		}
	}
}

// Every count of a TickResult is read by a counter, except the totals of
// a stage (the sum of its outcomes) and the rules stage's no-alert count;
// a count added to alert.TickResult fails here until it is measured or
// listed.
func TestEveryCountMeasured(t *testing.T) {
	unmeasured := []string{"Rules.Records", "Rules.NoAlert", "Record.Records", "Reports.Reports", "Send.Alerts"}
	var r alert.TickResult
	rv := reflect.ValueOf(&r).Elem()
	for i := range rv.NumField() {
		stage := rv.Type().Field(i)
		if stage.Type.Kind() != reflect.Struct {
			continue
		}
		for j := range stage.Type.NumField() {
			f := stage.Type.Field(j)
			name := stage.Name + "." + f.Name
			if f.Type.Kind() != reflect.Int || slices.Contains(unmeasured, name) {
				continue
			}
			r = alert.TickResult{}
			rv.Field(i).Field(j).SetInt(7)
			read := false
			for _, c := range Counters() {
				for _, v := range c.Values {
					if c.Name != "ticks" && v.N(&r) == 7 {
						read = true
					}
				}
			}
			if !read {
				t.Errorf("%s is not measured", name)
			}
		}
	}
}

func TestEveryStageTimed(t *testing.T) {
	r := alert.TickResult{Collect: alert.CollectStats{Duration: 1}, Rules: alert.RuleStats{Duration: 2},
		Reports: alert.ReportStats{Duration: 3}, Record: alert.RecordStats{Duration: 4}, Lifecycle: alert.LifecycleStats{Duration: 5},
		Send: alert.SendStats{Duration: 6}, Archive: alert.ArchiveStats{Duration: 7}}
	var got []time.Duration
	for _, s := range Stages() {
		got = append(got, s.Duration(&r))
	}
	if want := []time.Duration{1, 2, 3, 4, 5, 6, 7}; !slices.Equal(got, want) {
		t.Errorf("durations %v, want %v (the pipeline's order)", got, want)
	}
}

func TestCheckBuckets(t *testing.T) {
	if err := CheckBuckets(DefaultBuckets()); err != nil {
		t.Error(err)
	}
	for _, b := range [][]float64{nil, {}, {1, 1}, {2, 1}, {1, math.Inf(1)}, {math.NaN()}} {
		if CheckBuckets(b) == nil {
			t.Errorf("%v accepted", b)
		}
	}
}

func TestDeliveryResult(t *testing.T) {
	if DeliveryResult(&alert.Delivery{}) != "sent" || DeliveryResult(&alert.Delivery{Err: errors.ErrUnsupported}) != "error" {
		t.Error("wrong result")
	}
}
