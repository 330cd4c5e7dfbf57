package rule

import (
	"fmt"
	"testing"
)

func TestCacheBound(t *testing.T) {
	e, err := New(WithCacheSize(5))
	if err != nil {
		t.Fatal(err)
	}
	for i := range 50 {
		if err := e.Validate(Rule{No: fmt.Sprint(i), Code: fmt.Sprintf("rate < %d.0", i)}); err != nil {
			t.Fatal(err)
		}
		if n := e.cache.len(); n > 5 {
			t.Fatalf("%d cached rules, want at most 5", n)
		}
	}
	if n := e.cache.len(); n != 5 {
		t.Errorf("%d cached rules, want 5", n)
	}
}

func TestCostTrackingOnlyWhenNeeded(t *testing.T) {
	e, err := New()
	if err != nil {
		t.Fatal(err)
	}
	for code, want := range map[string]bool{
		"denominator >= 100 && rate < threshold":  false,
		`country == "PH" && rate < threshold.min`: false,
		"begin.getHours() > 8":                    false,
		"threshold.exists(x, x > rate)":           true, // size unknown when compiled
		"vars.l.all(a, a > 0)":                    true,
		`vars.name.contains("x")`:                 true,
	} {
		c := e.program(&Rule{No: "R", Code: code, Threshold: "[1]"})
		if c.err != nil {
			t.Fatalf("%s: %v", code, c.err)
		}
		if c.tracked != want {
			t.Errorf("%s: tracked %v, want %v", code, c.tracked, want)
		}
	}
}
