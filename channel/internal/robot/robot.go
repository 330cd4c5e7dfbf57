// Package robot is the protocol the chat robots of package channel share
// (WeCom, DingTalk, Feishu/Lark): wait for the robot's rate-limit slot, POST
// a JSON body, read the service's code from the response body and classify
// it as success, retryable or permanent.
//
// A robot package keeps only what is its own: its payload, its signature,
// and its Protocol (its name, its credential's detail key, its defaults,
// how its answer reads and its table of codes). The configuration every
// robot shares is Common, read from a channel's details by Protocol.Parse;
// the transport (an *http.Client, and through it an http.RoundTripper),
// the rate limiter and the clock are injected there, so that a Client is
// tested without a network.
//
// Common's fields have the names of the robots' exported Config fields, but
// it is not embedded in them: a promoted field cannot be named in a
// composite literal, and hosts build those Configs as literals
// (wecom.Config{Channel: …, Key: …}). Each robot's Config converts to and
// from Common instead; Client embeds it.
package robot

import (
	"cmp"
	"context"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/yujing-go/yujing/channel"
	"github.com/yujing-go/yujing/channel/internal/httpsend"
)

// Common is the configuration every robot has besides its credential and
// its own keys.
type Common struct {
	// Channel names the channel in errors.
	Channel string
	// BaseURL is the API base (detail "base_url"); empty means the
	// Protocol's.
	BaseURL string
	// Language chooses the message's content (detail "lang").
	Language channel.Language
	// Format is the body format (detail "format").
	Format channel.Format
	// HTTPClient sends the requests; its Timeout is the channel's (detail
	// "timeout"). nil means a client with channel.DefaultTimeout.
	HTTPClient *http.Client
	// Limiter paces the sends to the robot (detail "rate_limit"); nil means
	// no client-side limit.
	Limiter channel.Limiter
	// Clock reads Retry-After dates and dates signatures; nil means
	// time.Now.
	Clock func() time.Time
}

// Protocol is one robot's service.
type Protocol struct {
	// Type is the type's name in errors ("wecom").
	Type string
	// Credential is the detail key of the robot's credential ("key"): it is
	// required, and it keys the robot's shared limiter.
	Credential string
	// BaseURL is the service's API base.
	BaseURL string
	// RateLimit is the robot's rate in messages per minute when detail
	// "rate_limit" is not set.
	RateLimit float64
	// Read returns the code and message of a response body; ok is false
	// when the body is not the service's answer (not JSON, no code).
	Read func(body []byte) (code int, msg string, ok bool)
	// MsgField names the service's message in errors ("errmsg").
	MsgField string
	// Codes says what the non-zero codes mean.
	Codes map[int]Verdict
	// Unknown is the meaning of a non-zero code not in Codes, which is
	// permanent.
	Unknown string
}

// Verdict is what a robot's table says about a non-zero code.
type Verdict struct {
	// Retryable: a retry may succeed (busy, throttled).
	Retryable bool
	// After is how long the robot refuses messages (its throttle window);
	// zero leaves the wait to the caller's backoff.
	After time.Duration
	// Meaning explains the code in the error.
	Meaning string
	// Hint, when set, adds to Meaning what the service's message tells
	// (e.g. which security check refused the message).
	Hint func(msg string) string
}

// Parse reads a robot's credential, its "base_url" and the common keys
// from a channel's details. Its errors are the *channel.ConfigError values
// of cfg's getters.
func (p Protocol) Parse(cfg channel.Config) (c Common, credential string, err error) {
	credential, err = cfg.Required(p.Credential)
	if err != nil {
		return Common{}, "", err
	}
	base, err := cfg.URL("base_url", p.BaseURL)
	if err != nil {
		return Common{}, "", err
	}
	return Common{
		Channel:    cfg.Channel(),
		BaseURL:    base,
		Language:   cfg.Language(),
		Format:     cfg.Format(),
		HTTPClient: cfg.HTTPClient(),
		Limiter:    cfg.Limiter(credential, p.RateLimit),
		Clock:      cfg.Clock(),
	}, credential, nil
}

// ReadErrcode reads the answer of WeCom and DingTalk:
// {"errcode":0,"errmsg":"ok"}.
func ReadErrcode(body []byte) (code int, msg string, ok bool) {
	var r struct {
		ErrCode *int   `json:"errcode"`
		ErrMsg  string `json:"errmsg"`
	}
	if json.Unmarshal(body, &r) != nil || r.ErrCode == nil {
		return 0, "", false
	}
	return *r.ErrCode, r.ErrMsg, true
}

// Client posts to one robot. Its embedded Common has its defaults filled.
type Client struct {
	Common
	// URL is the robot's endpoint: BaseURL and the path given to New.
	URL      string
	protocol *Protocol
	fail     httpsend.Failer
}

// New returns the Client of one robot, whose endpoint is c.BaseURL (or
// the Protocol's) followed by path. secrets are the robot's credentials: no
// error of the Client holds one, nor the endpoint.
func (p *Protocol) New(c Common, path string, secrets ...string) Client {
	c.BaseURL = cmp.Or(c.BaseURL, p.BaseURL)
	httpsend.Defaults(&c.HTTPClient, &c.Limiter, &c.Clock)
	u := strings.TrimSuffix(c.BaseURL, "/") + path
	return Client{
		Common:   c,
		URL:      u,
		protocol: p,
		fail:     httpsend.Failer{Channel: c.Channel, Type: p.Type, Secrets: append([]string{u}, secrets...)},
	}
}

// Request is one POST to the robot.
type Request struct {
	// URL is where the body goes: the Client's URL, or a signed one.
	URL string
	// Body is the JSON payload.
	Body []byte
	// Sign is this request's signature, when it has one: a secret that
	// the Client's secrets do not cover, like URL when it holds it.
	Sign string
}

// Post sends msg: it waits for the robot's slot, builds the request with
// build (after the wait, so that a signature's timestamp is fresh), posts
// it and reads the answer. The error is a *channel.Error: the limiter's,
// a transport error (retryable unless a certificate does not verify), an
// HTTP status (5xx, 429 and 408 retryable, after Retry-After), a 2xx body
// that is not the service's answer (retryable), or a non-zero code as the
// Protocol's table says. A non-2xx response that carries a non-zero code
// is classified by the code.
func (c *Client) Post(ctx context.Context, msg channel.Message, build func(channel.Message) (Request, error)) error {
	if err := c.Limiter.Wait(ctx); err != nil {
		return c.fail.Transport(err)
	}
	req, err := build(msg)
	if err != nil {
		return c.fail.Fail("", false, 0, "encode: "+err.Error(), req.Sign)
	}
	resp, err := httpsend.PostJSON(ctx, c.HTTPClient, req.URL, req.Body, nil)
	if err != nil {
		return c.fail.Transport(err, req.URL, req.Sign)
	}
	p := c.protocol
	code, text, ok := p.Read(resp.Body)
	switch {
	case !resp.OK() && (!ok || code == 0):
		return c.fail.Status(resp, c.Clock(), req.Sign)
	case !ok:
		return c.fail.Unexpected(resp, req.Sign)
	case code != 0:
		v, known := p.Codes[code]
		if !known {
			v.Meaning = p.Unknown
		}
		if v.Hint != nil {
			v.Meaning += v.Hint(text)
		}
		return c.fail.Fail(strconv.Itoa(code), v.Retryable, v.After, v.Meaning+": "+p.MsgField+" "+httpsend.Quote(c.fail.Scrub(text, req.Sign)), req.Sign)
	}
	return nil
}
