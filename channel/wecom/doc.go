// Package wecom sends alerts through a WeCom (企业微信) group robot: channel
// type 0.
//
// The robot's webhook is POST {base_url}/cgi-bin/webhook/send?key=KEY with a
// JSON body. The key is the only credential: it never appears in an error.
// A text message is cut to 2048 bytes and a Markdown message to 4096 bytes
// (without splitting a character, ending with "…(truncated)"), links and
// mentions kept. HTTP 200 with a non-zero errcode is a failure.
//
// # Detail keys
//
//	| key                   | required | meaning                                                                    | example                  |
//	|-----------------------|----------|----------------------------------------------------------------------------|--------------------------|
//	| key                   | yes      | the robot's key: the key= of its webhook URL (secret)                      | 693a91f6-7xxx-4bc4-97a0… |
//	| mentioned_list        | no       | list of userids to @ in text messages; "@all" mentions everyone            | zhangsan,@all            |
//	| mentioned_mobile_list | no       | list of mobiles to @ in text messages; "@all" mentions everyone            | 13800001111,13900002222  |
//	| base_url              | no       | API base (tests, private deployments); default https://qyapi.weixin.qq.com | http://127.0.0.1:8080    |
//	| lang                  | no       | en or zh (default en)                                                      | zh                       |
//	| format                | no       | text or markdown (default text)                                            | markdown                 |
//	| rate_limit            | no       | messages per minute to this robot; 0 = off (default 20)                    | 20                       |
//	| timeout               | no       | per send, a Go duration (default 10s)                                      | 5s                       |
//
// A list continues in rows "key.2", "key.3", … (joined with commas); items
// are separated by commas (or semicolons, full-width ones too).
//
// Markdown messages can only mention userids, written as <@userid> into the
// content: WeCom's Markdown has no @all and no mobile mentions, so those
// are dropped in Markdown format.
//
// # Errors
//
//	| errcode      | meaning                               | retryable                |
//	|--------------|---------------------------------------|--------------------------|
//	| -1           | system busy                           | yes                      |
//	| 45009        | api freq out of limit                 | yes, RetryAfter 1 minute |
//	| 93000        | webhook invalid / robot removed       | no                       |
//	| 93004, 93008 | robot disabled / not in group         | no                       |
//	| 40008        | invalid msgtype                       | no                       |
//	| 40058        | bad parameter (e.g. content too long) | no                       |
//	| 44004        | empty content                         | no                       |
//	| other        |                                       | no                       |
//
// HTTP 5xx, 429 and network errors are retryable; other HTTP statuses are
// permanent.
package wecom
