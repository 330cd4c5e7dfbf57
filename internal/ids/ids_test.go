package ids

import (
	"strings"
	"testing"
	"time"
)

func TestNewIsUniqueSortedAndFits(t *testing.T) {
	t0 := time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC)
	seen := map[string]bool{}
	prev := ""
	for i := range 10000 {
		id := New("SL", t0.Add(time.Duration(i)*time.Millisecond))
		if len(id) != 2+codeLen || len(id) > MaxLen {
			t.Fatalf("len(%q) = %d", id, len(id))
		}
		if !strings.HasPrefix(id, "SL") {
			t.Fatalf("%q lacks prefix", id)
		}
		if seen[id] {
			t.Fatalf("duplicate %q", id)
		}
		seen[id] = true
		if id <= prev {
			t.Fatalf("%q does not sort after %q", id, prev)
		}
		prev = id
	}
}

func TestNewCutsLongPrefix(t *testing.T) {
	id := New(strings.Repeat("P", 40), time.Unix(0, 0))
	if len(id) != MaxLen {
		t.Fatalf("len = %d, want %d", len(id), MaxLen)
	}
}

func TestEncodeKnownValue(t *testing.T) {
	var b [16]byte
	b[15] = 31
	dst := make([]byte, codeLen)
	encode(dst, b)
	if got := string(dst); got != strings.Repeat("0", 25)+"Z" {
		t.Fatalf("encode = %q", got)
	}
	for i := range b {
		b[i] = 0xff
	}
	encode(dst, b)
	if got := string(dst); got != "7"+strings.Repeat("Z", 25) {
		t.Fatalf("encode all ones = %q", got)
	}
}
