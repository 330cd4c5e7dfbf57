package alert

import (
	"context"
	"time"

	"github.com/yujing-go/yujing/rule"
	"github.com/yujing-go/yujing/store"
)

// historySource serves rule history (previous windows, the same window on
// earlier days) from monitor_record: one query per scene for a whole batch.
type historySource struct {
	records store.RecordStore
}

func (h historySource) Points(ctx context.Context, keys []rule.HistoryKey) (map[rule.HistoryKey]rule.Point, error) {
	type scope struct {
		countries map[string]bool
		begins    map[time.Time]bool
	}
	byScene := map[int]*scope{}
	for _, k := range keys {
		s := byScene[k.InfoType]
		if s == nil {
			s = &scope{map[string]bool{}, map[time.Time]bool{}}
			byScene[k.InfoType] = s
		}
		s.countries[k.Country] = true
		s.begins[k.Begin.UTC()] = true
	}
	want := map[rule.HistoryKey]bool{}
	for _, k := range keys {
		want[rule.HistoryKey{InfoType: k.InfoType, Country: k.Country, Begin: k.Begin.UTC(), End: k.End.UTC()}] = true
	}
	out := map[rule.HistoryKey]rule.Point{}
	for infoType, s := range byScene {
		countries := make([]string, 0, len(s.countries))
		for c := range s.countries {
			countries = append(countries, c)
		}
		begins := make([]time.Time, 0, len(s.begins))
		for b := range s.begins {
			begins = append(begins, b)
		}
		recs, err := h.records.RecordsByWindows(ctx, infoType, countries, begins)
		if err != nil {
			return nil, err
		}
		for i := range recs {
			r := &recs[i]
			if r.BeginTime == nil || r.EndTime == nil || r.CountryNo == nil {
				continue
			}
			k := rule.HistoryKey{InfoType: infoType, Country: *r.CountryNo, Begin: r.BeginTime.UTC(), End: r.EndTime.UTC()}
			if !want[k] {
				continue
			}
			s, err := decodeSample(r.Content, r.CompareVal)
			if err != nil {
				continue // a record we cannot read is no history
			}
			out[k] = rule.Point{Numerator: s.num, Denominator: s.den, Rate: s.rate}
		}
	}
	return out, nil
}
