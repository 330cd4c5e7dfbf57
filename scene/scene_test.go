package scene

import (
	"testing"
	"time"
)

func TestAlignedToUnixEpoch(t *testing.T) {
	at := time.Date(2026, 11, 24, 10, 17, 31, 5, time.FixedZone("CST", 8*3600))
	w := Aligned(at, 10*time.Minute)
	if want := time.Date(2026, 11, 24, 2, 10, 0, 0, time.UTC); !w.Begin.Equal(want) || w.Begin.Location() != time.UTC {
		t.Fatalf("begin %v, want %v", w.Begin, want)
	}
	if w.Duration() != 10*time.Minute || w.Previous().End != w.Begin {
		t.Fatalf("window %v", w)
	}
	// 7 minutes does not divide a day: alignment counts from the Unix epoch.
	w7 := Aligned(time.Unix(7*60*1000+30, 0), 7*time.Minute)
	if w7.Begin.Unix() != 7*60*1000 {
		t.Fatalf("7-minute window begins at %d", w7.Begin.Unix())
	}
	if got := w.String(); got != "2026-11-24T02:10:00Z/2026-11-24T02:20:00Z" {
		t.Fatalf("String = %s", got)
	}
}

func TestRate(t *testing.T) {
	if r := (Sample{Numerator: 3, Denominator: 4}).Rate(); r != 0.75 {
		t.Fatalf("rate %v", r)
	}
	if r := (Sample{}).Rate(); r != 0 {
		t.Fatalf("rate with no denominator %v", r)
	}
}
