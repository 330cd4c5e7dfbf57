package ops_test

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"github.com/yujing-go/yujing/alert"
	"github.com/yujing-go/yujing/internal/webhooktest"
	"github.com/yujing-go/yujing/ops"
	"github.com/yujing-go/yujing/store"
)

// A test message to a channel before it is saved: the web console's "send
// test". Here the channel is a webhook served in-process.
func ExampleToolkit_TestDraftChannel() {
	ctx := context.Background()
	dir, _ := os.MkdirTemp("", "yujing-example-")
	defer os.RemoveAll(dir)
	db, err := store.OpenSQLite(ctx, filepath.Join(dir, "alerts.db"))
	if err != nil {
		fmt.Println(err)
		return
	}
	defer db.Close()
	_ = db.Migrate(ctx)
	engine, _ := alert.New(alert.WithStore(db), alert.WithLogger(slog.New(slog.DiscardHandler)))
	kit := ops.New(engine, db, ops.WithClock(func() time.Time { return time.Date(2026, 12, 1, 9, 30, 0, 0, time.UTC) }))

	receiver := webhooktest.New("")
	defer receiver.Close()
	draft := store.Channel{ChannelName: new("ops webhook"), Type: new(store.ChannelWebhook)}
	details := []store.ChannelDetail{
		{DataKey: new("url"), DataValue: new(receiver.URL + "/alerts")},
		{DataKey: new("lang"), DataValue: new("zh")},
	}
	r, err := kit.TestDraftChannel(ctx, draft, details, ops.TestRequest{By: "maria"})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(r.Verdict, r.TypeName, r.Language)
	fmt.Println(r.Message.Title)
	fmt.Println(receiver.Got()[0].Payload.Text)
	// Output:
	// sent webhook zh
	// 【测试】yujing 测试消息：渠道 ops webhook
	// 这是一条 yujing 测试消息，不是告警：没有任何告警触发。
	// 渠道：ops webhook，类型 webhook
	// 发送时间：2026-12-01 09:30:00 UTC
	// 发起人：maria
	// 收到这条消息说明渠道可用。
}
