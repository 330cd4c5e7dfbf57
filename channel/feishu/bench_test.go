package feishu_test

import (
	"testing"

	"github.com/yujing-go/yujing/channel/internal/channeltest"
)

func BenchmarkSend(b *testing.B) {
	srv := channeltest.NewBenchServer(b, `{"code":0,"msg":"success","data":{}}`)
	channeltest.BenchSend(b, build(b, map[string]string{"token": token, "secret": secret, "base_url": srv.URL}), message())
}
