package ops

import (
	"net/url"
	"slices"
	"strconv"
	"strings"
)

// Masked replaces a secret detail value in the toolkit's output.
const Masked = "***"

// secretKeys are the detail keys channel/KEYS.md marks secret for a
// built-in type; known is false for another type. Every "header.<Name>"
// of a webhook is secret too.
func secretKeys(typeName string) (keys []string, known bool) {
	switch typeName {
	case "wecom":
		return []string{"key"}, true
	case "email":
		return []string{"password"}, true
	case "dingtalk":
		return []string{"access_token", "secret"}, true
	case "slack":
		return []string{"webhook_url", "token"}, true
	case "feishu":
		return []string{"token", "secret"}, true
	case "webhook":
		return []string{"url", "secret"}, true
	}
	return nil, false
}

// commonKey reports whether key is one every type reads (none of them a
// secret).
func commonKey(key string) bool {
	switch key {
	case "lang", "format", "rate_limit", "timeout":
		return true
	}
	return false
}

// SecretDetail reports whether a detail of a channel of type typeName
// ("wecom", …) holds a secret that no output may show: the keys
// channel/KEYS.md marks secret (wecom key; email password; dingtalk
// access_token and secret; slack webhook_url and token; feishu token and
// secret; webhook url, secret and every header.<Name>), with their
// continuation rows ("url.2", …). For a type the toolkit does not know (a
// host's own), every key but the common ones (lang, format, rate_limit,
// timeout) is taken for a secret. Keys are case-insensitive.
func SecretDetail(typeName, key string) bool {
	key = baseKey(key)
	secrets, known := secretKeys(typeName)
	switch {
	case !known:
		return !commonKey(key)
	case typeName == "webhook" && strings.HasPrefix(key, "header."):
		return true
	}
	return slices.Contains(secrets, key)
}

// baseKey is a detail key lower-cased, without its continuation suffix
// ("URL.2" → "url").
func baseKey(key string) string {
	key = strings.ToLower(strings.TrimSpace(key))
	if i := strings.LastIndexByte(key, '.'); i > 0 {
		if n, err := strconv.Atoi(key[i+1:]); err == nil && n >= 2 {
			return key[:i]
		}
	}
	return key
}

// MaskDetail returns a detail's value as the toolkit shows it: a secret is
// Masked, except that a URL keeps its scheme and host
// ("https://hooks.slack.com/***"), which tell where it goes and hold no
// credential. Other values are returned as they are.
func MaskDetail(typeName, key, value string) string {
	if !SecretDetail(typeName, key) {
		return value
	}
	if strings.TrimSpace(value) == "" {
		return ""
	}
	if k := baseKey(key); k == strings.ToLower(strings.TrimSpace(key)) && (k == "url" || k == "webhook_url") {
		if u, err := url.Parse(strings.TrimSpace(value)); err == nil && u.Host != "" && u.User == nil && (u.Scheme == "http" || u.Scheme == "https") {
			return u.Scheme + "://" + u.Host + "/" + Masked
		}
	}
	return Masked
}

// secretValues are the values of spec's secret details: what an error's
// text is scrubbed of.
func secretValues(typeName string, details map[string]string) []string {
	var out []string
	for k, v := range details {
		if v = strings.TrimSpace(v); v != "" && SecretDetail(typeName, k) {
			out = append(out, v)
		}
	}
	return out
}
