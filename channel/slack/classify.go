package slack

import (
	"encoding/json"
	"errors"
	"net/http"
	"strconv"

	"github.com/slack-go/slack"
)

// classify turns an error of slack-go into a *channel.Error.
func (s *Sender) classify(err error) error {
	if e, ok := errors.AsType[*slack.RateLimitedError](err); ok {
		return s.fail.Fail("HTTP 429", true, e.RetryAfter, "rate limited by Slack")
	}
	if e, ok := errors.AsType[slack.StatusCodeError](err); ok {
		retryable := e.Code >= 500 || e.Code == http.StatusTooManyRequests || e.Code == http.StatusRequestTimeout
		return s.fail.Fail("HTTP "+strconv.Itoa(e.Code), retryable, 0, statusMeaning(e.Code))
	}
	if e, ok := errors.AsType[slack.SlackErrorResponse](err); ok {
		return s.fail.Fail(e.Err, retryableAPIError(e.Err), 0, "chat.postMessage: "+e.Err)
	}
	if _, ok := errors.AsType[*strconv.NumError](err); ok {
		// slack-go fails to parse a Retry-After that is not in seconds; only
		// a 429 carries one.
		return s.fail.Fail("HTTP 429", true, 0, "rate limited by Slack (unreadable Retry-After)")
	}
	if _, ok := errors.AsType[*json.SyntaxError](err); ok {
		return s.fail.Fail("", true, 0, "unexpected response: "+err.Error())
	}
	return s.fail.Transport(err)
}

// statusMeaning names what Slack's incoming webhooks mean by an HTTP status
// (slack-go drops the body that says it).
func statusMeaning(code int) string {
	m := "HTTP " + strconv.Itoa(code) + " " + http.StatusText(code)
	switch code {
	case http.StatusBadRequest:
		m += " (invalid_payload)"
	case http.StatusForbidden:
		m += " (action_prohibited)"
	case http.StatusNotFound:
		m += " (channel_not_found, or the webhook was removed)"
	case http.StatusGone:
		m += " (channel_is_archived)"
	}
	return m
}

// retryableAPIError reports whether a Web API error string is transient.
func retryableAPIError(e string) bool {
	switch e {
	case "internal_error", "fatal_error", "service_unavailable", "request_timeout", "ratelimited", "rate_limited":
		return true
	}
	return false
}
