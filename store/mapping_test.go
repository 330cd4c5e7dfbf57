package store

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"
)

func TestFitsDecimal(t *testing.T) {
	for _, tc := range []struct {
		v    string
		p, s int
		ok   bool
	}{
		{"99.99", 4, 2, true}, {"-99.99", 4, 2, true}, {"100", 4, 2, false}, {"1.001", 4, 2, false}, {"1.100", 4, 2, true},
		{"999999999999.99999999", 20, 8, true}, {"1000000000000", 20, 8, false}, {"0.000000001", 20, 8, false},
		{"0.8523", 8, 4, true}, {"0.85235", 8, 4, false},
	} {
		err := fitsDecimal(decimal.RequireFromString(tc.v), tc.p, tc.s)
		if (err == nil) != tc.ok {
			t.Errorf("fitsDecimal(%s, %d, %d) = %v, want ok=%v", tc.v, tc.p, tc.s, err, tc.ok)
		}
	}
}

func TestCheckValueCountsCharactersNotBytes(t *testing.T) {
	c := &column{name: "fun_desc", kind: kindVarchar, size: 4}
	if _, err := checkValue("monitor_rule", c, "预警平台"); err != nil {
		t.Fatalf("4 Chinese characters in varchar(4): %v", err)
	}
	_, err := checkValue("monitor_rule", c, "预警平台X")
	var ve *ValidationError
	if !errors.As(err, &ve) || ve.Table != "monitor_rule" || ve.Column != "fun_desc" || !strings.Contains(err.Error(), "5 characters, at most 4") {
		t.Fatalf("want a validation error naming the field, got %v", err)
	}
}

func TestCheckValueTimes(t *testing.T) {
	c := &column{name: "begin_time", kind: kindTime}
	in := time.Date(2026, 11, 24, 18, 0, 0, 999, time.FixedZone("CST", 8*3600))
	got, err := checkValue("monitor_record", c, in)
	if err != nil {
		t.Fatal(err)
	}
	if tt := got.(time.Time); tt.Location() != time.UTC || !tt.Equal(time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC)) {
		t.Fatalf("stored as %v, want 10:00 UTC whole seconds", tt)
	}
	if _, err := checkValue("monitor_record", c, time.Date(2040, 1, 1, 0, 0, 0, 0, time.UTC)); err == nil {
		t.Fatal("a time after 2038 was accepted")
	}
}

func TestTablesMapEveryColumn(t *testing.T) {
	tb, err := newTables()
	if err != nil {
		t.Fatal(err)
	}
	if len(tb.all) != 13 {
		t.Fatalf("%d tables mapped, want 13", len(tb.all))
	}
}

func TestClipReasonMarksTheCut(t *testing.T) {
	long := strings.Repeat("错", 600)
	got := clipReason(long).(string)
	if n := len([]rune(got)); n != ReasonMax || !strings.HasSuffix(got, "…") {
		t.Fatalf("clipped to %d characters ending %q", n, got[len(got)-3:])
	}
	if clipReason("") != nil {
		t.Fatal("an empty reason should be NULL")
	}
}
