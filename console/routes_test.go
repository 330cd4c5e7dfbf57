package console_test

import (
	"context"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/yujing-go/yujing/internal/testdb"
	"github.com/yujing-go/yujing/store"
)

// cellClass returns the data-class of the routes matrix's cell.
func cellClass(t *testing.T, page, country string) string {
	t.Helper()
	re := regexp.MustCompile(`data-scene="1" data-country="` + regexp.QuoteMeta(country) + `" data-class="([a-z]+)"`)
	m := re.FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("no routes cell for %s", country)
	}
	return m[1]
}

// TestRoutesGaps: the routes matrix shows the rule, template and channel
// every country gets; a country with its own rule route and no channel
// (the "*" route disabled) is a gap with Check's no_channel, "*" itself
// partial, and the countries' missing time zones are listed below; the
// matrix is paged by countries.
func TestRoutesGaps(t *testing.T) {
	for _, be := range testdb.Backends() {
		t.Run(be.Name, func(t *testing.T) {
			f := newFixture(t, be.Open, fixtureOpts{console: pageSize(2)})
			ctx := context.Background()
			code, page := f.get("routes")
			if code != http.StatusOK || cellClass(t, page, "*") != "ok" || !strings.Contains(page, "R-SMS-LOW") ||
				!strings.Contains(page, "MD-SMS") || !strings.Contains(page, "CH-HOOK") {
				t.Fatalf("routes: %d\n%s", code, page)
			}
			cfg := f.engine.Config(f.db, store.AsUser("setup"))
			for _, co := range []string{"BR", "MX", "PH"} {
				if _, err := cfg.CreateRuleRoute(ctx, store.RuleRoute{InfoType: new(smsScene), CountryNo: new(co), RuleNo: new("R-SMS-LOW")}); err != nil {
					t.Fatal(err)
				}
			}
			routings, err := cfg.ListRoutings(ctx, store.Filter{})
			if err != nil || len(routings) != 1 {
				t.Fatalf("routings %v %v", routings, err)
			}
			if err := cfg.SetRoutingStatus(ctx, routings[0].RoutingNo, store.ConfigDisabled); err != nil {
				t.Fatal(err)
			}
			_, page = f.get("routes")
			if cellClass(t, page, "*") != "partial" || cellClass(t, page, "BR") != "gap" || !strings.Contains(page, `data-check="no_channel"`) {
				t.Errorf("no gap shown for the missing channel route:\n%s", page)
			}
			if !strings.Contains(page, `id="findings"`) || !strings.Contains(page, `data-check="no_time_zone"`) {
				t.Error("the other findings are not listed")
			}
			if !strings.Contains(page, "Page 1 of 2") || !strings.Contains(page, `href="routes?page=2"`) || strings.Contains(page, `data-country="PH"`) {
				t.Error("the matrix is not paged by two countries")
			}
			_, second := f.get("routes?page=2")
			if cellClass(t, second, "PH") != "gap" || strings.Contains(second, `data-country="BR"`) {
				t.Error("the second page does not hold PH alone")
			}
		})
	}
}
