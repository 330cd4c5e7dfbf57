package feishu

import (
	"net/http"
	"time"

	"github.com/yujing-go/yujing/channel"
	"github.com/yujing-go/yujing/channel/internal/robot"
)

// DefaultBaseURL is Feishu's API base; Lark's is LarkBaseURL.
const (
	DefaultBaseURL = "https://open.feishu.cn"
	LarkBaseURL    = "https://open.larksuite.com"
)

// DefaultRateLimit is Feishu's limit in messages per minute per bot (it
// also allows at most 5 a second, which evenly spaced sends respect).
const DefaultRateLimit = 100

// MaxBodyBytes bounds the request body (Feishu: 20 KB).
const MaxBodyBytes = 20000

// DefaultCardTemplate is the colour of a card's header.
const DefaultCardTemplate = "red"

// Config configures a Sender.
type Config struct {
	// Channel names the channel in errors.
	Channel string
	// Token is the bot's webhook token (secret).
	Token string
	// Secret is the bot's signing secret (secret); empty: no signature.
	Secret string
	// BaseURL is the API base; empty means DefaultBaseURL.
	BaseURL string
	// Language chooses the message's content.
	Language channel.Language
	// Format is Text (msg_type text) or Markdown (an interactive card).
	Format channel.Format
	// CardTemplate is the card header's colour; empty means
	// DefaultCardTemplate.
	CardTemplate string
	// Mentions are mentioned in every message, on top of the message's own
	// (UserIDs and All only).
	Mentions channel.Mentions
	// HTTPClient sends the requests; nil means a client with a 10 s timeout.
	HTTPClient *http.Client
	// Limiter paces the sends to the bot; nil means no client-side limit.
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
		Token:        token,
		Secret:       cfg.String("secret", ""),
		CardTemplate: cfg.String("card_template", DefaultCardTemplate),
		Mentions:     channel.Mentions{UserIDs: cfg.List("at_user_ids"), All: all},
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
