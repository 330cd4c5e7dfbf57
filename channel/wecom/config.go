package wecom

import (
	"net/http"
	"slices"
	"time"

	"github.com/yujing-go/yujing/channel"
	"github.com/yujing-go/yujing/channel/internal/robot"
)

// DefaultBaseURL is WeCom's API base.
const DefaultBaseURL = "https://qyapi.weixin.qq.com"

// DefaultRateLimit is WeCom's limit in messages per minute per robot.
const DefaultRateLimit = 20

// Byte limits of a message's content.
const (
	MaxTextBytes     = 2048
	MaxMarkdownBytes = 4096
)

// Config configures a Sender.
type Config struct {
	// Channel names the channel in errors.
	Channel string
	// Key is the robot's key (secret).
	Key string
	// BaseURL is the API base; empty means DefaultBaseURL.
	BaseURL string
	// Language chooses the message's content.
	Language channel.Language
	// Format is Text (msgtype text) or Markdown (msgtype markdown).
	Format channel.Format
	// Mentions are mentioned in every message, on top of the message's own.
	// Markdown supports UserIDs only.
	Mentions channel.Mentions
	// HTTPClient sends the requests; nil means a client with a 10 s timeout.
	HTTPClient *http.Client
	// Limiter paces the sends to the robot; nil means no client-side limit.
	Limiter channel.Limiter
	// Clock is used to read Retry-After dates; nil means time.Now.
	Clock func() time.Time
}

// ConfigFrom reads a Config from a channel's details (see the package
// documentation for the keys).
func ConfigFrom(cfg channel.Config) (Config, error) {
	com, key, err := protocol.Parse(cfg)
	if err != nil {
		return Config{}, err
	}
	users := cfg.List("mentioned_list")
	mobiles := cfg.List("mentioned_mobile_list")
	all := slices.Contains(users, "@all") || slices.Contains(mobiles, "@all")
	notAll := func(s string) bool { return s == "@all" }
	c := Config{Key: key, Mentions: channel.Mentions{
		UserIDs: slices.DeleteFunc(users, notAll),
		Mobiles: slices.DeleteFunc(mobiles, notAll),
		All:     all,
	}}
	c.setCommon(com)
	return c, nil
}

// setCommon sets the fields every robot's Config has.
func (c *Config) setCommon(com robot.Common) {
	c.Channel, c.BaseURL, c.Language, c.Format = com.Channel, com.BaseURL, com.Language, com.Format
	c.HTTPClient, c.Limiter, c.Clock = com.HTTPClient, com.Limiter, com.Clock
}

// common returns the fields every robot's Config has.
func (c Config) common() robot.Common {
	return robot.Common{Channel: c.Channel, BaseURL: c.BaseURL, Language: c.Language, Format: c.Format, HTTPClient: c.HTTPClient, Limiter: c.Limiter, Clock: c.Clock}
}
