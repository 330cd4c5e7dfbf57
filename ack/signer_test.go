package ack_test

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/yujing-go/yujing/ack"
)

var (
	testKey = []byte("0123456789abcdef0123456789abcdef-test-key")
	t0      = time.Date(2026, 11, 24, 10, 30, 0, 0, time.UTC)
	target  = ack.Target{InfoType: 7, Country: "PH", FiringSince: time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC)}
)

const (
	testBase = "https://ops.example.com/alerts/ack"
	testTTL  = 4 * time.Hour
)

func newSigner(t testing.TB, base string) *ack.Signer {
	t.Helper()
	s, err := ack.NewSigner(testKey, base, testTTL)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// query is the query of link.
func query(t testing.TB, link string) url.Values {
	t.Helper()
	u, err := url.Parse(link)
	if err != nil {
		t.Fatal(err)
	}
	q, err := url.ParseQuery(u.RawQuery)
	if err != nil {
		t.Fatal(err)
	}
	return q
}

// TestLinkFormat recomputes a link from the documented format alone.
func TestLinkFormat(t *testing.T) {
	s := newSigner(t, testBase)
	link := s.Link(target, t0)

	since := strconv.FormatInt(target.FiringSince.Unix(), 10)
	exp := strconv.FormatInt(t0.Add(testTTL).Unix(), 10)
	m := hmac.New(sha256.New, testKey)
	m.Write([]byte("yujing-ack/1\n7\n" + since + "\n" + exp + "\nPH"))
	sig := base64.RawURLEncoding.EncodeToString(m.Sum(nil))
	want := testBase + "?type=7&country=PH&since=" + since + "&exp=" + exp + "&sig=" + sig
	if link != want {
		t.Fatalf("link\n got %s\nwant %s", link, want)
	}
	if len(sig) != 43 {
		t.Fatalf("signature %q: %d characters, want 43", sig, len(sig))
	}
}

func TestVerifyRoundTrip(t *testing.T) {
	s := newSigner(t, testBase)
	for _, tg := range []ack.Target{
		target,
		{InfoType: 0, Country: "", FiringSince: time.Unix(0, 0)},
		{InfoType: -3, Country: `P"H' <b>&\n 菲律宾`, FiringSince: time.Date(2026, 1, 2, 3, 4, 5, 999_999_999, time.FixedZone("PHT", 8*3600))},
		{InfoType: 1 << 40, Country: "a=b&c=d;e#f", FiringSince: time.Time{}},
	} {
		got, err := s.Verify(query(t, s.Link(tg, t0)), t0)
		if err != nil {
			t.Fatalf("%+v: %v", tg, err)
		}
		want := tg
		want.FiringSince = time.Unix(tg.FiringSince.Unix(), 0).UTC()
		if got != want {
			t.Fatalf("got %+v, want %+v", got, want)
		}
	}
}

// forgeries are changes to a valid link's query that Verify must refuse
// with ErrForged; handler_test.go serves them too.
func forgeries() []struct {
	name   string
	change func(q url.Values)
} {
	set := func(k, v string) func(url.Values) { return func(q url.Values) { q.Set(k, v) } }
	del := func(k string) func(url.Values) { return func(q url.Values) { q.Del(k) } }
	shift := func(k string, by int64) func(url.Values) {
		return func(q url.Values) {
			n, _ := strconv.ParseInt(q.Get(k), 10, 64)
			q.Set(k, strconv.FormatInt(n+by, 10))
		}
	}
	flip := func(q url.Values) { // change one bit of the signature's first byte
		b, _ := base64.RawURLEncoding.DecodeString(q.Get("sig"))
		b[0] ^= 1
		q.Set("sig", base64.RawURLEncoding.EncodeToString(b))
	}
	otherKey := func(q url.Values) {
		s, _ := ack.NewSigner([]byte(strings.Repeat("k", 32)), testBase, testTTL)
		link := s.Link(target, t0)
		q.Set("sig", link[strings.LastIndex(link, "sig=")+4:])
	}
	return []struct {
		name   string
		change func(q url.Values)
	}{
		{"signature altered", flip},
		{"signature of another key", otherKey},
		{"signature empty", set("sig", "")},
		{"signature padded", func(q url.Values) { q.Set("sig", q.Get("sig")+"=") }},
		{"signature in standard base64", func(q url.Values) {
			b, _ := base64.RawURLEncoding.DecodeString(q.Get("sig"))
			q.Set("sig", base64.StdEncoding.EncodeToString(b))
		}},
		{"signature with unused bits set", func(q url.Values) {
			// The last of 43 characters carries 4 bits of the hash and 2
			// unused, zero in a strict encoding; a lenient decoder reads
			// the same bytes whatever they are.
			sig := q.Get("sig")
			const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
			i := strings.IndexByte(alphabet, sig[42])
			q.Set("sig", sig[:42]+string(alphabet[i|1]))
			if b, err := base64.RawURLEncoding.DecodeString(q.Get("sig")); err != nil || base64.RawURLEncoding.EncodeToString(b) != sig {
				panic("the test's lenient spelling is not one")
			}
		}},
		{"type altered", shift("type", 1)},
		{"type written 07", set("type", "07")},
		{"type written +7", set("type", "+7")},
		{"country altered", set("country", "ID")},
		{"country lower case", set("country", "ph")},
		{"since altered", shift("since", -1)},
		{"expiry altered", shift("exp", 3600)},
		{"expiry written 0-padded", func(q url.Values) { q.Set("exp", "0"+q.Get("exp")) }},
		{"type removed", del("type")},
		{"country removed", del("country")},
		{"since removed", del("since")},
		{"expiry removed", del("exp")},
		{"signature removed", del("sig")},
		{"extra parameter", set("by", "mallory")},
		{"type repeated", func(q url.Values) { q.Add("type", q.Get("type")) }},
		{"signature repeated", func(q url.Values) { q.Add("sig", q.Get("sig")) }},
	}
}

func TestVerifyRefusesForgeries(t *testing.T) {
	s := newSigner(t, testBase)
	link := s.Link(target, t0)
	for _, f := range forgeries() {
		t.Run(f.name, func(t *testing.T) {
			q := query(t, link)
			f.change(q)
			if q.Encode() == query(t, link).Encode() {
				t.Fatal("the change changed nothing")
			}
			_, err := s.Verify(q, t0)
			if !errors.Is(err, ack.ErrForged) || errors.Is(err, ack.ErrExpired) {
				t.Fatalf("err = %v, want ErrForged", err)
			}
			// Forged wins over expired: the expiry is not trusted
			// before the signature is.
			_, err = s.Verify(q, t0.Add(100*testTTL))
			if !errors.Is(err, ack.ErrForged) {
				t.Fatalf("expired: err = %v, want ErrForged", err)
			}
		})
	}
}

func TestVerifyExpiry(t *testing.T) {
	s := newSigner(t, testBase)
	q := query(t, s.Link(target, t0))
	exp := t0.Add(testTTL)
	for _, c := range []struct {
		now     time.Time
		expired bool
	}{
		{t0, false},
		{t0.Add(-time.Hour), false}, // a clock behind the maker's
		{exp.Add(-time.Nanosecond), false},
		{exp, true},
		{exp.Add(time.Second), true},
		{exp.Add(365 * 24 * time.Hour), true},
	} {
		_, err := s.Verify(q, c.now)
		if got := errors.Is(err, ack.ErrExpired); got != c.expired || (!c.expired && err != nil) {
			t.Errorf("at %v: err = %v, want expired %v", c.now, err, c.expired)
		}
		if c.expired && !strings.Contains(err.Error(), exp.Format(time.RFC3339)) {
			t.Errorf("err %q does not say when the link expired", err)
		}
	}
}

func TestNewSignerRefuses(t *testing.T) {
	for _, c := range []struct {
		name string
		key  []byte
		base string
		ttl  time.Duration
		want string
	}{
		{"key of 31 bytes", testKey[:31], testBase, testTTL, "key of 31 bytes"},
		{"no key", nil, testBase, testTTL, "key of 0 bytes"},
		{"empty base URL", testKey, "", testTTL, "empty base URL"},
		{"relative base URL", testKey, "/alerts/ack", testTTL, "must be absolute"},
		{"base URL without scheme", testKey, "ops.example.com/ack", testTTL, "must be absolute"},
		{"base URL of another scheme", testKey, "ftp://ops.example.com/ack", testTTL, "scheme http or https"},
		{"base URL without host", testKey, "https:///ack", testTTL, "has no host"},
		{"base URL with a fragment", testKey, testBase + "#top", testTTL, "fragment"},
		{"base URL with an empty fragment", testKey, testBase + "#", testTTL, "fragment"},
		{"base URL with a password", testKey, "https://u:p@ops.example.com/ack", testTTL, "user information"},
		{"base URL of another scheme with a password", testKey, "ftp://u:p@ops.example.com/ack", testTTL, "user information"},
		{"base URL that does not parse, with a password", testKey, "https://u:p@ops.example.com:port/ack", testTTL, "not a URL"},
		{"base URL using a link parameter", testKey, testBase + "?sig=1", testTTL, `"sig" is one of the link's own`},
		{"base URL with a bad query", testKey, testBase + "?a=%zz", testTTL, "query"},
		{"zero ttl", testKey, testBase, 0, "lifetime 0s: must be positive"},
		{"negative ttl", testKey, testBase, -time.Hour, "must be positive"},
	} {
		t.Run(c.name, func(t *testing.T) {
			s, err := ack.NewSigner(c.key, c.base, c.ttl)
			if err == nil || s != nil {
				t.Fatalf("NewSigner = %v, %v; want an error", s, err)
			}
			if !strings.Contains(err.Error(), c.want) {
				t.Fatalf("err %q does not say %q", err, c.want)
			}
			if strings.Contains(err.Error(), "p@") {
				t.Fatalf("err %q repeats the credentials", err)
			}
		})
	}
}

// TestNewSignerCopiesKey: changing the caller's slice afterwards changes
// no signature.
func TestNewSignerCopiesKey(t *testing.T) {
	key := append([]byte(nil), testKey...)
	s, err := ack.NewSigner(key, testBase, testTTL)
	if err != nil {
		t.Fatal(err)
	}
	link := s.Link(target, t0)
	key[0] ^= 0xff
	if _, err := s.Verify(query(t, link), t0); err != nil {
		t.Fatal(err)
	}
}

func TestBaseURLWithQuery(t *testing.T) {
	s := newSigner(t, testBase+"?tenant=a")
	link := s.Link(target, t0)
	if !strings.HasPrefix(link, testBase+"?tenant=a&type=7&") {
		t.Fatalf("link %s does not keep the base URL's query", link)
	}
	for _, c := range []struct {
		name   string
		change func(url.Values)
		forged bool
	}{
		{"as made", func(url.Values) {}, false},
		{"base parameter removed", func(q url.Values) { q.Del("tenant") }, false},
		{"base parameter changed", func(q url.Values) { q.Set("tenant", "b") }, false},
		{"base parameter repeated", func(q url.Values) { q.Add("tenant", "b") }, false},
		{"signed parameter changed", func(q url.Values) { q.Set("type", "8") }, true},
		{"extra parameter", func(q url.Values) { q.Set("tenant2", "a") }, true},
	} {
		q := query(t, link)
		c.change(q)
		got, err := s.Verify(q, t0)
		if c.forged != errors.Is(err, ack.ErrForged) || (!c.forged && (err != nil || got != target)) {
			t.Errorf("%s: %+v, %v; want forged %v", c.name, got, err, c.forged)
		}
	}

	// A base URL ending in "?" or "&" gets no second separator.
	for base, want := range map[string]string{
		testBase + "?":          testBase + "?type=7&",
		testBase + "?tenant=a&": testBase + "?tenant=a&type=7&",
	} {
		if link := newSigner(t, base).Link(target, t0); !strings.HasPrefix(link, want) {
			t.Errorf("base %s: link %s", base, link)
		}
	}
}

// TestSignerPrintsNoKey: a Signer printed by mistake shows no key.
func TestSignerPrintsNoKey(t *testing.T) {
	s := newSigner(t, testBase)
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%x", "%q"} {
		out := fmt.Sprintf(verb, s)
		if containsKey(out) {
			t.Errorf("%s prints the key: %s", verb, out)
		}
	}
}

// containsKey says whether s holds the test key in any usual spelling.
func containsKey(s string) bool {
	for _, k := range []string{
		string(testKey),
		fmt.Sprintf("%x", testKey),
		fmt.Sprintf("%X", testKey),
		fmt.Sprint(testKey),
		base64.StdEncoding.EncodeToString(testKey),
		base64.RawURLEncoding.EncodeToString(testKey),
		string(testKey[:16]),
	} {
		if strings.Contains(s, k) {
			return true
		}
	}
	return false
}

func BenchmarkVerify(b *testing.B) {
	s := newSigner(b, testBase)
	q := query(b, s.Link(target, t0))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := s.Verify(q, t0); err != nil {
			b.Fatal(err)
		}
	}
}
