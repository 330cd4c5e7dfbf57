package builtin_test

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/yujing-go/yujing/channel"
	"github.com/yujing-go/yujing/channel/builtin"
)

func TestNewRegistryBuildsEveryType(t *testing.T) {
	r := builtin.NewRegistry()
	if got := r.Types(); !slices.Equal(got, []int{0, 1, 2, 3, 4, 5}) {
		t.Fatalf("types %v", got)
	}
	for _, tc := range []struct {
		typ     int
		name    string
		details map[string]string
	}{
		{channel.TypeWeCom, "wecom", map[string]string{"key": "k"}},
		{channel.TypeEmail, "email", map[string]string{"host": "smtp.example.com", "from": "a@example.com", "to": "b@example.com"}},
		{channel.TypeDingTalk, "dingtalk", map[string]string{"access_token": "t", "lang": "zh"}},
		{channel.TypeSlack, "slack", map[string]string{"webhook_url": "https://hooks.slack.com/services/T/B/X"}},
		{channel.TypeFeishu, "feishu", map[string]string{"token": "t", "format": "markdown"}},
		{channel.TypeWebhook, "webhook", map[string]string{"url": "https://example.com/hook"}},
	} {
		b, err := r.Build(channel.Spec{No: "C", Type: tc.typ, Details: tc.details})
		if err != nil {
			t.Errorf("type %d: %v", tc.typ, err)
			continue
		}
		if b.TypeName != tc.name || b.Sender == nil || len(b.UnknownKeys) > 0 {
			t.Errorf("type %d: built %+v", tc.typ, b)
		}
	}
}

func TestHostType(t *testing.T) {
	r := builtin.NewRegistry()
	if err := r.Register(channel.TypeWeCom, "mine", nil); err == nil {
		t.Error("registered a nil factory")
	}
	if err := r.Register(channel.TypeDingTalk, "sms", func(channel.Config) (channel.Sender, error) { return nil, nil }); err == nil {
		t.Error("registered type 2 twice")
	}
	// A host's own type: its plain errors become *channel.Error.
	err := r.Register(9, "sms", func(cfg channel.Config) (channel.Sender, error) {
		if _, err := cfg.Required("gateway"); err != nil {
			return nil, err
		}
		return channel.SenderFunc(func(context.Context, channel.Message) error { return errors.New("gateway said no") }), nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.Build(channel.Spec{No: "S1", Type: 9}); err == nil || err.Error() != `channel S1 (sms): detail "gateway": missing` {
		t.Errorf("Build: %v", err)
	}
	b, err := r.Build(channel.Spec{No: "S1", Type: 9, Details: map[string]string{"gateway": "x"}})
	if err != nil {
		t.Fatal(err)
	}
	e, ok := errors.AsType[*channel.Error](b.Send(context.Background(), channel.Message{}))
	if !ok || e.Channel != "S1" || e.Type != "sms" || e.Retryable {
		t.Errorf("host sender's error %+v", e)
	}
}
