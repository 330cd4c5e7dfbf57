// Package feishu sends alerts through a Feishu (飞书) or Lark custom bot:
// channel type 4.
//
// The bot's webhook is POST {base_url}/open-apis/bot/v2/hook/TOKEN with a
// JSON body (Lark: base_url https://open.larksuite.com). When a secret is
// configured the body carries "timestamp" (Unix seconds) and "sign" =
// base64(HMAC-SHA256(key=timestamp+"\n"+secret, msg="")). Format text sends
// a text message (msg_type text); format markdown sends an interactive card
// with the title as its header and the body as a markdown element. The
// request body is cut to 20,000 bytes (without splitting a character, with
// "…(truncated)"), links and mentions kept. HTTP 200 with a non-zero code
// (or, from older deployments, StatusCode) is a failure.
//
// # Detail keys
//
//	| key           | required | meaning                                                                                                 | example                                |
//	|---------------|----------|---------------------------------------------------------------------------------------------------------|----------------------------------------|
//	| token         | yes      | the bot's token: the last path segment of its webhook URL (secret)                                      | 2f1e0d9c-8b7a-4c3d-9e8f-…              |
//	| secret        | no       | the bot's signing secret (secret); signs every request when set                                         | mBe3sXyZ…                              |
//	| at_user_ids   | no       | list of open_ids / user_ids to @                                                                        | ou_7d8a6e6df7621556ce0d21922b676706ccs |
//	| at_all        | no       | @ everyone (true/false, default false)                                                                  | true                                   |
//	| card_template | no       | colour of the card's header in markdown format (default red)                                            | orange                                 |
//	| base_url      | no       | API base; default https://open.feishu.cn; Lark: https://open.larksuite.com                              | https://open.larksuite.com             |
//	| lang          | no       | en or zh (default en)                                                                                   | zh                                     |
//	| format        | no       | text or markdown (an interactive card) (default text)                                                   | markdown                               |
//	| rate_limit    | no       | messages per minute to this bot; 0 = off (default 100; spacing them evenly also keeps under 5 a second) | 100                                    |
//	| timeout       | no       | per send, a Go duration (default 10s)                                                                   | 5s                                     |
//
// A list continues in rows "key.2", "key.3", … (joined with commas); items
// are separated by commas (or semicolons, full-width ones too). Feishu bots
// mention by user id only: Mentions.Mobiles are ignored.
//
// # Errors
//
//	| code  | meaning                                                | retryable |
//	|-------|--------------------------------------------------------|-----------|
//	| 19021 | sign mismatch or timestamp not within one hour (clock) | no        |
//	| 19022 | IP not allowed                                         | no        |
//	| 19024 | keywords not found                                     | no        |
//	| 9499  | bad request                                            | no        |
//	| 19001 | invalid token                                          | no        |
//	| 11232 | frequency limited                                      | yes       |
//	| other |                                                        | no        |
//
// HTTP 5xx, 429 and network errors are retryable; other HTTP statuses are
// permanent.
package feishu
