// Package slack sends alerts to Slack through github.com/slack-go/slack:
// channel type 3.
//
// Either an incoming webhook (detail webhook_url: POST of {"text": …}), or a
// bot token and a channel (chat.postMessage). Format text sends escaped
// text (≤ 40,000 bytes); format markdown sends a "markdown" block
// (standard Markdown, ≤ 12,000 bytes) with the title as the notification
// text. Text is cut without splitting a character, ending with
// "…(truncated)", links and mentions kept. Mentions: user ids as <@U…>,
// All as <!channel>; mobiles are ignored.
//
// # Detail keys
//
//	| key         | required            | meaning                                                                      | example                                     |
//	|-------------|---------------------|------------------------------------------------------------------------------|---------------------------------------------|
//	| webhook_url | one of the two ways | incoming webhook URL (secret); continues in webhook_url.2, …                 | https://hooks.slack.com/services/T0/B0/XXXX |
//	| token       | one of the two ways | bot token for chat.postMessage (secret), with channel                        | xoxb-123-456-abc                            |
//	| channel     | with token          | channel id (or name) to post to                                              | C0123456789                                 |
//	| at_user_ids | no                  | list of member ids to mention                                                | U01ABCDEF,U02GHIJKL                         |
//	| at_all      | no                  | mention the channel (<!channel>) (true/false, default false)                 | true                                        |
//	| base_url    | no                  | Web API base (tests, Enterprise Grid proxies); default https://slack.com/api | http://127.0.0.1:8080/api                   |
//	| lang        | no                  | en or zh (default en)                                                        | zh                                          |
//	| format      | no                  | text or markdown (default text)                                              | markdown                                    |
//	| rate_limit  | no                  | messages per minute to this webhook or channel; 0 = off (default 60)         | 60                                          |
//	| timeout     | no                  | per send, a Go duration (default 10s)                                        | 5s                                          |
//
// # Errors
//
// Incoming webhooks answer with an HTTP status: 400 invalid_payload, 403
// action_prohibited, 404 channel_not_found and 410 channel_is_archived are
// permanent; 5xx and 429 retryable (429 after Retry-After). The Web API
// answers ok:false with an error string: invalid_auth, token_revoked,
// channel_not_found, not_in_channel, is_archived, msg_too_long, no_text,
// invalid_blocks and any unknown error are permanent; internal_error,
// fatal_error, service_unavailable, request_timeout and ratelimited are
// retryable. Network errors are retryable.
package slack
