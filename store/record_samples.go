package store

import (
	"context"
	"fmt"
	"time"
)

// RecordSample is the part of a monitor_record row that holds its value:
// what a chart of recent windows reads.
type RecordSample struct {
	CountryNo  string
	BeginTime  time.Time
	Content    *string
	CompareVal *string
}

// RecordSamples returns the value columns of the records of scene
// infoType for the countries whose window begins from from to to
// (inclusive): a chart's read of recent windows, without the rest of the
// row, on the unique key (info_type, country_no, begin_time, end_time) —
// one range per country — and scanned without reflection.
func (db *DB) RecordSamples(ctx context.Context, infoType int, countries []string, from, to time.Time) ([]RecordSample, error) {
	if len(countries) == 0 || to.Before(from) {
		return nil, nil
	}
	args := make([]any, 0, 3+len(countries))
	args = append(args, infoType)
	for _, c := range countries {
		args = append(args, c)
	}
	args = append(args, normTime(from), normTime(to))
	rows, err := db.x.QueryContext(ctx, "SELECT country_no, begin_time, content, compare_val FROM monitor_record WHERE info_type = ? AND country_no IN ("+
		placeholders(len(countries))+") AND begin_time >= ? AND begin_time <= ?", args...)
	if err != nil {
		return nil, fmt.Errorf("record samples: %w", err)
	}
	defer rows.Close()
	var out []RecordSample
	for rows.Next() {
		var s RecordSample
		var country *string
		var begin *time.Time
		if err := rows.Scan(&country, &begin, &s.Content, &s.CompareVal); err != nil {
			return nil, fmt.Errorf("record samples: %w", err)
		}
		if country == nil || begin == nil {
			continue
		}
		s.CountryNo, s.BeginTime = *country, begin.UTC()
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("record samples: %w", err)
	}
	return out, nil
}
