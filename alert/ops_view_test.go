package alert_test

import (
	"context"
	"testing"
	"time"

	"github.com/yujing-go/yujing/internal/testdb"
)

// View keeps its index while the configuration version stands: an API
// write is seen on the next call, a row written with SQL after the version
// is bumped (as the README says) or once WithConfigReload has passed.
func TestViewFollowsTheConfigurationVersion(t *testing.T) {
	for _, be := range testdb.Backends() {
		t.Run(be.Name, func(t *testing.T) {
			ctx := context.Background()
			f := newFixture(t, be.Open)
			f.configure("PH")
			view := func() []string {
				t.Helper()
				v, err := f.engine.View(ctx)
				if err != nil {
					t.Fatal(err)
				}
				return v.Rules(smsScene, "TH")
			}
			if got := view(); len(got) != 1 {
				t.Fatalf("rules for TH: %v, want the * route's one", got)
			}
			exec := func(q string) {
				t.Helper()
				if _, err := f.db.SQL().ExecContext(ctx, q); err != nil {
					t.Fatal(err)
				}
			}
			exec("UPDATE monitor_rule_route SET status = 1")
			if got := view(); len(got) != 1 {
				t.Fatalf("an SQL edit without a version bump was read at once: %v", got)
			}
			exec("UPDATE yujing_config_version SET version = version + 1")
			if got := view(); len(got) != 0 {
				t.Fatalf("after the bump, rules for TH: %v, want none (the route is disabled)", got)
			}
			exec("UPDATE monitor_rule_route SET status = 0")
			f.clock.Advance(2 * time.Minute) // past WithConfigReload's minute
			if got := view(); len(got) != 1 {
				t.Fatalf("after the reload interval, rules for TH: %v, want 1", got)
			}
		})
	}
}
