package slack

import (
	"net/http"

	"github.com/yujing-go/yujing/channel"
)

// DefaultBaseURL is Slack's Web API base.
const DefaultBaseURL = "https://slack.com/api"

// DefaultRateLimit is about one message a second per channel.
const DefaultRateLimit = 60

// Byte limits: the text of a message, and a markdown block's text.
const (
	MaxTextBytes     = 40000
	MaxMarkdownBytes = 12000
)

// Config configures a Sender: WebhookURL, or Token and ChannelID.
type Config struct {
	// Channel names the channel (channel_no) in errors.
	Channel string
	// WebhookURL is an incoming webhook's URL (secret).
	WebhookURL string
	// Token is a bot token for chat.postMessage (secret).
	Token string
	// ChannelID is the Slack channel chat.postMessage posts to.
	ChannelID string
	// BaseURL is the Web API base; empty means DefaultBaseURL.
	BaseURL string
	// Language chooses the message's content.
	Language channel.Language
	// Format is Text (escaped text) or Markdown (a markdown block).
	Format channel.Format
	// Mentions are mentioned in every message, on top of the message's own
	// (UserIDs and All only).
	Mentions channel.Mentions
	// HTTPClient sends the requests; nil means a client with a 10 s timeout.
	HTTPClient *http.Client
	// Limiter paces the sends; nil means no client-side limit.
	Limiter channel.Limiter
}

// ConfigFrom reads a Config from a channel's details (see the package
// documentation for the keys).
func ConfigFrom(cfg channel.Config) (Config, error) {
	hook, err := cfg.URL("webhook_url", "")
	if err != nil {
		return Config{}, err
	}
	token := cfg.String("token", "")
	channelID := cfg.String("channel", "")
	switch {
	case hook != "" && token != "":
		return Config{}, cfg.Errorf("token", "set webhook_url or token, not both")
	case hook == "" && token == "":
		return Config{}, cfg.Errorf("webhook_url", "missing (or set token and channel)")
	case token != "" && channelID == "":
		return Config{}, cfg.Errorf("channel", "missing (required with token)")
	}
	base, err := cfg.URL("base_url", DefaultBaseURL)
	if err != nil {
		return Config{}, err
	}
	all, err := cfg.Bool("at_all", false)
	if err != nil {
		return Config{}, err
	}
	identity := hook
	if token != "" {
		identity = token + "\n" + channelID
	}
	return Config{
		Channel:    cfg.Channel(),
		WebhookURL: hook,
		Token:      token,
		ChannelID:  channelID,
		BaseURL:    base,
		Language:   cfg.Language(),
		Format:     cfg.Format(),
		Mentions:   channel.Mentions{UserIDs: cfg.List("at_user_ids"), All: all},
		HTTPClient: cfg.HTTPClient(),
		Limiter:    cfg.Limiter(identity, DefaultRateLimit),
	}, nil
}
