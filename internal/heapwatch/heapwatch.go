// Package heapwatch samples the live heap while a benchmark runs, to
// report its peak: flat memory shows as a peak that does not grow with the
// work.
package heapwatch

import (
	"runtime/metrics"
	"sync"
	"time"
)

// Start samples the heap's live objects every 2 ms until the returned
// function is called; that returns the largest sample, in bytes.
func Start() (stop func() uint64) {
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	var peak uint64
	read := func() {
		metrics.Read(sample)
		peak = max(peak, sample[0].Value.Uint64())
	}
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		tick := time.NewTicker(2 * time.Millisecond)
		defer tick.Stop()
		for {
			read()
			select {
			case <-done:
				return
			case <-tick.C:
			}
		}
	})
	return func() uint64 {
		close(done)
		wg.Wait()
		read()
		return peak
	}
}
