package alert

import (
	"context"
	"fmt"
	"math"
	"runtime/debug"
	"time"

	"github.com/shopspring/decimal"

	"github.com/yujing-go/yujing/internal/ids"
	"github.com/yujing-go/yujing/rule"
	"github.com/yujing-go/yujing/scene"
	"github.com/yujing-go/yujing/store"
)

// collectStage collects every scene's due windows, and every report
// scene's. A scene whose Collect fails is retried on the next Tick and does
// not stop the others.
func (e *Engine) collectStage(ctx context.Context, ts *tickState, now time.Time, st *CollectStats, rs *RecordStats) []error {
	var errs []error
	for _, s := range e.scenes {
		err := e.collectWindows(ctx, now, s.InfoType(), s.Name(), s.Window(), st, func(w scene.Window, owner string) error {
			return e.collectWindow(ctx, ts, now, s, w, owner, st, rs)
		})
		if err != nil {
			errs = append(errs, fmt.Errorf("collect scene %d (%s): %w", s.InfoType(), s.Name(), err))
		}
		if ctx.Err() != nil {
			return errs
		}
	}
	for _, s := range e.reportScenes {
		err := e.collectWindows(ctx, now, s.InfoType(), s.Name(), s.Window(), st, func(w scene.Window, owner string) error {
			return e.collectReportWindow(ctx, now, s, w, owner, st)
		})
		if err != nil {
			errs = append(errs, fmt.Errorf("collect report scene %d (%s): %w", s.InfoType(), s.Name(), err))
		}
		if ctx.Err() != nil {
			return errs
		}
	}
	return errs
}

// dueWindows returns the windows of the given length that have ended at
// least the collect delay ago, the latest maxMissed of them, oldest first.
func (e *Engine) dueWindows(now time.Time, length time.Duration) []scene.Window {
	latest := scene.Aligned(now.Add(-e.collectDelay), length).Previous()
	out := make([]scene.Window, e.maxMissed)
	w := latest
	for i := e.maxMissed - 1; i >= 0; i-- {
		out[i] = w
		w = w.Previous()
	}
	return out
}

// collectWindows claims each due window of a scene that is neither
// collected nor being collected (its monitor_hist_data row is the claim)
// and works it; a window whose work fails is released for the next Tick.
func (e *Engine) collectWindows(ctx context.Context, now time.Time, infoType int, name string, length time.Duration, st *CollectStats,
	work func(w scene.Window, owner string) error) error {
	windows := e.dueWindows(now, length)
	for len(windows) > 0 && windows[0].Begin.Before(e.collectFrom) {
		windows = windows[1:]
	}
	if len(windows) == 0 {
		return nil
	}
	known, err := e.business.Windows(ctx, infoType, windows[0].Begin)
	if err != nil {
		return err
	}
	state := map[time.Time]store.HistData{}
	for _, h := range known {
		if h.BeginTime != nil {
			state[h.BeginTime.UTC()] = h
		}
	}
	var first error
	for _, w := range windows {
		if h, ok := state[w.Begin]; ok && (h.CollectedTime != nil || h.ClaimUntil == nil || h.ClaimUntil.After(now)) {
			// Collected, being collected by another host, or collected by
			// another system (a row without claim_until is not ours).
			continue
		}
		owner := e.owner()
		ok, err := e.business.ClaimWindow(ctx, store.WindowClaim{InfoType: infoType, Begin: w.Begin, End: w.End, Owner: owner, Now: now, Lease: e.lease})
		if err != nil {
			return err
		}
		if !ok {
			continue
		}
		if err := work(w, owner); err != nil {
			st.Failed++
			e.log.ErrorContext(ctx, "collect failed; retried next tick", "scene", name, "info_type", infoType, "window", w.String(), "err", err)
			e.release(ctx, "collect", func(c context.Context) error { return e.business.ReleaseWindow(c, owner, infoType, w.Begin, w.End) })
			if first == nil {
				first = fmt.Errorf("window %s: %w", w, err)
			}
			if ctx.Err() != nil {
				break
			}
		}
	}
	return first
}

// collectWindow runs Collect for one claimed window, judges the samples,
// stores one record per country with its verdict (2 fine, 1 with the
// reason and its retries, 3 alert: claimed by this engine), records the
// alerts of the records that were really stored in their send slots (4, or
// 5 with the reason), and stores the scene's total, which marks the window
// collected. A record that is fine costs one row write, one that alerts
// two. A record whose window is stored already (by a crashed engine, or
// by another system before this one was adopted) is left as it is and
// raises no alert.
func (e *Engine) collectWindow(ctx context.Context, ts *tickState, now time.Time, s scene.Scene, w scene.Window, owner string, st *CollectStats, rs *RecordStats) error {
	samples, err := safeCollect(ctx, s, w)
	if err != nil {
		return err
	}
	recs := make([]store.Record, 0, len(samples))
	inputs := make([]rule.Input, 0, len(samples))
	var bad []string
	var num, den int64
	for _, smp := range samples {
		if smp.Country == "" {
			bad = append(bad, "a sample without a country")
			continue
		}
		num += smp.Numerator
		den += smp.Denominator
		rate := smp.Rate()
		rec := store.Record{BuNo: new(ids.New("RC", now)), InfoType: new(s.InfoType()), CountryNo: new(smp.Country), BeginTime: new(w.Begin),
			EndTime: new(w.End), CompareVal: new(formatRate(rate))}
		content, err := sampleContent(smp.Numerator, smp.Denominator, rate, smp.Vars)
		if err == nil && len([]rune(content)) > 1024 {
			err = fmt.Errorf("the sample's values take %d characters, monitor_record.content holds 1024", len([]rune(content)))
		}
		if err != nil {
			// Keep the counts (the rules need them) and say what was dropped.
			content, _ = sampleContent(smp.Numerator, smp.Denominator, rate, nil)
			rec.Content = &content
			rec.Status, rec.RuleRetryTime = new(store.RecordRuleFailed), new(0)
			rec.Reason = new("extra values not stored: " + err.Error())
			recs = append(recs, rec)
			continue
		}
		rec.Content = &content
		recs = append(recs, rec)
		inputs = append(inputs, rule.Input{InfoType: s.InfoType(), Country: smp.Country, Begin: w.Begin, End: w.End,
			Numerator: smp.Numerator, Denominator: smp.Denominator, Rate: rate, Vars: smp.Vars})
	}
	if len(bad) > 0 {
		e.log.WarnContext(ctx, "samples skipped", "scene", s.Name(), "window", w.String(), "count", len(bad), "why", bad[0])
	}
	// Judge in memory and store each record with its verdict: one write
	// per record. If the rules cannot run (history unreadable), the
	// records are stored waiting and the rules stage judges them.
	verdicts, err := e.judge(ctx, ts.ix, inputs)
	if err != nil {
		e.log.WarnContext(ctx, "rules deferred to the rules stage", "scene", s.Name(), "window", w.String(), "err", err)
	}
	// Records that alert go in claimed by this engine, in status 3: only
	// those the insert really stores (a window's record that exists,
	// written by anyone, is skipped) have their alerts recorded, so an
	// alert always points at a stored record and a window collected again
	// never alerts twice. A crash after the insert leaves them claimed in
	// status 3; the record stage takes them when the lease ends.
	recOwner := e.owner()
	until := now.Add(e.lease)
	alerts := 0
	j := 0
	for i := range recs {
		if recs[i].Status != nil {
			continue // already failed above
		}
		if verdicts != nil {
			e.applyVerdict(&recs[i], verdicts[j], now)
			if verdicts[j].status == store.RecordAlert {
				recs[i].ClaimOwner, recs[i].ClaimUntil = &recOwner, &until
				alerts++
			}
		}
		j++
	}
	stored, err := e.business.InsertRecords(ctx, recs)
	if err != nil {
		return fmt.Errorf("store records: %w", err)
	}
	st.Records += int(stored)
	if stored < int64(len(recs)) {
		e.log.InfoContext(ctx, "records already stored were left as they are", "scene", s.Name(), "info_type", s.InfoType(),
			"window", w.String(), "skipped", int64(len(recs))-stored)
	}
	if alerts > 0 {
		if err := e.recordNewAlerts(ctx, ts, now, recs, recOwner, until, st, rs); err != nil {
			return err
		}
	}
	total := store.HistData{InfoType: new(s.InfoType()), BeginTime: new(w.Begin), EndTime: new(w.End)}
	if num <= math.MaxInt32 && den <= math.MaxInt32 {
		total.NumeratorCount, total.DenominatorCount = new(int(num)), new(int(den))
		if den > 0 {
			total.Rate = new(decimal.NewFromInt(num).DivRound(decimal.NewFromInt(den), 4))
		}
	} else {
		total.Remark = new("total over int range")
	}
	if err := e.business.FinishWindow(ctx, owner, now, total); err != nil {
		return fmt.Errorf("store window total: %w", err)
	}
	st.Windows++
	e.log.DebugContext(ctx, "window collected", "scene", s.Name(), "info_type", s.InfoType(), "window", w.String(), "records", len(recs))
	return nil
}

// recordNewAlerts records the alerts of the records a collection just
// stored claimed (status 3, owner, until) that the database really stored,
// and finishes them (status 4, or 5 with the reason). If the database
// fails on the way, the records are released for the record stage and the
// error returned.
func (e *Engine) recordNewAlerts(ctx context.Context, ts *tickState, now time.Time, recs []store.Record, owner string, until time.Time,
	st *CollectStats, rs *RecordStats) error {
	stored, err := e.business.ClaimedRecordIDs(ctx, store.RecordAlert, owner, until)
	if err != nil {
		return fmt.Errorf("read back the alerting records: %w", err)
	}
	var ptrs []*store.Record
	var ids []int64
	for i := range recs {
		r := &recs[i]
		if id, ok := stored[str(r.BuNo)]; ok && r.ClaimOwner != nil {
			r.ID = id
			ptrs = append(ptrs, r)
			ids = append(ids, id)
		}
	}
	if len(ptrs) == 0 {
		return nil
	}
	st.Alerts += len(ptrs)
	updates, err := e.recordAlerts(ctx, ts, now, ptrs, false, rs)
	if err != nil {
		e.release(ctx, "collect", func(c context.Context) error { return e.business.ReleaseRecords(c, owner, ids) })
		return err
	}
	rs.Records += len(ptrs)
	if err := e.finishRecords(ctx, owner, now, updates); err != nil {
		return fmt.Errorf("record outcomes: %w", err)
	}
	return nil
}

// applyVerdict sets a new record's status from its first judgement.
func (e *Engine) applyVerdict(rec *store.Record, v verdict, now time.Time) {
	rec.Status = new(v.status)
	if v.reason != "" {
		rec.Reason = new(v.reason)
	}
	switch v.status {
	case store.RecordAlert:
		rec.Param5 = new(v.ruleNo)
	case store.RecordRuleFailed:
		left, at := e.retryAfterFailure(now, store.DefaultRetries, false)
		rec.RuleRetryTime = &left
		if !at.IsZero() {
			rec.ClaimUntil = &at
		}
		e.log.Warn("rule evaluation failed", "info_type", intOr(rec.InfoType, 0), "country", str(rec.CountryNo),
			"window", windowOf(rec), "retries_left", left, "reason", v.reason)
	}
}

// safeCollect calls the scene's Collect, turning a panic into an error.
func safeCollect(ctx context.Context, s scene.Scene, w scene.Window) (samples []scene.Sample, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("scene Collect panicked: %v\n%s", p, debug.Stack())
		}
	}()
	return s.Collect(ctx, w)
}
