package ops_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/yujing-go/yujing/alert"
	"github.com/yujing-go/yujing/internal/testdb"
	"github.com/yujing-go/yujing/ops"
	"github.com/yujing-go/yujing/store"
)

// BenchmarkTestChannel is one test message to a saved webhook channel on
// SQLite: the channel's two reads, the build, the send over loopback HTTP
// and the classification.
func BenchmarkTestChannel(b *testing.B) {
	db := testdb.SQLite(b)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { _, _ = io.Copy(io.Discard, r.Body) }))
	defer srv.Close()
	e, err := alert.New(alert.WithStore(db), alert.WithLogger(slog.New(slog.DiscardHandler)))
	if err != nil {
		b.Fatal(err)
	}
	ch, err := e.Config(db).CreateChannel(context.Background(), store.Channel{Type: new(store.ChannelWebhook)},
		[]store.ChannelDetail{{DataKey: new("url"), DataValue: new(srv.URL + "/hook")}})
	if err != nil {
		b.Fatal(err)
	}
	kit := ops.New(e, db)
	b.ReportAllocs()
	for b.Loop() {
		r, err := kit.TestChannel(context.Background(), *ch.ChannelNo, ops.TestRequest{By: "bench"})
		if err != nil || !r.OK() {
			b.Fatal(err, r.Answer)
		}
	}
}

// BenchmarkChannels lists 50 channels of 4 details each on SQLite, secrets
// masked, each built once.
func BenchmarkChannels(b *testing.B) {
	db := testdb.SQLite(b)
	e, err := alert.New(alert.WithStore(db), alert.WithLogger(slog.New(slog.DiscardHandler)))
	if err != nil {
		b.Fatal(err)
	}
	cfg := e.Config(db)
	for i := range 50 {
		_, err := cfg.CreateChannel(context.Background(), store.Channel{Type: new(store.ChannelDingTalk)}, []store.ChannelDetail{
			{DataKey: new("access_token"), DataValue: new(fmt.Sprintf("token-%03d", i))}, {DataKey: new("secret"), DataValue: new("SEC-x")},
			{DataKey: new("at_mobiles"), DataValue: new("13800001111")}, {DataKey: new("lang"), DataValue: new("zh")}})
		if err != nil {
			b.Fatal(err)
		}
	}
	kit := ops.New(e, db)
	b.ReportAllocs()
	for b.Loop() {
		got, err := kit.Channels(context.Background())
		if err != nil || len(got) != 50 {
			b.Fatal(err, len(got))
		}
	}
	b.ReportMetric(float64(50*b.N)/b.Elapsed().Seconds(), "channels/s")
}
