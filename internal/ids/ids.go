// Package ids makes the business codes the store generates (channel_no,
// rule_no, sl_no, bu_no, …): a short prefix, then 26 characters that sort by
// creation time (48 bits of milliseconds, 80 random bits, Crockford base32),
// so a code is unique without coordination and at most 32 characters long.
package ids

import (
	"crypto/rand"
	"encoding/binary"
	"time"
)

// MaxLen is the longest code New makes (prefix included), for prefixes of
// at most MaxPrefix characters: every code column holds 32 characters.
const (
	MaxLen    = 32
	MaxPrefix = MaxLen - codeLen
	codeLen   = 26
)

const crockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

// New returns prefix followed by a time-ordered random code made at t. The
// prefix must be at most MaxPrefix characters; a longer one is cut so that
// the code fits its column.
func New(prefix string, t time.Time) string {
	if len(prefix) > MaxPrefix {
		prefix = prefix[:MaxPrefix]
	}
	var b [16]byte
	binary.BigEndian.PutUint64(b[:8], uint64(t.UnixMilli())<<16)
	// bytes 0..5 hold the time; 6..15 are random.
	_, _ = rand.Read(b[6:]) // crypto/rand.Read never fails (Go 1.24+)
	out := make([]byte, len(prefix)+codeLen)
	copy(out, prefix)
	encode(out[len(prefix):], b)
	return string(out)
}

// encode writes the 128 bits of b as 26 base32 digits (the first digit
// holds the top 3 bits).
func encode(dst []byte, b [16]byte) {
	hi := binary.BigEndian.Uint64(b[:8])
	lo := binary.BigEndian.Uint64(b[8:])
	for i := codeLen - 1; i >= 0; i-- {
		dst[i] = crockford[lo&31]
		lo = lo>>5 | hi<<59
		hi >>= 5
	}
}
