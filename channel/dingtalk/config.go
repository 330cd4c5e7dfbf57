package dingtalk

import (
	"net/http"
	"time"

	"github.com/yujing-go/yujing/channel"
	"github.com/yujing-go/yujing/channel/internal/robot"
)

// DefaultBaseURL is DingTalk's API base.
const DefaultBaseURL = "https://oapi.dingtalk.com"

// DefaultRateLimit is DingTalk's limit in messages per minute per robot;
// going over it throttles the robot for 10 minutes.
const DefaultRateLimit = 20

// MaxBodyBytes bounds the request body: DingTalk refuses longer messages
// (errcode 460101).
const MaxBodyBytes = 20000

// Config configures a Sender.
type Config struct {
	// Channel names the channel in errors.
	Channel string
	// AccessToken is the robot's access_token (secret).
	AccessToken string
	// Secret is the robot's signing secret (secret); empty: no signature.
	Secret string
	// Keywords are the robot's security keywords; when a message contains
	// none of them the first is prepended.
	Keywords []string
	// BaseURL is the API base; empty means DefaultBaseURL.
	BaseURL string
	// Language chooses the message's content.
	Language channel.Language
	// Format is Text (msgtype text) or Markdown (msgtype markdown).
	Format channel.Format
	// Mentions are mentioned in every message, on top of the message's own.
	Mentions channel.Mentions
	// HTTPClient sends the requests; nil means a client with a 10 s timeout.
	HTTPClient *http.Client
	// Limiter paces the sends to the robot; nil means no client-side limit.
	Limiter channel.Limiter
	// Clock gives the signature's timestamp; nil means time.Now.
	Clock func() time.Time
}

// ConfigFrom reads a Config from a channel's details (see the package
// documentation for the keys).
func ConfigFrom(cfg channel.Config) (Config, error) {
	com, token, err := protocol.Parse(cfg)
	if err != nil {
		return Config{}, err
	}
	all, err := cfg.Bool("at_all", false)
	if err != nil {
		return Config{}, err
	}
	c := Config{
		AccessToken: token,
		Secret:      cfg.String("secret", ""),
		Keywords:    cfg.List("keyword"),
		Mentions:    channel.Mentions{Mobiles: cfg.List("at_mobiles"), UserIDs: cfg.List("at_user_ids"), All: all},
	}
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
