package alert_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/yujing-go/yujing/alert"
	"github.com/yujing-go/yujing/internal/testdb"
	"github.com/yujing-go/yujing/store"
)

// TestUnbuildableChannelNamesItsType: a channel whose details (written
// with SQL, past the checks) do not build a sender fails its deliveries,
// retried until the alert's retries run out, and channel_state names the
// channel's type, not a number.
func TestUnbuildableChannelNamesItsType(t *testing.T) {
	f := newFixture(t, testdb.SQLite)
	f.configure()
	ctx := context.Background()
	x := f.db.SQL()
	if _, err := x.ExecContext(ctx, "INSERT INTO monitor_channel (channel_no, channel_name, type, status) VALUES ('CH-BROKEN', 'broken', 5, 0)"); err != nil {
		t.Fatal(err)
	}
	f.route("PH", "CH-BROKEN")
	if _, err := f.engine.Fire(ctx, alert.Alert{InfoType: smsScene, Country: "PH", Values: map[string]any{"provider": "p"}}); err != nil {
		t.Fatal(err)
	}
	// configure("PH") was not called for the template mapping: map it.
	if _, err := f.engine.Config(f.db).CreateCountryTemplate(ctx, store.CountryTemplate{CountryNo: new("PH"), CountryName: new("Philippines"),
		ModNo: new("MD-SMS"), InfoType: new(smsScene)}); err != nil {
		t.Fatal(err)
	}
	attempts := 0
	for range 8 {
		attempts += f.tick().Send.DeliveryErrors
		f.clock.Advance(6 * time.Minute)
	}
	if attempts != 3 {
		t.Fatalf("%d attempts, want 3 (retried until the retries run out)", attempts)
	}
	var logs []store.SendLog
	if err := f.db.Select(ctx, &logs, ""); err != nil || len(logs) != 1 {
		t.Fatalf("%d send logs %v", len(logs), err)
	}
	state := str(logs[0].ChannelState)
	if *logs[0].Status != store.SendFailed || !strings.Contains(state, `"webhook"`) || strings.Contains(state, "type 5") {
		t.Fatalf("status %d, channel_state %s", *logs[0].Status, state)
	}
}
