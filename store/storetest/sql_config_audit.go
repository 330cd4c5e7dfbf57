package storetest

import (
	"context"
	"strings"
	"testing"

	"github.com/yujing-go/yujing/store"
)

// testConfigAudit checks that every write of the configuration API adds an
// audit row naming the user, the row's code and what was done, also for
// the tables without create_uid and update_uid (monitor_rule).
func testConfigAudit(t *testing.T, open OpenDB) {
	ctx := context.Background()
	db := open(t)
	cfg := store.NewConfig(db, store.Validation{}, store.AsUser("li.wei"))
	r, err := cfg.CreateRule(ctx, store.Rule{RuleNo: new("R-AUDIT"), FunCode: new("rate < threshold"), ThresholdVal: new("0.9")})
	if err != nil {
		t.Fatal(err)
	}
	r.ThresholdVal = new("0.8")
	if _, err := cfg.UpdateRule(ctx, r); err != nil {
		t.Fatal(err)
	}
	if err := cfg.SetRuleStatus(ctx, "R-AUDIT", store.ConfigDisabled); err != nil {
		t.Fatal(err)
	}
	events, err := db.AlertEvents(ctx, nil, "", 10)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"monitor_rule status disabled", "monitor_rule updated", "monitor_rule created"}
	if len(events) != len(want) {
		t.Fatalf("%d audit rows, want %d: %+v", len(events), len(want), events)
	}
	for i, e := range events {
		if e.Kind != store.EventConfigChanged || str(e.Actor) != "li.wei" || str(e.Ref) != "R-AUDIT" || !strings.EqualFold(str(e.Detail), want[i]) {
			t.Errorf("audit row %d: kind %q actor %q ref %q detail %q; want %q by li.wei on R-AUDIT", i, e.Kind, str(e.Actor), str(e.Ref), str(e.Detail), want[i])
		}
	}
}
