package alert_test

import (
	"context"
	"strings"
	"testing"

	"github.com/yujing-go/yujing/alert"
	"github.com/yujing-go/yujing/internal/testdb"
	"github.com/yujing-go/yujing/store"
)

// TestTitlePerLanguage: a template's title (English) and param6 (the
// Chinese title) go with their language; a language without a title of its
// own takes the other's; a Chinese title with an unknown placeholder is
// refused when saved.
func TestTitlePerLanguage(t *testing.T) {
	f := newFixture(t, testdb.SQLite)
	f.configure("PH")
	ctx := context.Background()
	f.editTemplate(func(tpl *store.Template) {
		tpl.Title = new("SMS low in {country}")
		tpl.SetTitleChinese("{country_name}短信成功率低")
	})
	cfg := f.engine.Config(f.db)
	tpl, err := cfg.GetTemplate(ctx, "MD-SMS")
	if err != nil {
		t.Fatal(err)
	}
	fire := func() {
		t.Helper()
		if _, err := f.engine.Fire(ctx, alert.Alert{InfoType: smsScene, Country: "PH", Values: map[string]any{"provider": "p"}}); err != nil {
			t.Fatal(err)
		}
		f.tick()
	}
	fire()
	got := f.recv.Got()
	if len(got) != 1 || got[0].Payload.English.Title != "SMS low in PH" || got[0].Payload.Chinese.Title != "Philippines短信成功率低" {
		t.Fatalf("titles: %+v", got)
	}
	// Without a Chinese title, the English one serves both.
	tpl.Param6 = nil
	if _, err := cfg.UpdateTemplate(ctx, tpl); err != nil {
		t.Fatal(err)
	}
	f.clock.Advance(f.engineSlot())
	fire()
	got = f.recv.Got()
	if len(got) != 2 || got[1].Payload.Chinese.Title != "SMS low in PH" {
		t.Fatalf("fallback title: %+v", got[1].Payload)
	}
	tpl.Param6 = new("{nope}告警")
	_, err = cfg.UpdateTemplate(ctx, tpl)
	if err == nil || !strings.Contains(err.Error(), "param6") || !strings.Contains(err.Error(), "{nope}") {
		t.Fatalf("a Chinese title with an unknown placeholder: %v", err)
	}
	if _, err := cfg.UpdateTemplate(ctx, store.Template{}); err == nil {
		t.Fatal("an empty template was accepted")
	}
}

// TestMissingPlaceholderNamedOnce: a value the template needs in both
// languages and the title is named once in the record's reason.
func TestMissingPlaceholderNamedOnce(t *testing.T) {
	f := newFixture(t, testdb.SQLite)
	f.configure("PH")
	ctx := context.Background()
	f.editTemplate(func(tpl *store.Template) {
		tpl.Title = new("{vars.order}")
		tpl.Content = new("order {vars.order} failed")
		tpl.ContentChinese = new("订单 {vars.order} 失败")
	})
	no, err := f.engine.Fire(ctx, alert.Alert{InfoType: smsScene, Country: "PH", Values: map[string]any{"provider": "p"}})
	if err != nil {
		t.Fatal(err)
	}
	f.tick()
	r, err := f.db.GetRecord(ctx, no)
	if err != nil {
		t.Fatal(err)
	}
	if *r.Status != store.RecordRecordFailed || strings.Count(str(r.Reason), "{vars.order}") != 1 {
		t.Fatalf("status %d, reason %q: want the placeholder named once", *r.Status, str(r.Reason))
	}
}
