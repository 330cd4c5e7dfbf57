package httpsend

import (
	"net/url"
	"strings"
)

// minURLSecret is the length from which a query value or a path segment of
// a configured URL is taken for a credential: tokens are long, while "v2",
// "hooks" or "ops" are not worth garbling every message for.
const minURLSecret = 12

// URLSecrets returns what of the URL raw may be a credential, to scrub from
// errors: the URL itself, its path and query as sent, the query's long
// values, the path's long segments and the user info's password.
func URLSecrets(raw string) []string {
	out := []string{raw}
	u, err := url.Parse(raw)
	if err != nil {
		return out
	}
	if ru := u.RequestURI(); ru != "/" {
		out = append(out, ru)
	}
	if u.RawQuery != "" {
		out = append(out, u.RawQuery)
	}
	for _, values := range u.Query() {
		for _, v := range values {
			if len(v) >= minURLSecret {
				out = append(out, v)
			}
		}
	}
	for _, seg := range strings.Split(u.Path, "/") {
		if len(seg) >= minURLSecret {
			out = append(out, seg)
		}
	}
	if p, ok := u.User.Password(); ok && p != "" {
		out = append(out, p)
	}
	return out
}
