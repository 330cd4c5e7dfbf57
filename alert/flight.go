package alert

import (
	"context"
	"errors"
	"sync"
	"time"
)

// flight is one send stage's deliveries: the concurrency slots, the sends
// in flight, the writers of their outcomes, and where their counts go. mu
// guards st, which the sends' goroutines add to.
//
// Sends run on ctx: the Tick's context until the stage hands the flight
// off (a send cancelled then is the host stopping: not an attempt), then
// a context of their own, bounded by each send's budget, so that a send
// that outlives its Tick is not cut by the end of the caller's context.
type flight struct {
	sem    chan struct{}
	sends  sync.WaitGroup
	writes sync.WaitGroup // the outcome writers; each is dropped when done, so a long flight keeps none

	ctx     context.Context
	cancel  context.CancelFunc
	handoff chan struct{}

	mu        sync.Mutex
	st        *SendStats // the Tick's counts, then carry once handed off
	carry     SendStats
	writeErrs []error // what the outcome writers could not write
}

func (s *sendStage) newFlight(tick context.Context, st *SendStats) *flight {
	ctx, cancel := context.WithCancel(context.WithoutCancel(tick))
	fl := &flight{sem: make(chan struct{}, s.concurrency), ctx: ctx, cancel: cancel, handoff: make(chan struct{}), st: st}
	go func() {
		select {
		case <-tick.Done():
			fl.cancel() // the host stops while the Tick runs: stop the sends
		case <-fl.handoff:
		}
	}()
	return fl
}

// within returns the context for sends that ctx's stage starts: ended
// with the flight's, carrying ctx's values (its trace span: a delivery
// is a child of the stage that started it, not of the one that started
// the flight).
func (fl *flight) within(ctx context.Context) context.Context {
	c, cancel := context.WithCancel(context.WithoutCancel(ctx))
	context.AfterFunc(fl.ctx, cancel) // the flight's context always ends, when it lands
	return c
}

// done is closed when every send and every outcome write of the flight
// has finished.
func (fl *flight) done() <-chan struct{} {
	ch := make(chan struct{})
	go func() {
		fl.sends.Wait()
		fl.writes.Wait()
		close(ch)
	}()
	return ch
}

// errs returns the outcome writes' errors (once the flight is done).
func (fl *flight) errs() error {
	fl.mu.Lock()
	defer fl.mu.Unlock()
	return errors.Join(fl.writeErrs...)
}

// land waits for the flight's sends and outcome writes, up to the stage's
// wait. Sends still running then go on after the Tick (their rows stay
// claimed, and their outcomes are written when they answer); what they do
// is counted in the next Tick's result. It returns the outcome writes'
// errors, when the flight landed in time.
func (s *sendStage) land(fl *flight) error {
	done := fl.done()
	var timeout <-chan time.Time
	if s.wait >= 0 {
		t := time.NewTimer(s.wait)
		defer t.Stop()
		timeout = t.C
	}
	select {
	case <-done:
		close(fl.handoff)
		fl.cancel()
		return fl.errs()
	case <-timeout:
	}
	fl.mu.Lock()
	fl.st = &fl.carry
	fl.mu.Unlock()
	close(fl.handoff)
	s.late.inFlight.Add(1)
	go func() {
		defer s.late.inFlight.Done()
		<-done
		fl.cancel()
		s.late.add(fl.carry, fl.errs())
	}()
	return nil
}

// lateSends collects what the sends that outlived their Tick did, for the
// next Tick's result.
type lateSends struct {
	inFlight sync.WaitGroup
	mu       sync.Mutex
	st       SendStats
	errs     []error
}

func (l *lateSends) add(st SendStats, err error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.st.add(st)
	if err != nil {
		l.errs = append(l.errs, err)
	}
}

// collect adds the late sends' counts to st and returns their errors.
func (l *lateSends) collect(st *SendStats) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	st.add(l.st)
	l.st = SendStats{}
	err := errors.Join(l.errs...)
	l.errs = nil
	return err
}
