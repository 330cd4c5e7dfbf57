package console

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/yujing-go/yujing/alert"
	"github.com/yujing-go/yujing/scene"
	"github.com/yujing-go/yujing/store"
)

// The trend's drawing box, in SVG user units.
const (
	trendW = 64.0
	trendH = 18.0
)

// trend is a scene × country's recent windows, drawn as an inline SVG
// polyline by the template.
type trend struct {
	Points  string // "x,y x,y …" for the polyline; "" when no window has a value
	DotX    string // the last value's point
	DotY    string
	HasLast bool
	Last    alert.RecordValue // the latest window's value
	LastEnd time.Time         // its window's end
	N       int               // windows with a value
}

// trends reads the last trendSize windows of each scene for the
// countries: one bounded query per scene (the unique key of monitor_record
// serves it), decoded with the engine's decoder.
func (c *console) trends(ctx context.Context, scenes []alert.SceneInfo, countries []string, now time.Time) (map[store.StateKey]trend, error) {
	out := map[store.StateKey]trend{}
	if len(countries) == 0 {
		return out, nil
	}
	for _, s := range scenes {
		begins := windowBegins(s, now, c.trendSize)
		recs, err := c.db.RecordSamples(ctx, s.InfoType, countries, begins[0], begins[len(begins)-1])
		if err != nil {
			return nil, fmt.Errorf("console: overview: records of scene %d: %w", s.InfoType, err)
		}
		series := map[string][]*float64{}
		lasts := map[string]int{}
		values := map[string]alert.RecordValue{}
		for i := range recs {
			rec := &recs[i]
			v, err := alert.DecodeRecordValue(rec.Content, rec.CompareVal)
			if err != nil {
				continue // a row another system wrote badly: no point
			}
			at := slot(begins, rec.BeginTime)
			if at < 0 {
				continue
			}
			co := rec.CountryNo
			if series[co] == nil {
				series[co] = make([]*float64, len(begins))
				lasts[co] = -1
			}
			series[co][at] = &v.Rate
			if at > lasts[co] {
				lasts[co], values[co] = at, v
			}
		}
		for co, pts := range series {
			t := draw(pts)
			t.Last, t.LastEnd = values[co], begins[lasts[co]].Add(s.Window)
			out[store.StateKey{InfoType: s.InfoType, CountryNo: co}] = t
		}
	}
	return out, nil
}

// windowBegins are the begins of the scene's last n windows that have
// ended by now, oldest first. (A window the engine has not collected yet,
// for its collect delay, is a gap at the end of the line.)
func windowBegins(s alert.SceneInfo, now time.Time, n int) []time.Time {
	end := scene.Aligned(now, s.Window).Begin
	out := make([]time.Time, n)
	for i := range out {
		out[i] = end.Add(-time.Duration(n-i) * s.Window).UTC()
	}
	return out
}

// slot is the index of t in begins, or -1.
func slot(begins []time.Time, t time.Time) int {
	for i, b := range begins {
		if b.Equal(t) {
			return i
		}
	}
	return -1
}

// draw scales the values into the box: the lowest at the bottom, the
// highest at the top (a flat series in the middle); a missing window is
// left out of the line.
func draw(vals []*float64) trend {
	var t trend
	lo, hi := 0.0, 0.0
	for _, v := range vals {
		if v == nil {
			continue
		}
		if t.N == 0 || *v < lo {
			lo = *v
		}
		if t.N == 0 || *v > hi {
			hi = *v
		}
		t.N++
	}
	if t.N == 0 {
		return t
	}
	var b strings.Builder
	step := trendW / float64(max(1, len(vals)-1))
	for i, v := range vals {
		if v == nil {
			continue
		}
		y := trendH / 2
		if hi > lo {
			y = 1 + (hi-*v)/(hi-lo)*(trendH-2)
		}
		x, ys := num(float64(i)*step), num(y)
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(x + "," + ys)
		t.DotX, t.DotY = x, ys
	}
	t.Points, t.HasLast = b.String(), true
	return t
}

func num(f float64) string { return strconv.FormatFloat(f, 'f', 1, 64) }
