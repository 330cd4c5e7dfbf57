// Package builtin registers the six channel types of this module on a
// channel.Registry. It exists because package channel cannot import its
// senders (they import it).
package builtin

import (
	"github.com/yujing-go/yujing/channel"
	"github.com/yujing-go/yujing/channel/dingtalk"
	"github.com/yujing-go/yujing/channel/email"
	"github.com/yujing-go/yujing/channel/feishu"
	"github.com/yujing-go/yujing/channel/slack"
	"github.com/yujing-go/yujing/channel/webhook"
	"github.com/yujing-go/yujing/channel/wecom"
)

// Types are the built-in channel types with their names and factories.
func Types() []Type {
	return []Type{
		{channel.TypeWeCom, "wecom", wecom.New},
		{channel.TypeEmail, "email", email.New},
		{channel.TypeDingTalk, "dingtalk", dingtalk.New},
		{channel.TypeSlack, "slack", slack.New},
		{channel.TypeFeishu, "feishu", feishu.New},
		{channel.TypeWebhook, "webhook", webhook.New},
	}
}

// Type is a channel type: monitor_channel.type, its name, its factory.
type Type struct {
	Code    int             // monitor_channel.type
	Name    string          // e.g. "wecom"
	Factory channel.Factory // e.g. wecom.New
}

// Register registers the built-in types on r. It fails when r already has
// one of their codes or names.
func Register(r *channel.Registry) error {
	for _, t := range Types() {
		if err := r.Register(t.Code, t.Name, t.Factory); err != nil {
			return err
		}
	}
	return nil
}

// NewRegistry returns a Registry with the built-in types registered; a host
// may Register its own types on it (codes 6 and up, or any unused code).
func NewRegistry(opts ...channel.RegistryOption) *channel.Registry {
	r := channel.NewRegistry(opts...)
	if err := Register(r); err != nil {
		panic("builtin: " + err.Error()) // cannot happen on a new Registry
	}
	return r
}
