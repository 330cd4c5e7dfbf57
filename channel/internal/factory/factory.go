// Package factory makes the channel.Factory of a sender package out of its
// ConfigFrom and its NewSender.
package factory

import "github.com/yujing-go/yujing/channel"

// New reads a Config from cfg with configFrom and returns the sender that
// newSender makes of it.
func New[C any, S channel.Sender](cfg channel.Config, configFrom func(channel.Config) (C, error), newSender func(C) (S, error)) (channel.Sender, error) {
	c, err := configFrom(cfg)
	if err != nil {
		return nil, err
	}
	return newSender(c)
}
