package ops_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/yujing-go/yujing/alert"
	"github.com/yujing-go/yujing/ops"
	"github.com/yujing-go/yujing/store"
)

// The failed deliveries of the last day, each channel's answer typed, on
// an embedded SQLite database that holds one archived alert.
func ExampleToolkit_History() {
	ctx := context.Background()
	dir, _ := os.MkdirTemp("", "yujing-example")
	defer os.RemoveAll(dir)
	db, err := store.OpenSQLite(ctx, filepath.Join(dir, "alerts.db"))
	if err != nil {
		panic(err)
	}
	defer db.Close()
	if err := db.Migrate(ctx); err != nil {
		panic(err)
	}
	now := time.Date(2026, 11, 24, 12, 0, 0, 0, time.UTC)
	slot := now.Add(-2 * time.Hour)
	_, err = db.Insert(ctx, &[]store.SendLogHist{{SlNo: new("SL-EXAMPLE-1"), CountryNo: new("PH"), InfoType: new(1), ModNo: new("MD-SMS"),
		ExpectSendTime: &slot, Status: new(store.SendFailed), Reason: new("CH-HOOK (webhook) failed after 1 attempt(s): HTTP 400"),
		ChannelState: new(`{"CH-HOOK":{"status":"failed","type":"webhook","attempts":1,"code":"HTTP 400","error":"HTTP 400 Bad Request","at":"2026-11-24T10:00:02Z"}}`)}})
	if err != nil {
		panic(err)
	}
	engine, err := alert.New(alert.WithStore(db))
	if err != nil {
		panic(err)
	}
	kit := ops.New(engine, db, ops.WithClock(func() time.Time { return now }))
	page, err := kit.History(ctx, ops.HistoryFilter{Status: new(store.SendFailed)})
	if err != nil {
		panic(err)
	}
	for _, e := range page.Entries {
		fmt.Println(e.SlNo, e.Country, e.ExpectSendTime.Format(time.RFC3339), "archived:", e.Archived)
		for _, c := range e.Channels {
			fmt.Printf("  %s %s after %d attempt(s): %s\n", c.ChannelNo, c.Outcome, c.Attempts, c.Answer)
		}
	}
	fmt.Println("next page:", page.Next != "")
	// Output:
	// SL-EXAMPLE-1 PH 2026-11-24T10:00:00Z archived: true
	//   CH-HOOK failed after 1 attempt(s): HTTP 400
	// next page: false
}
