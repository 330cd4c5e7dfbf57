package console

import "testing"

// TestDraw: the lowest value is drawn at the bottom, the highest at the
// top, a missing window is left out, a flat series sits in the middle.
func TestDraw(t *testing.T) {
	f := func(v float64) *float64 { return &v }
	got := draw([]*float64{f(0.5), nil, f(1), f(0.75)})
	if got.Points != "0.0,17.0 42.7,1.0 64.0,9.0" || got.DotX != "64.0" || got.DotY != "9.0" || got.N != 3 || !got.HasLast {
		t.Errorf("%+v", got)
	}
	if flat := draw([]*float64{f(0.9), f(0.9)}); flat.Points != "0.0,9.0 64.0,9.0" {
		t.Errorf("flat: %+v", flat)
	}
	if none := draw([]*float64{nil, nil}); none.HasLast || none.Points != "" {
		t.Errorf("none: %+v", none)
	}
}
