package webhook_test

import (
	"testing"

	"github.com/yujing-go/yujing/channel/internal/channeltest"
)

func BenchmarkSend(b *testing.B) {
	srv := channeltest.NewBenchServer(b, ``)
	channeltest.BenchSend(b, build(b, map[string]string{"url": srv.URL + "/alerts", "secret": secret}), message())
}
