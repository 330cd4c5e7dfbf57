package console

import (
	"strconv"
	"strings"
	"time"

	"github.com/yujing-go/yujing/ops"
)

// The backtest chart's box, in SVG user units, and its columns: windows
// are put into chartBuckets columns over the range, so that the drawing
// stays the same size whatever the range and the window length.
const (
	chartW       = 720.0
	chartH       = 160.0
	chartPlotH   = 130.0 // the value's band; the marks' strips are below
	chartBuckets = 360
)

// bucket is the windows of one column of the chart.
type bucket struct {
	n           int
	sum, lo, hi float64
	fired       int // windows the rule matched
	would, was  int // windows whose replay sends a message; that were sent
	diff        int // windows that differ
}

// series gathers one country's replayed windows into the chart's columns
// as they stream: memory is the chart's, not the range's.
type series struct {
	country  string
	from     time.Time
	span     time.Duration
	buckets  [chartBuckets]bucket
	windows  int
	fired    int
	lo, hi   float64
	hasValue bool
}

func newSeries(country string, from, to time.Time) *series {
	return &series{country: country, from: from, span: max(to.Sub(from), time.Second)}
}

// add puts a window into its column.
func (s *series) add(w *ops.BacktestWindow) {
	i := int(float64(w.Begin.Sub(s.from)) / float64(s.span) * chartBuckets)
	if i < 0 || i >= chartBuckets {
		return
	}
	s.windows++
	b := &s.buckets[i]
	if w.Fired {
		b.fired++
		s.fired++
	}
	if w.Actual.Sent {
		b.was++
	}
	for _, m := range w.Messages {
		if m.Sends {
			b.would++
			break
		}
	}
	if w.Diff != ops.DiffSame {
		b.diff++
	}
	if w.Empty || w.Error != "" {
		return
	}
	if b.n == 0 || w.Rate < b.lo {
		b.lo = w.Rate
	}
	if b.n == 0 || w.Rate > b.hi {
		b.hi = w.Rate
	}
	b.n++
	b.sum += w.Rate
	if !s.hasValue || w.Rate < s.lo {
		s.lo = w.Rate
	}
	if !s.hasValue || w.Rate > s.hi {
		s.hi = w.Rate
	}
	s.hasValue = true
}

// chart is a country's backtest drawn for the template's inline SVG.
type chart struct {
	Country        string
	Windows, Fired int
	Line           string // polyline points of the columns' mean value
	HasThreshold   bool
	ThresholdY     string
	Threshold      float64
	Top, Bottom    string // the values at the top and the bottom of the band
	Fires          []mark // columns with a window the rule matched (shaded)
	Diffs          []mark // columns whose replay differs from what was sent
	Sent           []mark // columns with a window that was sent
	ColW           string
}

// mark is a column of the chart.
type mark struct{ X string }

// draw scales the columns into the box: the band spans the values and the
// threshold, with a margin.
func (s *series) draw(thr float64, thrOK bool) chart {
	c := chart{Country: s.country, Windows: s.windows, Fired: s.fired, ColW: num(chartW / chartBuckets), HasThreshold: thrOK, Threshold: thr}
	lo, hi := s.lo, s.hi
	if !s.hasValue {
		lo, hi = thr, thr
	}
	if thrOK {
		lo, hi = min(lo, thr), max(hi, thr)
	}
	pad := (hi - lo) * 0.08
	if pad == 0 {
		pad = 0.01
	}
	bottom, top := lo-pad, hi+pad
	c.Bottom, c.Top = fmtValue(bottom), fmtValue(top)
	y := func(v float64) string { return num(chartPlotH - (v-bottom)/(top-bottom)*chartPlotH) }
	if thrOK {
		c.ThresholdY = y(thr)
	}
	var pts strings.Builder
	for i := range s.buckets {
		b := &s.buckets[i]
		x := num(float64(i) * chartW / chartBuckets)
		if b.n > 0 {
			if pts.Len() > 0 {
				pts.WriteByte(' ')
			}
			pts.WriteString(num(float64(i)*chartW/chartBuckets+chartW/chartBuckets/2) + "," + y(b.sum/float64(b.n)))
		}
		if b.fired > 0 {
			c.Fires = append(c.Fires, mark{X: x})
		}
		if b.diff > 0 {
			c.Diffs = append(c.Diffs, mark{X: x})
		}
		if b.was > 0 {
			c.Sent = append(c.Sent, mark{X: x})
		}
	}
	c.Line = pts.String()
	return c
}

// fmtValue writes a value of the chart's axis.
func fmtValue(v float64) string { return strconv.FormatFloat(v, 'g', 4, 64) }
