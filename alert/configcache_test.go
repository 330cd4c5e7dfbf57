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

// TestConfigReadWhenItChanges: an engine keeps the configuration between
// Ticks; a write of the configuration API is seen on the next Tick, a row
// written with SQL after the documented version bump (or the reload
// interval).
func TestConfigReadWhenItChanges(t *testing.T) {
	for _, be := range testdb.Backends() {
		t.Run(be.Name, func(t *testing.T) {
			f := newFixture(t, be.Open, alert.WithConfigReload(time.Hour))
			f.configure("PH")
			f.scene.countries = nil
			ctx := context.Background()
			sent := func() string {
				t.Helper()
				if _, err := f.engine.Fire(ctx, alert.Alert{InfoType: smsScene, Country: "PH", Values: map[string]any{"provider": "p"}}); err != nil {
					t.Fatal(err)
				}
				f.tick()
				f.clock.Advance(f.engineSlot())
				got := f.recv.Got()
				return got[len(got)-1].Payload.English.Text
			}
			if text := sent(); !strings.Contains(text, "Provider p.") {
				t.Fatalf("first message %q", text)
			}
			exec := func(q string) {
				t.Helper()
				if _, err := f.db.SQL().ExecContext(ctx, q); err != nil {
					t.Fatal(err)
				}
			}
			exec("UPDATE monitor_mod SET content = 'sql edit for {country}' WHERE mod_no = 'MD-SMS'")
			if text := sent(); !strings.Contains(text, "Provider p.") {
				t.Fatalf("an SQL edit was read before the version moved or the reload interval passed: %q", text)
			}
			exec("UPDATE yujing_config_version SET version = version + 1")
			if text := sent(); text != "sql edit for PH" {
				t.Fatalf("after the version bump: %q", text)
			}
			f.editTemplate(func(tpl *store.Template) { tpl.Content = new("api edit for {country}") })
			if text := sent(); text != "api edit for PH" {
				t.Fatalf("after an API write: %q", text)
			}
		})
	}
}
