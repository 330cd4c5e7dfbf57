package recurring_test

import (
	"testing"
	"time"
)

// BenchmarkActive measures Active for both forms in Berlin, on instants
// spread over 2027 (most far from a change of offset, some near one).
func BenchmarkActive(b *testing.B) {
	loc := zone(b, "Europe/Berlin")
	instants := make([]time.Time, 0, 1024)
	for u := utc(2027, 1, 1, 0, 0); len(instants) < cap(instants); u = u.Add(8*time.Hour + 37*time.Minute) {
		instants = append(instants, u)
	}
	near := make([]time.Time, 0, 1024)
	for u := utc(2027, 10, 30, 12, 0); len(near) < cap(near); u = u.Add(time.Minute) {
		near = append(near, u) // within a day of 31 October's change
	}
	for _, c := range []struct{ name, spec string }{
		{"weekly", "MON-FRI 22:00-06:00"},
		{"weekly-daily", "DAILY 01:30-03:30"},
		{"cron", "cron 30 22 * * 1-5 for 7h30m"},
		{"cron-overlapping", "cron */20 * * * * for 1h"},
	} {
		s := mustParse(b, c.spec)
		for _, set := range []struct {
			name string
			at   []time.Time
		}{{"year", instants}, {"nearchange", near}} {
			b.Run(c.name+"/"+set.name, func(b *testing.B) {
				b.ReportAllocs()
				i := 0
				for b.Loop() {
					s.Active(set.at[i%len(set.at)], loc)
					i++
				}
			})
		}
	}
}

// BenchmarkNext measures Next for both forms in Berlin.
func BenchmarkNext(b *testing.B) {
	loc := zone(b, "Europe/Berlin")
	instants := make([]time.Time, 0, 1024)
	for u := utc(2027, 1, 1, 0, 0); len(instants) < cap(instants); u = u.Add(8*time.Hour + 37*time.Minute) {
		instants = append(instants, u)
	}
	for _, c := range []struct{ name, spec string }{
		{"weekly", "MON-FRI 22:00-06:00"},
		{"weekly-sunday", "SUN 02:00-04:00"},
		{"cron", "cron 30 22 * * 1-5 for 7h30m"},
	} {
		s := mustParse(b, c.spec)
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				s.Next(instants[i%len(instants)], loc)
				i++
			}
		})
	}
}
