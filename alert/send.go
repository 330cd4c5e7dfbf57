package alert

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"sync"
	"time"

	"github.com/yujing-go/yujing/channel"
	"github.com/yujing-go/yujing/store"
)

// sendStage delivers the alerts that are due: first those recorded in this
// Tick (held claimed since they were inserted), then batches it claims. A
// delivery's outcome per channel is kept in channel_state (see
// ChannelState); what follows a round is nextDelivery's.
type sendStage struct {
	*env
	channels     *channel.Registry
	composer     *composer
	slots        *slots
	retry        retryPolicy
	concurrency  int           // deliveries in flight
	archiveAfter time.Duration // how long a finished alert stays
	wait         time.Duration // how long a Tick waits for its slowest sends (< 0: for all)
	late         lateSends     // sends that outlived their Tick
}

func (s *sendStage) timing(r *TickResult) *time.Duration { return &r.Send.Duration }
func (s *sendStage) name() string                        { return "send" }

func (s *sendStage) run(ctx context.Context, ts *tickState) error {
	s.endEarly(ts)
	fl, senders := s.flightOf(ctx, ts)
	fl.mu.Lock()
	lateErr := s.late.collect(fl.st) // what sends that outlived the last Tick did
	fl.mu.Unlock()
	err := s.dispatch(ctx, ts, fl, senders)
	ts.flight = nil
	return errors.Join(lateErr, err, s.land(fl))
}

// dispatch sends the held alerts, then batches it claims. Batches do not
// wait for each other: a send that hangs holds one of the concurrency
// slots, not the next batch; the stage waits for every send at its end.
func (s *sendStage) dispatch(ctx context.Context, ts *tickState, fl *flight, senders *senderCache) error {
	s.dispatchHeld(ctx, ts, fl, senders)
	return s.drain(ctx, func() (int, error) {
		owner := s.owner()
		logs, err := s.platform.ClaimSendLogs(ctx, s.claim(owner, ts.now, s.batch))
		if err != nil {
			return 0, fmt.Errorf("send: claim: %w", err)
		}
		if len(logs) == 0 {
			return 0, nil
		}
		s.sendRows(ctx, sendRound{ts.ix, ts.now}, fl, senders, owner, logs)
		return len(logs), nil
	})
}

// dispatchHeld starts sending the held alerts, a batch at a time.
func (s *sendStage) dispatchHeld(ctx context.Context, ts *tickState, fl *flight, senders *senderCache) {
	// Each chunk of held alerts leaves ts.held before it is sent, so that
	// what is left there when the Tick ends (releaseHeld) is only what was
	// never touched: a chunk whose outcome write failed keeps its claim
	// for the pending write.
	for len(ts.held) > 0 {
		owner, logs := ts.held[0].owner, ts.held[0].logs
		chunk := logs[:min(s.batch, len(logs))]
		if ts.held[0].logs = logs[len(chunk):]; len(ts.held[0].logs) == 0 {
			ts.held = ts.held[1:]
		}
		ts.nHeld -= len(chunk)
		s.sendRows(ctx, sendRound{ts.ix, ts.now}, fl, senders, owner, chunk)
	}
}

// releaseHeld frees the alerts recorded in this Tick that the send stage
// did not get to (the Tick was cancelled), rather than when their lease
// ends.
func (s *sendStage) releaseHeld(ctx context.Context, ts *tickState) {
	for _, h := range ts.held {
		s.release(ctx, "send", func(c context.Context) error { return s.platform.ReleaseSendLogs(c, h.owner, sendLogIDs(h.logs)) })
	}
	ts.held, ts.nHeld = nil, 0
}

// senderCache builds each channel's sender once per Tick (the registry
// keeps rate limiters across builds).
type senderCache struct {
	channels *channel.Registry
	log      *slog.Logger
	ix       *configIndex
	mu       sync.Mutex
	built    map[string]builtOrErr
}

type builtOrErr struct {
	b   channel.Built
	err error
}

func (c *senderCache) get(ch store.Channel) (channel.Built, error) {
	no := str(ch.ChannelNo)
	c.mu.Lock()
	defer c.mu.Unlock()
	if x, ok := c.built[no]; ok {
		return x.b, x.err
	}
	b, err := c.channels.Build(channel.Spec{No: no, Name: str(ch.ChannelName), Type: int(derefType(ch.Type)), Details: c.ix.details[no]})
	if err == nil && len(b.UnknownKeys) > 0 {
		c.log.Warn("channel has detail keys its type does not read", "channel", no, "channel_type", b.TypeName, "keys", b.UnknownKeys)
	}
	c.built[no] = builtOrErr{b, err}
	return b, err
}

func derefType(t *store.ChannelType) store.ChannelType {
	if t == nil {
		return store.ChannelWeCom // the seed's default
	}
	return *t
}

// job is one alert to one channel.
type job struct {
	row     int
	channel store.Channel
	built   channel.Built
	msg     channel.Message
	err     error // set when the send failed, or the sender did not build
	skipped bool  // not attempted (lease too short, context done, client-side rate limit)
	wait    time.Duration
	at      time.Time // when the answer came (or the limiter said to wait); zero when never tried
	why     string    // why it was skipped
}

// sendRows starts delivering claimed alerts; each one's outcome is written
// as soon as its channels have answered.
func (s *sendStage) sendRows(ctx context.Context, r sendRound, fl *flight, senders *senderCache, owner string, logs []store.SendLog) {
	fl.mu.Lock()
	fl.st.Alerts += len(logs)
	fl.mu.Unlock()
	states, problems, jobs := s.jobsOf(ctx, r, senders, logs)
	// Each row's outcome goes to the writer as soon as its last channel
	// has answered (or was skipped), not when the whole batch has.
	// Sends may outlive the Tick (see land): they use the Tick's time and
	// configuration as they were when the batch was claimed.
	ix, now := r.ix, r.now
	w := s.startOutcomes(fl, owner, now, len(logs))
	left := make([]int, len(logs))
	results := make([][]attemptResult, len(logs))
	for _, j := range jobs {
		left[j.row]++
	}
	rowsLeft := len(logs)
	finish := func(i int) { // with fl.mu held
		w.in <- s.outcome(fl.ctx, ix, now, fl.st, &logs[i], states[i], results[i], problems[i])
		if rowsLeft--; rowsLeft == 0 {
			close(w.in)
		}
	}
	fl.mu.Lock()
	for i := range logs {
		if left[i] == 0 { // nothing to send: a row problem, or every channel done
			finish(i)
		}
	}
	fl.mu.Unlock()
	s.deliver(ctx, fl, logs, jobs, func(j *job) {
		fl.mu.Lock()
		defer fl.mu.Unlock()
		results[j.row] = append(results[j.row], attemptResult{channel: str(j.channel.ChannelNo), typ: s.typeName(j),
			err: j.err, skipped: j.skipped, wait: j.wait, at: j.at, why: str(j.channel.ChannelNo) + ": " + j.why})
		if left[j.row]--; left[j.row] == 0 {
			finish(j.row)
		}
	})
}

// jobsOf reads each claimed alert's delivery state so far and makes its
// jobs: one per channel still to send to. An alert whose route or message
// fails has no job and its problem instead.
func (s *sendStage) jobsOf(ctx context.Context, r sendRound, senders *senderCache, logs []store.SendLog) (
	states []ChannelState, problems []error, jobs []*job) {
	var reports map[string]*reportFile
	if s.composer.uploader != nil {
		reports = s.composer.reportFiles(ctx, r.ix, logs)
	}
	states = make([]ChannelState, len(logs))
	problems = make([]error, len(logs)) // a failure of the whole row (no route, no template)
	for i := range logs {
		l := &logs[i]
		states[i] = stateOf(l.ChannelState)
		chans := r.ix.channelsOf(l)
		if len(chans) == 0 {
			problems[i] = fmt.Errorf("no channel route: monitor_routing has no enabled row with an enabled channel for info_type %d, country %s",
				intOr(l.InfoType, 0), str(l.CountryNo))
			continue
		}
		msg, err := s.composer.message(r.ix, l, reports, r.now)
		if err != nil {
			problems[i] = err
			continue
		}
		muting := silencedOf(l)
		for _, ch := range chans {
			no := str(ch.ChannelNo)
			if states[i].Done(no) {
				continue
			}
			if sil := r.ix.silences.match(muting, no, r.now, s.composer.cat.zone(muting.country)); sil != nil {
				states[i][no] = &ChannelOutcome{Status: OutcomeMuted, Type: s.typeNameOf(ch), Error: "muted by silence " + sil.SilenceNo, At: r.now}
				continue
			}
			b, err := senders.get(ch)
			m := msg
			m.ID = str(l.SlNo) + "-" + no
			jobs = append(jobs, &job{row: i, channel: ch, built: b, msg: m, err: err})
		}
	}
	return states, problems, jobs
}

// typeNameOf names a channel's type.
func (s *sendStage) typeNameOf(ch store.Channel) string {
	if name, ok := s.channels.TypeName(int(derefType(ch.Type))); ok {
		return name
	}
	return "unknown type " + strconv.Itoa(int(derefType(ch.Type)))
}

// typeName names a job's channel type, also when its sender did not build.
func (s *sendStage) typeName(j *job) string {
	if j.built.TypeName != "" {
		return j.built.TypeName
	}
	typ := int(derefType(j.channel.Type))
	if name, ok := s.channels.TypeName(typ); ok {
		return name
	}
	return "unknown type " + strconv.Itoa(typ)
}

// minSendBudget is the shortest time a send is given; a claim with less
// left is not used for a send.
const minSendBudget = time.Second

// deliver runs the jobs, at most concurrency at once. A send may take its
// channel's timeout plus a quarter of the lease waiting for the robot's
// rate limiter, cut to end a tenth of the lease before the row's claim
// does, so that no second host sends it meanwhile. A job whose claim has
// less than minSendBudget left is skipped, and the log says why (as for
// every skipped send).
func (s *sendStage) deliver(ctx context.Context, fl *flight, logs []store.SendLog, jobs []*job, done func(*job)) {
	sem := fl.sem
	sendCtx := fl.within(ctx)
	for _, j := range jobs {
		if j.err != nil {
			done(j) // the channel could not be built
			continue
		}
		l := &logs[j.row]
		select {
		case sem <- struct{}{}:
		case <-ctx.Done():
			s.skip(ctx, l, j, "the host is stopping")
			done(j)
			continue
		}
		budget := s.budget(j.built)
		if l.ClaimUntil != nil {
			budget = min(budget, l.ClaimUntil.Sub(s.clock())-s.lease/10)
		}
		if budget < minSendBudget {
			<-sem
			s.skip(ctx, l, j, fmt.Sprintf("the claim ends too soon to send (%s left; lease %s): give WithLease more than the channel's timeout", budget, s.lease))
			done(j)
			continue
		}
		fl.sends.Go(func() {
			defer func() { <-sem }()
			s.send(sendCtx, &logs[j.row], j, budget)
			done(j)
		})
	}
}

// budget is the longest a send through b may take, the wait for the
// robot's rate limiter included: the channel's timeout plus a quarter of
// the lease.
func (s *sendStage) budget(b channel.Built) time.Duration { return b.Timeout + s.lease/4 }

// send makes one job's attempt, and reports it to the observer and the log.
func (s *sendStage) send(ctx context.Context, l *store.SendLog, j *job, budget time.Duration) {
	d := Delivery{SlNo: str(l.SlNo), Country: str(l.CountryNo), InfoType: intOr(l.InfoType, 0), Channel: str(j.channel.ChannelNo),
		ChannelType: j.built.TypeName}
	tctx, endSpan := s.tracer.StartDelivery(ctx, d)
	sctx, cancel := context.WithTimeout(tctx, budget)
	start := time.Now()
	err := safeSend(sctx, j.built.Sender, j.msg)
	cancel()
	d.Duration, d.Err = time.Since(start), err
	defer endSpan(d)
	j.at = s.clock() // waits count from the answer, not from the stage's start
	switch {
	case err != nil && ctx.Err() != nil && errors.Is(err, context.Canceled):
		s.skip(ctx, l, j, "the host is stopping") // not an attempt
		return
	case errors.Is(err, channel.ErrRateLimited):
		// Our own limiter: the robot's quota is spoken for.
		j.wait = channel.RetryAfter(err)
		s.skip(ctx, l, j, err.Error())
		return
	}
	j.err = err
	s.pauseIfThrottled(ctx, l, j)
	s.observer.DeliveryDone(ctx, d)
	attrs := append(sendLogAttrs(s.composer.cat, l), "channel", d.Channel, "channel_type", d.ChannelType)
	if err != nil {
		s.log.WarnContext(ctx, "delivery failed", append(attrs, "retryable", channel.IsRetryable(err), "err", err)...)
	} else {
		s.log.InfoContext(ctx, "delivered", append(attrs, "took", d.Duration)...)
	}
}

// pauseIfThrottled pauses the job's robot, for every engine and replica
// sharing its limiter, when the answer asked to wait (a throttling code,
// a 429 with Retry-After): the sends queued behind it then wait without
// spending retries, instead of running into the throttle.
func (s *sendStage) pauseIfThrottled(ctx context.Context, l *store.SendLog, j *job) {
	ce, ok := errors.AsType[*channel.Error](j.err)
	p, pausable := j.built.Limiter.(channel.Pauser)
	if !ok || !ce.Retryable || ce.RetryAfter <= 0 || !pausable {
		return
	}
	until := time.Now().Add(ce.RetryAfter) // the robot's clock is the wall clock, whatever the engine's
	why := ce.Error()
	if err := p.Pause(ctx, until, why); err != nil {
		s.log.WarnContext(ctx, "robot not paused", append(sendLogAttrs(s.composer.cat, l), "channel", str(j.channel.ChannelNo), "err", err)...)
		return
	}
	s.log.WarnContext(ctx, "robot paused after a throttling answer", append(sendLogAttrs(s.composer.cat, l),
		"channel", str(j.channel.ChannelNo), "channel_type", j.built.TypeName, "until", until.UTC().Format(time.RFC3339), "why", why)...)
}

// skip leaves a job for the row's next attempt, without using a retry,
// and logs why.
func (s *sendStage) skip(ctx context.Context, l *store.SendLog, j *job, why string) {
	j.skipped, j.why = true, why
	s.log.InfoContext(ctx, "send skipped; tried again without using a retry", append(sendLogAttrs(s.composer.cat, l),
		"channel", str(j.channel.ChannelNo), "channel_type", j.built.TypeName, "why", why)...)
}

// safeSend calls a sender, turning a panic (a host's own channel type)
// into a permanent error.
func safeSend(ctx context.Context, s channel.Sender, m channel.Message) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = &channel.Error{Err: fmt.Errorf("sender panicked: %v", p)}
		}
	}()
	return s.Send(ctx, m)
}

// outcome turns a row's delivery round into its update, counts and log.
func (s *sendStage) outcome(ctx context.Context, ix *configIndex, now time.Time, st *SendStats, l *store.SendLog, prev ChannelState,
	results []attemptResult, problem error) store.SendLogUpdate {
	o := nextDelivery(prev, results, problem, intOr(l.RetryTimes, store.DefaultRetries), now, s.retry)
	answered := now // a wait (backoff, Retry-After, a throttle) counts from the row's last answer
	for _, r := range results {
		if r.at.After(answered) {
			answered = r.at
		}
	}
	st.Deliveries += o.sent
	st.DeliveryErrors += o.failed
	u := store.SendLogUpdate{ID: l.ID, Reason: o.reason, ChannelState: new(o.state.String())}
	switch o.verdict {
	case verdictDeferred:
		u.Status = store.SendWaiting
		if o.wait > 0 {
			u.NotBefore = answered.Add(o.wait)
		}
	case verdictSent:
		st.Sent++
		u.Status, u.RealitySendTime, u.NotBefore = store.SendSent, new(now), s.archiveTime(ix, l, now)
	case verdictMuted:
		st.Muted++
		u.Status, u.NotBefore = store.SendMuted, s.archiveTime(ix, l, now)
		s.log.InfoContext(ctx, "alert muted", append(sendLogAttrs(s.composer.cat, l), "reason", o.reason)...)
	case verdictFailed:
		st.Failed++
		u.Status, u.NotBefore = store.SendFailed, s.archiveTime(ix, l, now)
		s.log.ErrorContext(ctx, "alert failed", append(sendLogAttrs(s.composer.cat, l), "reason", o.reason)...)
	case verdictRetry:
		st.Retrying++
		u.Status, u.RetryTimes, u.NotBefore = store.SendWaiting, new(o.left), answered.Add(o.wait)
	}
	return u
}

// archiveTime is when a finished row may move to the history: after
// archiveAfter, and never before its realtime slot has ended (the row must
// stay to deduplicate the slot).
func (s *sendStage) archiveTime(ix *configIndex, l *store.SendLog, now time.Time) time.Time {
	at := now.Add(s.archiveAfter)
	if tpl, ok := ix.templates[str(l.ModNo)]; ok && l.ExpectSendTime != nil && (tpl.SendType == nil || *tpl.SendType == store.SendRealtime) {
		if end := l.ExpectSendTime.Add(s.slots.length(tpl)); end.After(at) {
			at = end
		}
	}
	return at
}

func sendLogIDs(logs []store.SendLog) []int64 {
	out := make([]int64, len(logs))
	for i := range logs {
		out[i] = logs[i].ID
	}
	return out
}
