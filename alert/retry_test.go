package alert_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/yujing-go/yujing/internal/testdb"
	"github.com/yujing-go/yujing/internal/webhooktest"
	"github.com/yujing-go/yujing/scene"
	"github.com/yujing-go/yujing/store"
)

// TestOneRetryConvention: records (rule_retry_time, send_retry_time) and
// pending alerts (retry_times) count their retries one way: after each of
// three failed attempts the counter reads 1, 0, 0, and the third failure is
// final; nothing is tried a fourth time.
func TestOneRetryConvention(t *testing.T) {
	for _, be := range testdb.Backends() {
		t.Run(be.Name, func(t *testing.T) {
			f := newFixture(t, be.Open)
			f.configure("PH") // ID alerts but has no template: recording fails
			ctx := context.Background()
			cfg := f.engine.Config(f.db)
			bad, err := cfg.CreateRule(ctx, store.Rule{FunCode: new("1 / (numerator - numerator) > 0"), ThresholdVal: new("0")})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := cfg.CreateRuleRoute(ctx, store.RuleRoute{InfoType: new(smsScene), CountryNo: new("TH"), RuleNo: bad.RuleNo}); err != nil {
				t.Fatal(err)
			}
			f.scene.rate = func(c string, _ scene.Window) float64 {
				if c == "TH" {
					return 0.99 // the * rule does not fire; the broken one fails
				}
				return 0.5
			}
			f.recv.Answer(func(webhooktest.Received, int) webhooktest.Reply {
				return webhooktest.Reply{Status: http.StatusBadGateway}
			})
			f.clock.Set(t0.Add(11 * time.Minute)) // one window due: 00:00–00:10
			counters := func() (rule, send, delivery int, final [3]bool) {
				t.Helper()
				for _, r := range f.records() {
					switch *r.CountryNo {
					case "TH":
						rule, final[0] = *r.RuleRetryTime, r.ClaimUntil != nil && r.ClaimUntil.Year() == 2038
					case "ID":
						send, final[1] = *r.SendRetryTime, r.ClaimUntil != nil && r.ClaimUntil.Year() == 2038
					}
				}
				for _, l := range append(f.sendLogs("monitor_send_log"), f.sendLogs("monitor_send_log_hist")...) {
					delivery, final[2] = *l.RetryTimes, *l.Status == store.SendFailed
				}
				return
			}
			want := []struct {
				left  int
				final bool
			}{{1, false}, {0, false}, {0, true}, {0, true}}
			for i, w := range want {
				f.tick()
				rule, send, delivery, final := counters()
				if rule != w.left || send != w.left || delivery != w.left || final != [3]bool{w.final, w.final, w.final} {
					t.Fatalf("after attempt %d: rule_retry_time %d, send_retry_time %d, retry_times %d, final %v; want %d, final %v",
						i+1, rule, send, delivery, final, w.left, w.final)
				}
				f.clock.Advance(6 * time.Minute)
				f.scene.countries = nil // later windows add no records
			}
		})
	}
}
