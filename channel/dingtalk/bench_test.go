package dingtalk_test

import (
	"context"
	"testing"

	"github.com/yujing-go/yujing/channel/internal/channeltest"
)

func BenchmarkSend(b *testing.B) {
	srv := channeltest.NewBenchServer(b, `{"errcode":0,"errmsg":"ok"}`)
	s := build(b, map[string]string{"access_token": token, "secret": secret, "base_url": srv.URL})
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
