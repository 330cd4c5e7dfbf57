package slack_test

import (
	"testing"

	"github.com/yujing-go/yujing/channel/internal/channeltest"
)

func BenchmarkSendWebhook(b *testing.B) {
	srv := channeltest.NewBenchServer(b, `ok`)
	channeltest.BenchSend(b, build(b, map[string]string{"webhook_url": srv.URL + hookPath}), message())
}
