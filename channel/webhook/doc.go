// Package webhook posts alerts as JSON to any HTTP endpoint: channel type 5.
//
// The body is a Payload: the alert's id, labels, links and both languages'
// content. Headers:
//
//	Content-Type:       application/json; charset=utf-8
//	Idempotency-Key:    Message.ID (the same on every retry; absent when empty)
//	X-Yujing-Timestamp: Unix seconds of the send
//	X-Yujing-Signature: sha256=hex(HMAC-SHA256(key=secret, msg=timestamp+"."+body)), when a secret is set
//
// plus the custom headers of the "header.<Name>" details. A receiver checks
// the signature by recomputing it over the raw body and refusing stale
// timestamps. 2xx is success; 5xx, 429, 408 and network errors are
// retryable, after Retry-After (seconds or an HTTP date) when given; other
// statuses are permanent.
//
// # Detail keys
//
//	| key           | required | meaning                                                                             | example                          |
//	|---------------|----------|-------------------------------------------------------------------------------------|----------------------------------|
//	| url           | yes      | the endpoint, http or https; continues in url.2, url.3 … (secret: may hold a token) | https://hooks.example.com/alerts |
//	| secret        | no       | HMAC-SHA256 key of X-Yujing-Signature (secret)                                      | 9f86d081884c7d65…                |
//	| header.<Name> | no       | a custom header, e.g. header.Authorization (values treated as secrets)              | Bearer eyJhbGciOi…               |
//	| lang          | no       | en or zh: the language of the payload's title and text (default en)                 | zh                               |
//	| rate_limit    | no       | messages per minute to this URL; 0 = off (default 0)                                | 60                               |
//	| timeout       | no       | per send, a Go duration (default 10s)                                               | 5s                               |
//
// "format" is accepted and ignored: the payload carries every form of the
// body. Headers that the sender sets itself (Content-Type, Idempotency-Key,
// X-Yujing-*, Host, Content-Length…) cannot be overridden.
package webhook
