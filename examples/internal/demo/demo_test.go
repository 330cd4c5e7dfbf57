package demo

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/yujing-go/yujing/internal/testdb"
	"github.com/yujing-go/yujing/store"
)

// TestQuickstartRun runs what `go run ./examples/quickstart` runs and
// checks what it prints: PH's alerts, in both languages, one per 30-minute
// slot once PH degrades, and nothing for the healthy countries.
func TestQuickstartRun(t *testing.T) {
	for _, be := range testdb.Backends() {
		t.Run(be.Name, func(t *testing.T) {
			clock := NewClock(time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC))
			db := be.Open(t, store.WithClock(clock.Now))
			var out bytes.Buffer
			sum, err := Run(context.Background(), db, clock, &out, 3, t.TempDir())
			if err != nil {
				t.Fatal(err)
			}
			if sum.Windows != 21 || sum.Records != 54 || sum.Alerting != 11 || sum.Alerts != 10 || sum.Reports != 6 || sum.Deliveries != 10 || sum.Failures != 0 {
				t.Fatalf("summary %+v", sum)
			}
			text := out.String()
			if strings.Count(text, "── alert") != 10 || !strings.Contains(text, "Philippines: SMS verification success 62.00% (744/1200)") ||
				!strings.Contains(text, "Philippines：短信验证成功率 62.00%") || strings.Contains(text, "Indonesia: SMS") ||
				!strings.Contains(text, "Indonesia collections 2026-11-24 07:00–08:00: 250 rows") || !strings.Contains(text, "1 row(s) flagged. file://") {
				t.Fatalf("printed:\n%s", text)
			}
		})
	}
}
