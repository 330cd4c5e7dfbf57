package slack_test

import (
	"context"
	"testing"

	"github.com/yujing-go/yujing/channel/internal/channeltest"
)

func BenchmarkSendWebhook(b *testing.B) {
	srv := channeltest.NewBenchServer(b, `ok`)
	s := build(b, map[string]string{"webhook_url": srv.URL + hookPath})
	msg := message()
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if err := s.Send(ctx, msg); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "msgs/s")
}
