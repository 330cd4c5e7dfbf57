// Package channel delivers alert messages through the channels that
// operators configure in monitor_channel (channel_no, type) and
// monitor_channel_detail (key/value rows): WeCom and DingTalk robots,
// email, Slack, Feishu/Lark bots and generic webhooks.
//
// The package knows nothing about SQL or rules. The engine reads a channel's
// row and its enabled detail rows into a Spec, builds a Sender with a
// Registry, and sends a Message:
//
//	reg := builtin.NewRegistry()            // the six built-in types
//	b, err := reg.Build(channel.Spec{No: "CH01", Type: channel.TypeDingTalk, Details: details})
//	if err != nil { … }                     // *ConfigError: a missing or malformed key; do not retry
//	err = b.Send(ctx, msg)                  // *Error: IsRetryable(err), RetryAfter(err)
//
// Layout: one sender per sub-package (wecom, dingtalk, feishu, slack, email,
// webhook), each with a Factory named New that reads its detail keys, and a
// Config struct with NewSender for use from Go without a Registry. Package
// builtin registers the six on a Registry; a host registers its own types
// with Registry.Register. The three chat robots (wecom, dingtalk, feishu)
// speak one protocol, kept in internal/robot: the common keys parsed once,
// a JSON POST through an injected HTTP client, and the body's code read and
// classified by each robot's own code table. A robot package holds only its
// payload, its signature and its codes.
//
// # Errors
//
// Every failed Send returns an *Error: the channel, the type, the service's
// code, whether a retry may succeed and after how long. Rate limits, "busy"
// codes, HTTP 5xx and 429, network errors and timeouts are retryable; bad
// tokens, bad signatures and refused content are permanent. No error, and
// no text this package produces, holds a key, token, secret, password,
// signature or a URL that contains one.
//
// # Rate limits
//
// A Registry holds one client-side limiter per robot (type + a hash of its
// key, token or URL), so every sender built for that robot, however often
// it is rebuilt, and every goroutine share it. Sends are spaced evenly at
// the robot's rate. A send waits for its slot as long as its context
// allows; when the slot comes after the context's deadline it fails at once
// with a retryable *Error whose RetryAfter is the wait.
//
// # Detail keys
//
// Keys are case-insensitive; values are trimmed. A value is at most 128
// characters (the column), so a longer value continues in rows "key.2",
// "key.3", … (numeric order, no gaps): list values (recipients, mentions)
// are joined with commas, scalar values (a long URL or token) are
// concatenated. List items are separated by commas (also ';', '，', '；' and
// line breaks). Errors name the channel and the key, never the value:
//
//	channel CH01 (dingtalk): detail "access_token": missing
//
// Keys that a type does not read do not fail the build; they are listed in
// Built.UnknownKeys (likely typos), with Built.KnownKeys the keys the type
// reads. The engine's configuration API refuses them (with a "did you
// mean" hint); rows written with SQL are built anyway and the keys logged.
//
// Common keys, read for every type:
//
//	| key        | required | meaning                                                                                                                      | example  |
//	|------------|----------|------------------------------------------------------------------------------------------------------------------------------|----------|
//	| lang       | no       | language of the message: en or zh (default en)                                                                               | zh       |
//	| format     | no       | body format: text or markdown (default text)                                                                                 | markdown |
//	| rate_limit | no       | messages per minute per robot, 0 = off; default per type: wecom 20, dingtalk 20, feishu 100, slack 60, email and webhook off | 20       |
//	| timeout    | no       | bound of one send (HTTP request or SMTP session, not the rate-limit wait), a Go duration (default 10s)                       | 15s      |
//
// The keys of each type are documented in its package (wecom, dingtalk,
// feishu, slack, email, webhook) and gathered in KEYS.md.
package channel
