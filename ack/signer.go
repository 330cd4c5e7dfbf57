package ack

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// MinKeyLength is the shortest key NewSigner accepts, in bytes: as long as
// the HMAC-SHA256 output, so the key is no weaker than the signature.
const MinKeyLength = 32

// The query parameters of a link, in the order Link writes them.
const (
	paramType    = "type"    // Target.InfoType, decimal
	paramCountry = "country" // Target.Country
	paramSince   = "since"   // Target.FiringSince, Unix seconds
	paramExpiry  = "exp"     // the link's expiry, Unix seconds
	paramSig     = "sig"     // base64url(HMAC-SHA256(key, canonical)), unpadded
)

// canonicalPrefix starts every signed string: it names what is signed and
// the format's version, so a signature made for anything else with the
// same key is never a valid link.
const canonicalPrefix = "yujing-ack/1\n"

// sigLen is the length of an encoded signature: 32 bytes in unpadded
// base64url, 6 bits a character.
const sigLen = (sha256.Size*8 + 5) / 6

// ErrForged is the error of a link whose signature is missing or does not
// match, or whose parameters were altered, removed, repeated or added.
var ErrForged = errors.New("ack: link forged or altered")

// ErrExpired is the error of a link with a valid signature whose expiry has
// passed.
var ErrExpired = errors.New("ack: link expired")

// Target is what a link acknowledges: one firing episode of a scene × country.
type Target struct {
	InfoType int    // the scene's code
	Country  string // the country code, such as "PH"
	// FiringSince is when the episode began: a link for an earlier episode
	// is stale. A link carries it in whole Unix seconds, so Verify returns
	// it truncated to the second (in UTC); an Acknowledger compares it
	// with the episode's start truncated the same way.
	FiringSince time.Time
}

// Signer makes and checks links. It is immutable: one Signer may be used
// by many goroutines at once. Printing a Signer shows its base URL and
// lifetime, never its key.
type Signer struct {
	key      []byte
	base     string          // baseURL with the separator the link's own parameters follow
	baseKeys map[string]bool // the base URL's own query parameters, which Verify ignores
	ttl      time.Duration
}

// Format implements fmt.Formatter, so that a Signer printed by mistake
// (with any verb, in a log line or an error) does not leak its key.
func (s Signer) Format(f fmt.State, _ rune) {
	fmt.Fprintf(f, "ack.Signer{base: %s, ttl: %v, key: [REDACTED]}", strings.TrimRight(s.base, "?&"), s.ttl)
}

// NewSigner returns a Signer whose links start with baseURL and are valid
// for ttl after they are made.
//
// key must be at least MinKeyLength (32) random bytes; NewSigner copies it.
// baseURL must be an absolute http or https URL with a host, without a
// fragment or user information (a link is posted in chat rooms). It may
// carry a query of its own ("https://ops.example.com/ack?tenant=a"): Link
// keeps it and Verify ignores it, so its parameters must not be the link's
// own (type, country, since, exp, sig). ttl must be positive.
func NewSigner(key []byte, baseURL string, ttl time.Duration) (*Signer, error) {
	if len(key) < MinKeyLength {
		return nil, fmt.Errorf("ack: key of %d bytes: must be at least %d (use random bytes, not a password)", len(key), MinKeyLength)
	}
	if ttl <= 0 {
		return nil, fmt.Errorf("ack: link lifetime %v: must be positive", ttl)
	}
	if baseURL == "" {
		return nil, errors.New("ack: empty base URL: links need the absolute URL the handler is served at")
	}
	u, err := url.Parse(baseURL)
	if err != nil {
		// Not err itself, which repeats the URL, credentials and all.
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return nil, fmt.Errorf("ack: base URL is not a URL: %w", err)
	}
	switch {
	case u.User != nil: // first: the errors below repeat the URL
		return nil, errors.New("ack: base URL carries user information: a link is posted in chat rooms and must hold no credentials")
	case u.Scheme != "http" && u.Scheme != "https":
		return nil, fmt.Errorf("ack: base URL %q: must be absolute, with scheme http or https", baseURL)
	case u.Host == "":
		return nil, fmt.Errorf("ack: base URL %q: has no host", baseURL)
	case u.Fragment != "" || strings.Contains(baseURL, "#"):
		return nil, fmt.Errorf("ack: base URL %q: has a fragment, which would swallow the link's parameters", baseURL)
	}
	q, err := url.ParseQuery(u.RawQuery)
	if err != nil {
		return nil, fmt.Errorf("ack: base URL %q: query: %w", baseURL, err)
	}
	baseKeys := make(map[string]bool, len(q))
	for k := range q {
		switch k {
		case paramType, paramCountry, paramSince, paramExpiry, paramSig:
			return nil, fmt.Errorf("ack: base URL %q: its query parameter %q is one of the link's own", baseURL, k)
		}
		baseKeys[k] = true
	}
	base := baseURL
	switch {
	case u.RawQuery == "" && !strings.HasSuffix(base, "?"):
		base += "?"
	case u.RawQuery != "" && !strings.HasSuffix(base, "&"):
		base += "&"
	}
	return &Signer{key: append([]byte(nil), key...), base: base, baseKeys: baseKeys, ttl: ttl}, nil
}

// Link returns the link that acknowledges t, valid from now for the
// Signer's lifetime:
//
//	baseURL?type=7&country=PH&since=1795514400&exp=1795530600&sig=…
//
// (baseURL's own query, if any, comes first). since and exp are Unix
// seconds; sig is the unpadded base64url HMAC-SHA256, under the key, of
// the canonical string described in the package documentation.
func (s *Signer) Link(t Target, now time.Time) string {
	typ := strconv.Itoa(t.InfoType)
	since := strconv.FormatInt(t.FiringSince.Unix(), 10)
	exp := strconv.FormatInt(now.Add(s.ttl).Unix(), 10)
	sum := s.sign(nil, typ, since, exp, t.Country)
	var b strings.Builder
	b.Grow(len(s.base) + len(t.Country)*3 + len(typ) + len(since) + len(exp) + sigLen + 32)
	b.WriteString(s.base)
	b.WriteString(paramType + "=" + typ)
	b.WriteString("&" + paramCountry + "=" + url.QueryEscape(t.Country))
	b.WriteString("&" + paramSince + "=" + since)
	b.WriteString("&" + paramExpiry + "=" + exp)
	b.WriteString("&" + paramSig + "=" + base64.RawURLEncoding.EncodeToString(sum))
	return b.String()
}

// Verify checks the query of a link (q, as url.ParseQuery returns it) and
// returns its Target.
//
// The error wraps ErrForged when the signature is missing, malformed or
// does not match, or when a signed parameter is missing, repeated, not in
// the form Link writes it, or altered, or when q has a parameter that is
// neither the link's nor the base URL's (those are ignored, whatever their
// values). It wraps ErrExpired when the signature is valid but now is at or
// past the expiry; the expiry is read only once the signature is valid.
func (s *Signer) Verify(q url.Values, now time.Time) (Target, error) {
	for k := range q {
		switch k {
		case paramType, paramCountry, paramSince, paramExpiry, paramSig:
		default:
			if !s.baseKeys[k] {
				return Target{}, fmt.Errorf("%w: unexpected parameter %q", ErrForged, k)
			}
		}
	}
	get := func(k string) (string, error) {
		switch v := q[k]; len(v) {
		case 1:
			return v[0], nil
		case 0:
			return "", fmt.Errorf("%w: parameter %q is missing", ErrForged, k)
		default:
			return "", fmt.Errorf("%w: parameter %q is repeated", ErrForged, k)
		}
	}
	var vals [5]string
	for i, k := range [...]string{paramType, paramCountry, paramSince, paramExpiry, paramSig} {
		v, err := get(k)
		if err != nil {
			return Target{}, err
		}
		vals[i] = v
	}
	typ, country, since, exp, sig := vals[0], vals[1], vals[2], vals[3], vals[4]

	// The numbers must be as Link writes them (no sign, zeros or spaces
	// added), so the signed string has exactly one form and cannot be
	// confused with another: only the country, last, is free text.
	infoType, err := strconv.Atoi(typ)
	if err != nil || !written(int64(infoType), typ) {
		return Target{}, fmt.Errorf("%w: parameter %q is not a decimal integer", ErrForged, paramType)
	}
	sinceUnix, err := strconv.ParseInt(since, 10, 64)
	if err != nil || !written(sinceUnix, since) {
		return Target{}, fmt.Errorf("%w: parameter %q is not Unix seconds", ErrForged, paramSince)
	}
	expUnix, err := strconv.ParseInt(exp, 10, 64)
	if err != nil || !written(expUnix, exp) {
		return Target{}, fmt.Errorf("%w: parameter %q is not Unix seconds", ErrForged, paramExpiry)
	}

	var got [sha256.Size]byte
	if len(sig) != sigLen {
		return Target{}, fmt.Errorf("%w: signature is %d characters, not %d", ErrForged, len(sig), sigLen)
	}
	// Strict: the last character's unused bits must be zero, so one
	// signature has one spelling.
	if n, err := base64.RawURLEncoding.Strict().Decode(got[:], []byte(sig)); err != nil || n != sha256.Size {
		return Target{}, fmt.Errorf("%w: signature is not unpadded base64url", ErrForged)
	}
	var buf [sha256.Size]byte
	if !hmac.Equal(got[:], s.sign(buf[:0], typ, since, exp, country)) {
		return Target{}, fmt.Errorf("%w: signature does not match (altered, or made with another key)", ErrForged)
	}

	expiry := time.Unix(expUnix, 0)
	if !now.Before(expiry) {
		return Target{}, fmt.Errorf("%w at %s", ErrExpired, expiry.UTC().Format(time.RFC3339))
	}
	return Target{InfoType: infoType, Country: country, FiringSince: time.Unix(sinceUnix, 0).UTC()}, nil
}

// written says whether s is n as Link writes it: in decimal, without a
// plus sign or leading zeros.
func written(n int64, s string) bool {
	var buf [20]byte
	return string(strconv.AppendInt(buf[:0], n, 10)) == s
}

// sign appends to dst the HMAC-SHA256 of the canonical string of a link's
// parameters, given as Link writes them:
//
//	"yujing-ack/1\n" + type + "\n" + since + "\n" + exp + "\n" + country
//
// The three numbers hold no newline, so the country, last, may hold
// anything and the string still has one reading.
func (s *Signer) sign(dst []byte, typ, since, exp, country string) []byte {
	msg := make([]byte, 0, len(canonicalPrefix)+len(typ)+len(since)+len(exp)+len(country)+3)
	msg = append(msg, canonicalPrefix...)
	msg = append(append(msg, typ...), '\n')
	msg = append(append(msg, since...), '\n')
	msg = append(append(msg, exp...), '\n')
	msg = append(msg, country...)
	m := hmac.New(sha256.New, s.key)
	m.Write(msg)
	return m.Sum(dst)
}
