package alert

import (
	"testing"

	"github.com/yujing-go/yujing/channel"
	"github.com/yujing-go/yujing/internal/testdb"
)

// TestRateLimitedChannelsShareTheBudget: every channel type that declares
// a rate (webhook and email too) gets the database-backed limiter of the
// engine's default registry; one without a rate gets none.
func TestRateLimitedChannelsShareTheBudget(t *testing.T) {
	e, err := New(WithStore(testdb.SQLite(t)))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		spec   channel.Spec
		shared bool
	}{
		{channel.Spec{No: "W", Type: channel.TypeWebhook, Details: map[string]string{"url": "http://127.0.0.1:1/h", "rate_limit": "30"}}, true},
		{channel.Spec{No: "M", Type: channel.TypeEmail, Details: map[string]string{"host": "127.0.0.1", "port": "2525", "from": "a@example.com",
			"to": "b@example.com", "rate_limit": "10"}}, true},
		{channel.Spec{No: "D", Type: channel.TypeDingTalk, Details: map[string]string{"access_token": "t", "base_url": "http://127.0.0.1:1"}}, true},
		{channel.Spec{No: "N", Type: channel.TypeWebhook, Details: map[string]string{"url": "http://127.0.0.1:1/h"}}, false},
	} {
		b, err := e.channels.Build(tc.spec)
		if err != nil {
			t.Fatalf("%s: %v", tc.spec.No, err)
		}
		sl, ok := b.Limiter.(*sharedLimiter)
		if ok != tc.shared {
			t.Fatalf("%s: limiter %T, shared %v", tc.spec.No, b.Limiter, tc.shared)
		}
		if ok && sl.spacing <= 0 {
			t.Fatalf("%s: spacing %s", tc.spec.No, sl.spacing)
		}
	}
}
