// Package scene defines what business code implements so that the alert
// engine can measure it: a Scene reports, for each time window, one Sample per
// country (a numerator, a denominator and optional extra values).
//
// The package knows nothing of SQL, rules or channels. The engine asks a
// Scene for every window that is due, stores the samples in monitor_record
// (one row per country) and monitor_hist_data (the scene total), and
// evaluates the rules routed to the scene against them.
package scene

import (
	"context"
	"fmt"
	"time"
)

// Scene is one thing a business measures per time window, for example the
// SMS verification success rate per country.
//
// Collect is called once per due window (at least once after a crash of the
// host in the middle of it; the engine stores the samples idempotently). It
// returns one Sample per country that had traffic in the window; a country
// with no sample has no record for that window.
type Scene interface {
	// InfoType is the scene's code: monitor_*.info_type in the database.
	InfoType() int
	// Name is a human-readable name used in logs and messages.
	Name() string
	// Window is the length of one window. Windows are aligned to multiples
	// of it since the Unix epoch in UTC (a 10-minute scene has windows
	// 10:00–10:10, 10:10–10:20, …).
	Window() time.Duration
	// Collect measures the window w for every country.
	Collect(ctx context.Context, w Window) ([]Sample, error)
}

// Window is the half-open interval [Begin, End) that a sample covers, in UTC.
type Window struct {
	Begin time.Time
	End   time.Time
}

// Aligned returns the window of length d that contains t, aligned to
// multiples of d since the Unix epoch, in UTC.
func Aligned(t time.Time, d time.Duration) Window {
	since := t.Sub(time.Unix(0, 0))
	off := since % d
	if off < 0 {
		off += d
	}
	begin := t.Add(-off).UTC()
	return Window{Begin: begin, End: begin.Add(d)}
}

// Duration is the window's length.
func (w Window) Duration() time.Duration { return w.End.Sub(w.Begin) }

// Previous is the window of the same length just before w.
func (w Window) Previous() Window {
	d := w.Duration()
	return Window{Begin: w.Begin.Add(-d), End: w.Begin}
}

// String formats the window as "2026-11-24T10:00:00Z/2026-11-24T10:10:00Z".
func (w Window) String() string {
	return fmt.Sprintf("%s/%s", w.Begin.UTC().Format(time.RFC3339), w.End.UTC().Format(time.RFC3339))
}

// Sample is one country's measurement in one window.
type Sample struct {
	// Country is the country code (monitor_record.country_no), e.g. "PH".
	Country string
	// Numerator counts the successes (or whatever the rate's top is).
	Numerator int64
	// Denominator counts the attempts.
	Denominator int64
	// Vars holds extra values the rules see as vars.<name> and templates as
	// {vars.<name>}. Values should be strings, bools, integers or floats.
	Vars map[string]any
}

// Rate is Numerator/Denominator, or 0 when Denominator is 0 (rules should
// guard on the denominator, e.g. "denominator >= 100 && rate < threshold").
func (s Sample) Rate() float64 {
	if s.Denominator == 0 {
		return 0
	}
	return float64(s.Numerator) / float64(s.Denominator)
}
