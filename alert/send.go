package alert

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"sync"
	"time"

	"github.com/yujing-go/yujing/channel"
	"github.com/yujing-go/yujing/store"
)

// sendStage delivers the alerts that are due: first those recorded in this
// Tick (held claimed since they were inserted), then batches it claims.
func (e *Engine) sendStage(ctx context.Context, ts *tickState, now time.Time, st *SendStats) error {
	ix := ts.ix
	senders := &senderCache{e: e, ix: ix, built: map[string]builtOrErr{}}
	for _, h := range ts.held {
		for start := 0; start < len(h.logs); start += e.batch {
			if err := e.sendRows(ctx, ix, senders, h.owner, h.logs[start:min(start+e.batch, len(h.logs))], now, st); err != nil {
				return err
			}
		}
	}
	ts.held, ts.nHeld = nil, 0
	for range e.maxBatches {
		n, err := e.sendBatch(ctx, ix, senders, now, st)
		if err != nil {
			return err
		}
		if n < e.batch || ctx.Err() != nil {
			break
		}
	}
	return nil
}

// senderCache builds each channel's sender once per Tick (the registry
// keeps rate limiters across builds).
type senderCache struct {
	e     *Engine
	ix    *configIndex
	mu    sync.Mutex
	built map[string]builtOrErr
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
	b, err := c.e.channels.Build(channel.Spec{No: no, Name: str(ch.ChannelName), Type: int(derefType(ch.Type)), Details: c.ix.details[no]})
	if err == nil && len(b.UnknownKeys) > 0 {
		c.e.log.Warn("channel has detail keys its type does not read", "channel", no, "channel_type", b.TypeName, "keys", b.UnknownKeys)
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
	err     error // set when the send failed
	skipped bool  // not attempted (lease too short, context done, client-side rate limit)
	wait    time.Duration
}

func (e *Engine) sendBatch(ctx context.Context, ix *configIndex, senders *senderCache, now time.Time, st *SendStats) (int, error) {
	owner := e.owner()
	logs, err := e.platform.ClaimSendLogs(ctx, store.ClaimRequest{Owner: owner, Now: now, Lease: e.lease, Limit: e.batch})
	if err != nil {
		return 0, fmt.Errorf("send: claim: %w", err)
	}
	if len(logs) == 0 {
		return 0, nil
	}
	return len(logs), e.sendRows(ctx, ix, senders, owner, logs, now, st)
}

// sendRows delivers claimed alerts and writes their outcomes.
func (e *Engine) sendRows(ctx context.Context, ix *configIndex, senders *senderCache, owner string, logs []store.SendLog, now time.Time, st *SendStats) error {
	st.Alerts += len(logs)
	var reports map[string]*reportFile
	if e.uploader != nil {
		reports = e.reportFiles(ctx, ix, logs)
	}
	states := make([]deliveryState, len(logs))
	problems := make([]error, len(logs)) // a failure of the whole row (no route, no template)
	var jobs []*job
	for i := range logs {
		l := &logs[i]
		states[i] = parseDeliveryState(l.ChannelState)
		chans := ix.channelsFor(intOr(l.InfoType, 0), str(l.CountryNo))
		if len(chans) == 0 {
			problems[i] = fmt.Errorf("no channel route: monitor_routing has no enabled row with an enabled channel for info_type %d, country %s",
				intOr(l.InfoType, 0), str(l.CountryNo))
			continue
		}
		msg, err := e.message(ix, l, reports, now)
		if err != nil {
			problems[i] = err
			continue
		}
		for _, ch := range chans {
			no := str(ch.ChannelNo)
			if states[i].done(no) {
				continue
			}
			b, err := senders.get(ch)
			m := msg
			m.ID = str(l.SlNo) + "-" + no
			jobs = append(jobs, &job{row: i, channel: ch, built: b, msg: m, err: err})
		}
	}
	e.deliver(ctx, logs, jobs)

	updates := make([]store.SendLogUpdate, len(logs))
	for i := range logs {
		updates[i] = e.outcome(ctx, ix, &logs[i], states[i], problems[i], jobs, i, now, st)
	}
	// Write with a context of its own: the sends are done; their outcome
	// must reach the database even if the caller's context just ended.
	wctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
	defer cancel()
	if _, err := e.platform.FinishSendLogs(wctx, owner, now, updates); err != nil {
		if !errors.Is(err, store.ErrClaimLost) {
			e.pending.add(fmt.Sprintf("%d send outcomes of %s", len(updates), owner), func(ctx context.Context) error {
				_, err := e.platform.FinishSendLogs(ctx, owner, now, updates)
				return err
			})
		}
		return fmt.Errorf("send: %w", err)
	}
	return nil
}

// deliver runs the jobs, at most sendConcurrency at once. A send may take
// its channel's timeout plus a quarter of the lease waiting for the robot's
// rate limiter. A job whose claim would expire before that is skipped (left
// for the next attempt) rather than risk a second host sending it too.
func (e *Engine) deliver(ctx context.Context, logs []store.SendLog, jobs []*job) {
	sem := make(chan struct{}, e.sendConcurrency)
	var wg sync.WaitGroup
	for _, j := range jobs {
		if j.err != nil {
			continue // the channel could not be built
		}
		select {
		case sem <- struct{}{}:
		case <-ctx.Done():
			j.skipped = true
			continue
		}
		budget := j.built.Timeout + e.lease/4
		if deadline := logs[j.row].ClaimUntil; deadline == nil || e.clock().Add(budget).After(*deadline) {
			<-sem
			j.skipped = true
			continue
		}
		wg.Go(func() {
			defer func() { <-sem }()
			l := &logs[j.row]
			sctx, cancel := context.WithTimeout(ctx, budget)
			start := time.Now()
			err := safeSend(sctx, j.built.Sender, j.msg)
			cancel()
			switch {
			case err != nil && ctx.Err() != nil && errors.Is(err, context.Canceled):
				j.skipped = true // the host is stopping: not an attempt
				return
			case errors.Is(err, channel.ErrRateLimited):
				// Our own limiter: the robot's quota is spoken for.
				j.skipped, j.wait = true, channel.RetryAfter(err)
				return
			}
			j.err = err
			d := Delivery{SlNo: str(l.SlNo), Country: str(l.CountryNo), InfoType: intOr(l.InfoType, 0), Channel: str(j.channel.ChannelNo),
				ChannelType: j.built.TypeName, Duration: time.Since(start), Err: err}
			e.observer.DeliveryDone(ctx, d)
			if err != nil {
				e.log.WarnContext(ctx, "delivery failed", "sl_no", d.SlNo, "country", d.Country, "info_type", d.InfoType,
					"scene", e.sceneName(d.InfoType), "channel", d.Channel, "channel_type", d.ChannelType,
					"retryable", channel.IsRetryable(err), "err", err)
			} else {
				e.log.InfoContext(ctx, "delivered", "sl_no", d.SlNo, "country", d.Country, "info_type", d.InfoType,
					"scene", e.sceneName(d.InfoType), "channel", d.Channel, "channel_type", d.ChannelType, "took", d.Duration)
			}
		})
	}
	wg.Wait()
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

// outcome folds a row's delivery results into its next state.
func (e *Engine) outcome(ctx context.Context, ix *configIndex, l *store.SendLog, state deliveryState, problem error,
	jobs []*job, row int, now time.Time, st *SendStats) store.SendLogUpdate {
	u := store.SendLogUpdate{ID: l.ID}
	left := intOr(l.RetryTimes, store.DefaultRetries)
	var retryAfter, skipWait time.Duration
	retryable, skipped := problem != nil, false
	for _, j := range jobs {
		if j.row != row {
			continue
		}
		no := str(j.channel.ChannelNo)
		if j.skipped {
			skipped = true
			skipWait = max(skipWait, j.wait)
			continue
		}
		o := state[no]
		if o == nil {
			o = &channelOutcome{}
			state[no] = o
		}
		o.Attempts++
		o.At = now
		o.Type = j.built.TypeName
		if o.Type == "" { // the sender did not build: name the type anyway
			typ := int(derefType(j.channel.Type))
			var known bool
			if o.Type, known = e.channels.TypeName(typ); !known {
				o.Type = "unknown type " + strconv.Itoa(typ)
			}
		}
		if j.err == nil {
			o.Status, o.Code, o.Error = outcomeSent, "", ""
			st.Deliveries++
			continue
		}
		st.DeliveryErrors++
		o.Error = j.err.Error()
		o.Code = ""
		var ce *channel.Error
		if errors.As(j.err, &ce) {
			o.Code = ce.Code
		}
		var cfgErr *channel.ConfigError
		switch {
		case channel.IsRetryable(j.err) || errors.As(j.err, &cfgErr):
			// A channel that cannot be built may be fixed by an operator.
			o.Status = outcomeRetry
			retryable = true
			retryAfter = max(retryAfter, channel.RetryAfter(j.err))
		default:
			o.Status = outcomeFailed
		}
	}
	pending := false
	for _, o := range state {
		if o.Status == outcomeRetry {
			pending = true
		}
	}
	reason := state.failures()
	if problem != nil {
		reason = problem.Error()
		pending = true
	}
	finished := func(status store.SendStatus) store.SendLogUpdate {
		u.Status, u.Reason = status, reason
		u.ChannelState = new(state.encode())
		u.NotBefore = e.archiveTime(ix, l, now)
		if status == store.SendSent {
			u.RealitySendTime = new(now)
		}
		return u
	}
	switch {
	case skipped && !retryable:
		// Some channels were not tried (host stopping, lease too short,
		// robot quota): try them again soon, without using a retry.
		u.Status, u.Reason, u.ChannelState = store.SendWaiting, reason, new(state.encode())
		if skipWait > 0 {
			u.NotBefore = now.Add(skipWait)
		}
		return u
	case !pending && !skipped:
		if reason == "" {
			st.Sent++
			return finished(store.SendSent)
		}
		st.Failed++
		e.log.ErrorContext(ctx, "alert failed", "sl_no", str(l.SlNo), "country", str(l.CountryNo), "info_type", intOr(l.InfoType, 0), "reason", reason)
		return finished(store.SendFailed)
	case left <= 0:
		for _, o := range state {
			if o.Status == outcomeRetry {
				o.Status = outcomeFailed
			}
		}
		reason = "retries exhausted: " + reason
		if problem == nil {
			reason = "retries exhausted: " + state.failures()
		}
		st.Failed++
		e.log.ErrorContext(ctx, "alert failed", "sl_no", str(l.SlNo), "country", str(l.CountryNo), "info_type", intOr(l.InfoType, 0), "reason", reason)
		return finished(store.SendFailed)
	default:
		left--
		wait := max(e.backoff.Delay(store.DefaultRetries-left), retryAfter)
		u.Status, u.RetryTimes, u.Reason = store.SendWaiting, &left, reason
		u.ChannelState = new(state.encode())
		u.NotBefore = now.Add(wait)
		st.Retrying++
		return u
	}
}

// archiveTime is when a finished row may move to the history: after
// archiveAfter, and never before its realtime slot has ended (the row must
// stay to deduplicate the slot).
func (e *Engine) archiveTime(ix *configIndex, l *store.SendLog, now time.Time) time.Time {
	at := now.Add(e.archiveAfter)
	if tpl, ok := ix.templates[str(l.ModNo)]; ok && l.ExpectSendTime != nil && (tpl.SendType == nil || *tpl.SendType == store.SendRealtime) {
		if end := l.ExpectSendTime.Add(e.slotLength(tpl)); end.After(at) {
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
