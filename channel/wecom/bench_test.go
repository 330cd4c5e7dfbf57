package wecom_test

import (
	"testing"

	"github.com/yujing-go/yujing/channel/internal/channeltest"
)

func BenchmarkSend(b *testing.B) {
	srv := channeltest.NewBenchServer(b, `{"errcode":0,"errmsg":"ok"}`)
	channeltest.BenchSend(b, build(b, map[string]string{"key": key, "base_url": srv.URL}), message())
}
