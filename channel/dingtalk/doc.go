// Package dingtalk sends alerts through a DingTalk (钉钉) custom robot:
// channel type 2.
//
// The robot's webhook is POST {base_url}/robot/send?access_token=T, signed
// when a secret is configured: timestamp (Unix milliseconds) and sign =
// urlencode(base64(HMAC-SHA256(key=secret, msg=timestamp+"\n"+secret))) are
// added as query parameters. Message.ID is sent as msgUuid, so that a retry
// after a timeout does not post twice. Mentioned mobiles and user ids are
// written into the text as "@…" too (DingTalk shows a mention only then).
// When keywords are configured and the message contains none of them, the
// first is prepended: a robot secured by keywords refuses other messages.
// The request body is cut to 20,000 bytes (without splitting a character,
// with "…(truncated)"), links and mentions kept. HTTP 200 with a non-zero
// errcode is a failure.
//
// # Detail keys
//
//	| key          | required | meaning                                                                                 | example                 |
//	|--------------|----------|-----------------------------------------------------------------------------------------|-------------------------|
//	| access_token | yes      | the robot's access_token (secret)                                                       | 5d6f…e1 (64 hex)        |
//	| secret       | no       | the robot's signing secret, "SEC…" (secret); signs every request when set               | SEC0123…                |
//	| keyword      | no       | list of the robot's security keywords; the first is prepended when the message has none | 告警,alert              |
//	| at_mobiles   | no       | list of mobiles to @                                                                    | 13800001111,13900002222 |
//	| at_user_ids  | no       | list of DingTalk userIds to @                                                           | manager123              |
//	| at_all       | no       | @ everyone in the group (true/false, default false)                                     | true                    |
//	| base_url     | no       | API base (tests, private deployments); default https://oapi.dingtalk.com                | http://127.0.0.1:8080   |
//	| lang         | no       | en or zh (default en)                                                                   | zh                      |
//	| format       | no       | text or markdown (default text)                                                         | markdown                |
//	| rate_limit   | no       | messages per minute to this robot; 0 = off (default 20)                                 | 20                      |
//	| timeout      | no       | per send, a Go duration (default 10s)                                                   | 5s                      |
//
// A list continues in rows "key.2", "key.3", … (joined with commas); items
// are separated by commas (or semicolons, full-width ones too).
//
// # Errors
//
//	| errcode                | meaning                                                   | retryable                  |
//	|------------------------|-----------------------------------------------------------|----------------------------|
//	| 310000                 | security check: keywords, sign (clock skew?) or IP list   | no                         |
//	| 130101, 410100         | sending too fast: DingTalk throttles the robot 10 minutes | yes, RetryAfter 10 minutes |
//	| -1                     | system busy                                               | yes                        |
//	| 300001, 300005, 400101 | token does not exist                                      | no                         |
//	| 400102, 400106, 400013 | robot disabled / missing / group dissolved                | no                         |
//	| 400105                 | unsupported msgtype                                       | no                         |
//	| 430101–430104          | content moderation rejected                               | no                         |
//	| 460101                 | message too long                                          | no                         |
//	| other                  |                                                           | no                         |
//
// HTTP 5xx, 429 and network errors are retryable; other HTTP statuses are
// permanent.
package dingtalk
