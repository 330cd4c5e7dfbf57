package email

import (
	"errors"
	"net"
	"net/smtp"
	"slices"
	"strings"
)

// errInsecureAuth is the failure when the only mechanisms the server offers
// would send the password in clear text.
var errInsecureAuth = errors.New("refusing to send the password over an unencrypted connection (use tls implicit or starttls)")

// chooseAuth picks a mechanism among those the server offers: PLAIN, then
// LOGIN, over TLS or to localhost (net/smtp's PLAIN refuses clear text to
// any other host, and so does LOGIN here); CRAM-MD5 otherwise.
func chooseAuth(offered []string, isTLS bool, host, username, password string) (smtp.Auth, error) {
	secure := isTLS || isLocalhost(host)
	switch {
	case secure && slices.Contains(offered, "PLAIN"):
		return smtp.PlainAuth("", username, password, host), nil
	case secure && slices.Contains(offered, "LOGIN"):
		return &loginAuth{username: username, password: password, host: host}, nil
	case slices.Contains(offered, "CRAM-MD5"):
		return smtp.CRAMMD5Auth(username, password), nil
	case !secure:
		return nil, errInsecureAuth
	}
	return nil, errors.New("the server offers no authentication mechanism this sender supports (PLAIN, LOGIN, CRAM-MD5)")
}

func isLocalhost(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// loginAuth is the LOGIN mechanism (a de-facto standard that net/smtp
// lacks).
type loginAuth struct {
	username, password, host string
}

// Start begins LOGIN, refusing a clear-text connection to another host.
func (a *loginAuth) Start(server *smtp.ServerInfo) (string, []byte, error) {
	if !server.TLS && !isLocalhost(server.Name) {
		return "", nil, errInsecureAuth
	}
	if server.Name != a.host {
		return "", nil, errors.New("wrong host name")
	}
	return "LOGIN", nil, nil
}

// Next answers the server's prompts with the username, then the password.
func (a *loginAuth) Next(fromServer []byte, more bool) ([]byte, error) {
	if !more {
		return nil, nil
	}
	switch strings.ToLower(strings.TrimSpace(string(fromServer))) {
	case "username:", "user name", "username":
		return []byte(a.username), nil
	case "password:", "password":
		return []byte(a.password), nil
	}
	return nil, errors.New("unexpected LOGIN challenge")
}
