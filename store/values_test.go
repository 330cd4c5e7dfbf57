package store

import (
	"reflect"
	"testing"
)

func TestValuesRoundTrip(t *testing.T) {
	for _, vals := range []map[string]string{
		{},
		{"rate": "0.8123", "country": "PH"},
		{"note": "a;b=c\\d", "empty": "", "中文": "菲律宾;短信"},
		{"k;=\\": ";;;==\\\\"},
	} {
		enc := EncodeValues(vals)
		got, err := DecodeValues(enc)
		if err != nil {
			t.Fatalf("decode %q: %v", enc, err)
		}
		if !reflect.DeepEqual(got, vals) {
			t.Fatalf("round trip of %v through %q gave %v", vals, enc, got)
		}
	}
}

func TestValuesEncodingIsStable(t *testing.T) {
	got := EncodeValues(map[string]string{"b": "2", "a": "x;y"})
	if want := `a=x\;y;b=2`; got != want {
		t.Fatalf("EncodeValues = %q, want %q", got, want)
	}
}

func TestDecodePositionalSeedForm(t *testing.T) {
	got, err := DecodeValues("PH;0.81;1200")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"1": "PH", "2": "0.81", "3": "1200"}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got %v, want %v", got, want)
	}
}

func TestDecodeRejectsMixedForms(t *testing.T) {
	if _, err := DecodeValues("a=1;b"); err == nil {
		t.Fatal("a pair without '=' among named pairs was accepted")
	}
}

func FuzzValuesRoundTrip(f *testing.F) {
	f.Add("rate", "0.81", "note", "a;b=c\\")
	f.Fuzz(func(t *testing.T, k1, v1, k2, v2 string) {
		vals := map[string]string{k1: v1, k2: v2}
		got, err := DecodeValues(EncodeValues(vals))
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, vals) {
			t.Fatalf("round trip of %q gave %q", vals, got)
		}
	})
}
