package ops

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/yujing-go/yujing/alert"
	"github.com/yujing-go/yujing/channel"
	"github.com/yujing-go/yujing/store"
)

// ChannelInfo is a channel as the toolkit shows it: its secrets masked.
type ChannelInfo struct {
	Channel  string // channel_no
	Name     string // channel_name
	Type     int
	TypeName string // "wecom", …, or "unknown type N"
	Status   store.ConfigStatus
	Remark   string
	// Language and Format are the channel's, when it builds.
	Language channel.Language
	Format   channel.Format
	// Details are the channel's detail rows, enabled or not, by key.
	Details []DetailInfo
	// Problem is why the channel does not build (a missing or malformed
	// detail, an unknown type), naming the key; empty when it builds.
	Problem string
	// UnknownKeys are enabled detail keys its type does not read.
	UnknownKeys []string
}

// DetailInfo is one detail row, its value masked when it is a secret
// (SecretDetail, MaskDetail).
type DetailInfo struct {
	Key    string
	Value  string // Masked (or a URL's scheme and host) for a secret
	Secret bool
	Status store.ConfigStatus
}

// Channels lists every channel (larger sort first) with its details,
// secrets masked, and whether the engine builds it: what the command line
// and the console show. No secret is in the result.
func (k *Toolkit) Channels(ctx context.Context) ([]ChannelInfo, error) {
	cfg := k.db.UncheckedConfig()
	chans, err := cfg.ListChannels(ctx, store.Filter{})
	if err != nil {
		return nil, fmt.Errorf("ops: channels: %w", err)
	}
	out := make([]ChannelInfo, 0, len(chans))
	for _, ch := range chans {
		details, err := cfg.ChannelDetails(ctx, deref(ch.ChannelNo))
		if err != nil {
			return nil, fmt.Errorf("ops: channels: %s: details: %w", deref(ch.ChannelNo), err)
		}
		out = append(out, k.channelInfo(ch, details))
	}
	return out, nil
}

// channelInfo describes one channel, building it with the engine's
// registry.
func (k *Toolkit) channelInfo(ch store.Channel, details []store.ChannelDetail) ChannelInfo {
	spec := alert.ChannelSpec(ch, details)
	info := ChannelInfo{Channel: spec.No, Name: spec.Name, Type: spec.Type, TypeName: k.engine.ChannelTypeName(spec.Type), Remark: deref(ch.Remark)}
	if ch.Status != nil {
		info.Status = *ch.Status
	}
	for _, d := range details {
		key := deref(d.DataKey)
		di := DetailInfo{Key: key, Secret: SecretDetail(info.TypeName, key), Value: MaskDetail(info.TypeName, key, deref(d.DataValue))}
		if d.Status != nil {
			di.Status = *d.Status
		}
		info.Details = append(info.Details, di)
	}
	slices.SortStableFunc(info.Details, func(a, b DetailInfo) int { return strings.Compare(strings.ToLower(a.Key), strings.ToLower(b.Key)) })
	b, err := k.engine.BuildChannel(spec)
	if err != nil {
		info.Problem = scrub(err, secretValues(info.TypeName, spec.Details))
		if _, ok := errors.AsType[*channel.ConfigError](err); !ok {
			info.Problem = "does not build: " + info.Problem
		}
		return info
	}
	info.Language, info.Format, info.UnknownKeys = b.Language, b.Format, b.UnknownKeys
	return info
}
