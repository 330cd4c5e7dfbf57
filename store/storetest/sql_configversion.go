package storetest

import (
	"testing"

	"github.com/yujing-go/yujing/store"
)

// testConfigVersion: every write of the configuration API moves the
// configuration version, so that engines reload on their next Tick.
func testConfigVersion(t *testing.T, open OpenDB) {
	db := open(t)
	cfg := db.UncheckedConfig()
	version := func() int64 {
		t.Helper()
		v, err := db.ConfigVersion(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	v0 := version()
	r, err := cfg.CreateRule(ctx, store.Rule{FunCode: new("rate < threshold"), ThresholdVal: new("0.9")})
	if err != nil {
		t.Fatal(err)
	}
	if version() != v0+1 {
		t.Fatalf("create: version %d, want %d", version(), v0+1)
	}
	r.FunDesc = new("low")
	if _, err := cfg.UpdateRule(ctx, r); err != nil {
		t.Fatal(err)
	}
	if err := cfg.SetRuleStatus(ctx, *r.RuleNo, store.ConfigDisabled); err != nil {
		t.Fatal(err)
	}
	ch, err := cfg.CreateChannel(ctx, store.Channel{ChannelName: new("hook"), Type: new(store.ChannelWebhook)},
		[]store.ChannelDetail{{DataKey: new("url"), DataValue: new("http://127.0.0.1/h")}})
	if err != nil {
		t.Fatal(err)
	}
	if err := cfg.SetChannelDetails(ctx, *ch.ChannelNo, []store.ChannelDetail{{DataKey: new("url"), DataValue: new("http://127.0.0.1/i")}}); err != nil {
		t.Fatal(err)
	}
	if version() != v0+5 {
		t.Fatalf("after 5 writes: version %d, want %d", version(), v0+5)
	}
	if _, err := db.SQL().ExecContext(ctx, "UPDATE yujing_config_version SET version = version + 1"); err != nil {
		t.Fatal(err)
	}
	if version() != v0+6 {
		t.Fatal("the documented statement does not move the version")
	}
}
