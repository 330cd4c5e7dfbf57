package measure

import (
	"errors"
	"fmt"
	"math"
)

// DefaultBuckets returns the upper bounds, in seconds, of the duration
// histograms' buckets: 1 ms to 1 minute, for a stage of an idle Tick
// (well under a millisecond) up to a Tick working a backlog.
func DefaultBuckets() []float64 {
	return []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30, 60}
}

// CheckBuckets refuses bucket bounds that are empty, not finite or not
// strictly increasing.
func CheckBuckets(b []float64) error {
	if len(b) == 0 {
		return errors.New("no bucket bounds")
	}
	for i, v := range b {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return fmt.Errorf("bucket bound %d is %v", i, v)
		}
		if i > 0 && v <= b[i-1] {
			return fmt.Errorf("bucket bounds not strictly increasing: %v after %v", v, b[i-1])
		}
	}
	return nil
}
