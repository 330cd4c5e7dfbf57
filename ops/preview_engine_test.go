package ops_test

import (
	"context"
	"testing"
	"time"

	"github.com/yujing-go/yujing/alert"
	"github.com/yujing-go/yujing/internal/testdb"
	"github.com/yujing-go/yujing/internal/webhooktest"
	"github.com/yujing-go/yujing/ops"
)

// TestPreviewIsWhatTheEngineSends: an alert fired with the sample's
// window, counts and extra value, and sent by a Tick to a webhook, arrives
// with the very titles and texts Preview renders for it.
func TestPreviewIsWhatTheEngineSends(t *testing.T) {
	for _, be := range testdb.Backends() {
		t.Run(be.Name, func(t *testing.T) {
			ctx := context.Background()
			db := be.Open(t)
			recv := webhooktest.New(cfgWebhookSecret)
			defer recv.Close()
			e, k := checkKit(t, db, alert.WithMaxMissedWindows(1))
			c := configureCleanAt(t, e, db, recv.URL+"/alerts")
			begin := time.Date(2026, 11, 24, 2, 0, 0, 0, time.UTC) // the sample's window
			if _, err := e.Fire(ctx, alert.Alert{InfoType: smsScene, Country: "PH", Begin: begin, End: begin.Add(10 * time.Minute),
				Numerator: 8123, Denominator: 10000, Values: map[string]any{"provider": "acme-sms"}}); err != nil {
				t.Fatal(err)
			}
			if _, err := e.Tick(ctx); err != nil {
				t.Fatal(err)
			}
			got := recv.Got()
			if len(got) != 1 {
				t.Fatalf("deliveries: %d, want 1 (problems %v)", len(got), recv.Problems())
			}
			// An alert raised with Fire has no rule: its threshold is empty.
			p := must(k.Preview(ctx, ops.PreviewRequest{ModNo: c.sms, Values: map[string]string{"threshold": ""}}))(t)
			en, zh := lang(t, p, "en"), lang(t, p, "zh")
			if en.Text != "Philippines: SMS success 81.23% in 2026-11-24 10:00–10:10, below . Provider: acme-sms." || zh.Title == "" {
				t.Errorf("preview: %+v", p.Languages)
			}
			sent := got[0].Payload
			if sent.English.Title != en.Title || sent.English.Text != en.Text {
				t.Errorf("English: sent %q / %q, previewed %q / %q", sent.English.Title, sent.English.Text, en.Title, en.Text)
			}
			if sent.Chinese.Title != zh.Title || sent.Chinese.Text != zh.Text {
				t.Errorf("Chinese: sent %q / %q, previewed %q / %q", sent.Chinese.Title, sent.Chinese.Text, zh.Title, zh.Text)
			}
		})
	}
}
