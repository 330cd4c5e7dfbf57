package rule

import (
	"cmp"
	"context"
	"fmt"
	"maps"
	"slices"
	"time"
)

// maxBaselineDays bounds WithBaselineDays: each input that needs the
// baseline asks the store for that many windows.
const maxBaselineDays = 90

// day is the step between the windows of baseline and history: 24 hours in
// UTC, so windows aligned to the epoch stay aligned.
const day = 24 * time.Hour

// HistoryKey names one window of one scene and country. Begin and End are
// always in UTC without a monotonic clock reading, so keys compare with ==.
type HistoryKey struct {
	InfoType int
	Country  string
	Begin    time.Time
	End      time.Time
}

// Point is what the store knows of a past window.
type Point struct {
	Numerator, Denominator int64
	Rate                   float64
}

// History is implemented by the store adapter: it returns the points it has
// for the keys (absent keys = no data). Keys are unique and sorted by
// scene, country and begin. The returned map may be keyed by the given keys
// or by equal instants in any location.
type History interface {
	Points(ctx context.Context, keys []HistoryKey) (map[HistoryKey]Point, error)
}

// key returns the window [begin, end) of the input's scene and country.
func key(in *Input, begin, end time.Time) HistoryKey {
	return HistoryKey{InfoType: in.InfoType, Country: in.Country, Begin: begin.UTC(), End: end.UTC()}
}

// prevKey is the window of the same length that ends where in begins.
func prevKey(in *Input) HistoryKey {
	return key(in, in.Begin.Add(-in.End.Sub(in.Begin)), in.Begin)
}

// dayKey is the window of in, d days earlier.
func dayKey(in *Input, d int) HistoryKey {
	shift := -time.Duration(d) * day
	return key(in, in.Begin.Add(shift), in.End.Add(shift))
}

// keySet collects the distinct windows a batch needs.
type keySet map[HistoryKey]struct{}

// add adds the windows that rules with uses u need for in.
func (s keySet) add(in *Input, u uses, days int) {
	if u.prev() {
		s[prevKey(in)] = struct{}{}
	}
	if u.days() {
		for d := 1; d <= days; d++ {
			s[dayKey(in, d)] = struct{}{}
		}
	}
}

// sorted returns the keys in a stable order.
func (s keySet) sorted() []HistoryKey {
	return slices.SortedFunc(maps.Keys(s), func(a, b HistoryKey) int {
		return cmp.Or(
			cmp.Compare(a.InfoType, b.InfoType),
			cmp.Compare(a.Country, b.Country),
			a.Begin.Compare(b.Begin),
			a.End.Compare(b.End),
		)
	})
}

// fetch asks h once for the points of keys, keyed by normalized keys.
func fetch(ctx context.Context, h History, keys keySet) (map[HistoryKey]Point, error) {
	if len(keys) == 0 {
		return nil, nil
	}
	if h == nil {
		return nil, errNoHistory
	}
	got, err := h.Points(ctx, keys.sorted())
	if err != nil {
		return nil, fmt.Errorf("fetch %d history points: %w", len(keys), err)
	}
	points := make(map[HistoryKey]Point, len(got))
	for k, p := range got {
		k.Begin, k.End = k.Begin.UTC(), k.End.UTC()
		points[k] = p
	}
	return points, nil
}

// prevValue is the prev variable: rate, numerator and denominator of the
// previous window, or no keys when it has no data.
func prevValue(points map[HistoryKey]Point, in *Input) map[string]any {
	p, ok := points[prevKey(in)]
	if !ok {
		return map[string]any{}
	}
	return pointValue(p)
}

// pointValue is a window with data as expressions see it.
func pointValue(p Point) map[string]any {
	return map[string]any{"rate": p.Rate, "numerator": p.Numerator, "denominator": p.Denominator}
}

// historyValue is the history variable: element i is the window of in,
// i+1 days earlier, with the keys of prev.
func historyValue(points map[HistoryKey]Point, in *Input, days int) []any {
	list := make([]any, days)
	for d := 1; d <= days; d++ {
		if p, ok := points[dayKey(in, d)]; ok {
			list[d-1] = pointValue(p)
		} else {
			list[d-1] = map[string]any{}
		}
	}
	return list
}

// baselineValue is the baseline variable: the means of rate, numerator and
// denominator (all doubles) over the earlier days that have data, and that
// number of days. Only days is present when no day has data.
func baselineValue(points map[HistoryKey]Point, in *Input, days int) map[string]any {
	var n int64
	var rate, num, den float64
	for d := 1; d <= days; d++ {
		if p, ok := points[dayKey(in, d)]; ok {
			n++
			rate += p.Rate
			num += float64(p.Numerator)
			den += float64(p.Denominator)
		}
	}
	if n == 0 {
		return map[string]any{"days": n}
	}
	f := float64(n)
	return map[string]any{"days": n, "rate": rate / f, "numerator": num / f, "denominator": den / f}
}
