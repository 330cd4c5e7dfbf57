package alert

import (
	"context"
	"errors"
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

// collectStage collects every scene's due windows, judges their records in
// memory, stores them with their verdict and records the alerts among
// them; and it writes the detail rows of every report scene's due windows.
// A scene whose Collect fails is retried on the next Tick and does not stop
// the others.
type collectStage struct {
	*env
	scenes  []scene.Scene
	reports *reportWriter
	judge   *judge
	keeper  *keeper
	retry   retryPolicy

	delay     time.Duration // a window is due this long after it ends
	maxMissed int           // the latest windows looked at
	from      time.Time     // no window that begins before it
}

func (s *collectStage) timing(r *TickResult) *time.Duration { return &r.Collect.Duration }
func (s *collectStage) name() string                        { return "collect" }

func (s *collectStage) run(ctx context.Context, ts *tickState) error {
	var errs []error
	for _, sc := range s.scenes {
		err := s.windows(ctx, ts, sc.InfoType(), sc.Name(), sc.Window(), func(w scene.Window, owner string) error {
			return s.collectWindow(ctx, ts, sc, w, owner)
		})
		if err != nil {
			errs = append(errs, fmt.Errorf("collect scene %d (%s): %w", sc.InfoType(), sc.Name(), err))
		}
		if ctx.Err() != nil {
			return errors.Join(errs...)
		}
	}
	for _, rs := range s.reports.scenes {
		err := s.windows(ctx, ts, rs.InfoType(), rs.Name(), rs.Window(), func(w scene.Window, owner string) error {
			return s.reports.collectWindow(ctx, ts, rs, w, owner)
		})
		if err != nil {
			errs = append(errs, fmt.Errorf("collect report scene %d (%s): %w", rs.InfoType(), rs.Name(), err))
		}
		if ctx.Err() != nil {
			break
		}
	}
	return errors.Join(errs...)
}

// dueWindows returns the windows of the given length that have ended at
// least the collect delay ago, the latest maxMissed of them, oldest first,
// none that begins before the first window to collect.
func (s *collectStage) dueWindows(now time.Time, length time.Duration) []scene.Window {
	latest := scene.Aligned(now.Add(-s.delay), length).Previous()
	out := make([]scene.Window, s.maxMissed)
	w := latest
	for i := s.maxMissed - 1; i >= 0; i-- {
		out[i] = w
		w = w.Previous()
	}
	for len(out) > 0 && out[0].Begin.Before(s.from) {
		out = out[1:]
	}
	return out
}

// windows claims each due window of a scene that is neither collected nor
// being collected (its monitor_hist_data row is the claim) and works it; a
// window whose work fails is released for the next Tick.
func (s *collectStage) windows(ctx context.Context, ts *tickState, infoType int, name string, length time.Duration,
	work func(w scene.Window, owner string) error) error {
	now := ts.now
	windows := s.dueWindows(now, length)
	if len(windows) == 0 {
		return nil
	}
	known, err := s.business.Windows(ctx, infoType, windows[0].Begin)
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
		owner := s.owner()
		ok, err := s.business.ClaimWindow(ctx, store.WindowClaim{InfoType: infoType, Begin: w.Begin, End: w.End, Owner: owner, Now: now, Lease: s.lease})
		if err != nil {
			return err
		}
		if !ok {
			continue
		}
		if err := work(w, owner); err != nil {
			ts.res.Collect.Failed++
			s.log.ErrorContext(ctx, "collect failed; retried next tick", "scene", name, "info_type", infoType, "window", w.String(), "err", err)
			s.release(ctx, "collect", func(c context.Context) error { return s.business.ReleaseWindow(c, owner, infoType, w.Begin, w.End) })
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
func (s *collectStage) collectWindow(ctx context.Context, ts *tickState, sc scene.Scene, w scene.Window, owner string) error {
	samples, err := safeCollect(ctx, sc, w)
	if err != nil {
		return err
	}
	active, err := s.keeper.activeStates(ctx, map[int]bool{sc.InfoType(): true})
	if err != nil {
		return err
	}
	if samples, err = s.noDataSamples(ctx, ts, sc.InfoType(), samples); err != nil {
		return err
	}
	recs, inputs, total := s.records(ctx, ts.now, sc, w, samples)
	// Judge in memory and store each record with its verdict. If the
	// rules cannot run (history unreadable), the records are stored
	// waiting and the rules stage judges them.
	verdicts, err := s.judge.verdicts(ctx, ts.ix, inputs)
	if err != nil {
		s.log.WarnContext(ctx, "rules deferred to the rules stage", "scene", sc.Name(), "window", w.String(), "err", err)
	}
	recOwner := s.owner()
	until := ts.now.Add(s.lease)
	settle := s.prepare(ctx, ts, recs, verdicts, active, recOwner, until)
	stored, err := s.business.InsertRecords(ctx, recs)
	if err != nil {
		return fmt.Errorf("store records: %w", err)
	}
	ts.res.Collect.Records += int(stored)
	if stored < int64(len(recs)) {
		s.log.InfoContext(ctx, "records already stored were left as they are", "scene", sc.Name(), "info_type", sc.InfoType(),
			"window", w.String(), "skipped", int64(len(recs))-stored)
	}
	if len(settle) > 0 {
		if err := s.settleNew(ctx, ts, recs, settle, active, recOwner, until); err != nil {
			return err
		}
	}
	if err := s.business.FinishWindow(ctx, owner, ts.now, total); err != nil {
		return fmt.Errorf("store window total: %w", err)
	}
	ts.res.Collect.Windows++
	s.log.DebugContext(ctx, "window collected", "scene", sc.Name(), "info_type", sc.InfoType(), "window", w.String(), "records", len(recs))
	return nil
}

// records turns a window's samples into its records (a record whose extra
// values cannot be stored keeps its counts and fails with the reason), the
// rules' inputs of the others, and the scene's total.
func (s *collectStage) records(ctx context.Context, now time.Time, sc scene.Scene, w scene.Window, samples []scene.Sample) ([]store.Record, []rule.Input, store.HistData) {
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
		rec := store.Record{BuNo: new(ids.New("RC", now)), InfoType: new(sc.InfoType()), CountryNo: new(smp.Country), BeginTime: new(w.Begin),
			EndTime: new(w.End), CompareVal: new(formatRate(rate))}
		content, err := sampleContent(smp.Numerator, smp.Denominator, rate, smp.Vars)
		if n := len([]rune(content)); err == nil && n > store.RecordContentMax {
			err = fmt.Errorf("the sample's values take %d characters, monitor_record.content holds %d", n, store.RecordContentMax)
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
		inputs = append(inputs, rule.Input{InfoType: sc.InfoType(), Country: smp.Country, Begin: w.Begin, End: w.End,
			Numerator: smp.Numerator, Denominator: smp.Denominator, Rate: rate, Vars: smp.Vars})
	}
	if len(bad) > 0 {
		s.log.WarnContext(ctx, "samples skipped", "scene", sc.Name(), "window", w.String(), "count", len(bad), "why", bad[0])
	}
	total := store.HistData{InfoType: new(sc.InfoType()), BeginTime: new(w.Begin), EndTime: new(w.End)}
	if num <= math.MaxInt32 && den <= math.MaxInt32 {
		total.NumeratorCount, total.DenominatorCount = new(int(num)), new(int(den))
		if den > 0 {
			total.Rate = new(decimal.NewFromInt(num).DivRound(decimal.NewFromInt(den), 4))
		}
	} else {
		total.Remark = new("total over int range")
	}
	return recs, inputs, total
}

// prepare sets each new record's status from its verdict. Records whose
// lifecycle may change (a rule matched, the state is not plain ok, or no
// samples where no data is watched) go in claimed by this engine, waiting
// (status 0): only those the insert really stores (a window's record that
// exists, written by anyone, is skipped) are settled, so a message always
// points at a stored record and a window collected again never alerts
// twice. A crash after the insert leaves them claimed and waiting; the
// rules stage judges them when the lease ends. The others go in final,
// with their verdict. It returns the verdicts of the records to settle,
// by bu_no.
func (s *collectStage) prepare(ctx context.Context, ts *tickState, recs []store.Record, verdicts []verdict,
	active map[store.StateKey]store.AlertState, recOwner string, until time.Time) map[string]verdict {
	settle := map[string]verdict{}
	j := 0
	for i := range recs {
		r := &recs[i]
		if r.Status != nil {
			continue // already failed: its values could not be stored
		}
		if verdicts != nil {
			v := verdicts[j]
			switch {
			case v.status != store.RecordAlert && (v.status != store.RecordNoAlert || !s.watched(ts, r, active)):
				s.applyVerdict(ctx, r, v, ts.now)
			case s.heldAsItIs(ts, r, v, active):
				// stored final at once, with why it sends nothing
			default:
				r.Status, r.ClaimOwner, r.ClaimUntil = new(store.RecordWaiting), &recOwner, &until
				settle[str(r.BuNo)] = v
			}
		}
		j++
	}
	return settle
}

// watched reports whether a record the rules found fine may still change
// its lifecycle: its scene × country is not plain ok, or it has no samples
// where no data is watched.
func (s *collectStage) watched(ts *tickState, r *store.Record, active map[store.StateKey]store.AlertState) bool {
	key := keyOf(r)
	if _, ok := active[key]; ok {
		return true
	}
	if ts.ix.noDataWindows(key) == 0 {
		return false
	}
	w, _ := windowOfRecord(r, store.RecordUpdate{})
	return w.empty
}

// heldAsItIs reports whether a judged record changes neither its state
// nor sends a message (a firing country whose repeat is not due, a
// pending count that stays…): then it is stored final at once, status 2
// with the reason and the rule that matched, one row write like a fine
// record. Such a decision needs no state write, so it holds even if the
// record turns out to be stored already.
func (s *collectStage) heldAsItIs(ts *tickState, r *store.Record, v verdict, active map[store.StateKey]store.AlertState) bool {
	key := keyOf(r)
	st, ok := active[key]
	if !ok {
		st = newState(key)
	}
	w, _ := windowOfRecord(r, store.RecordUpdate{Status: v.status, RuleNo: &v.ruleNo})
	ruleNo := w.ruleNo
	if !w.bad {
		ruleNo = str(st.RuleNo)
	}
	_, d, changed := advance(st, w, s.keeper.policy(ts, key, ruleNo), ts.now)
	if changed || d.message() {
		return false
	}
	r.Status, r.Reason = new(store.RecordNoAlert), &d.reason
	if w.bad {
		r.SetRuleNo(v.ruleNo)
		ts.res.Collect.Alerts++
	}
	ts.res.Lifecycle.Held++
	return true
}

// settleNew settles the records a collection just stored claimed and
// waiting that the database really stored: their lifecycle, their
// messages, their outcome (see keeper.settle). If the database fails on
// the way, the records are released for the rules stage and the error
// returned.
func (s *collectStage) settleNew(ctx context.Context, ts *tickState, recs []store.Record, settle map[string]verdict,
	active map[store.StateKey]store.AlertState, owner string, until time.Time) error {
	stored, err := s.business.ClaimedRecordIDs(ctx, store.RecordWaiting, owner, until)
	if err != nil {
		return fmt.Errorf("read back the records to settle: %w", err)
	}
	var ptrs []*store.Record
	var updates []store.RecordUpdate
	var ids []int64
	for i := range recs {
		r := &recs[i]
		v, ok := settle[str(r.BuNo)]
		id, isStored := stored[str(r.BuNo)]
		if !ok || !isStored {
			continue
		}
		r.ID = id
		u := store.RecordUpdate{ID: id, Status: v.status, Reason: v.reason}
		if v.status == store.RecordAlert {
			u.RuleNo = new(v.ruleNo)
			ts.res.Collect.Alerts++
		}
		ptrs, updates, ids = append(ptrs, r), append(updates, u), append(ids, id)
	}
	if len(ptrs) == 0 {
		return nil
	}
	if err := s.keeper.settle(ctx, ts, ptrs, updates, active); err != nil {
		s.releaseRecords(ctx, "collect", owner, ids)
		return err
	}
	if err := s.finishRecords(ctx, owner, ts.now, updates); err != nil {
		return fmt.Errorf("record outcomes: %w", err)
	}
	return nil
}

// applyVerdict sets a new record's status from its first judgement.
func (s *collectStage) applyVerdict(ctx context.Context, rec *store.Record, v verdict, now time.Time) {
	rec.Status = new(v.status)
	if v.reason != "" {
		rec.Reason = new(v.reason)
	}
	switch v.status {
	case store.RecordAlert:
		rec.SetRuleNo(v.ruleNo)
	case store.RecordRuleFailed:
		left, at := s.retry.afterFailure(now, store.DefaultRetries, 0)
		rec.RuleRetryTime = &left
		if !at.IsZero() {
			rec.ClaimUntil = &at
		}
		s.log.WarnContext(ctx, "rule evaluation failed", append(recordAttrs(rec), "retries_left", left, "reason", v.reason)...)
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

// noDataSamples adds an empty sample (no numerator, no denominator) for
// each country of a scene with no-data detection on that reported before
// (it has a state row) but not in this window, and makes a state row for
// each country reporting for the first time. Scenes without no-data
// detection cost nothing here; those with it, a read of their countries
// per window.
func (s *collectStage) noDataSamples(ctx context.Context, ts *tickState, infoType int, samples []scene.Sample) ([]scene.Sample, error) {
	if !ts.ix.noDataScene(infoType) {
		return samples, nil
	}
	known, err := s.platform.StateCountries(ctx, infoType)
	if err != nil {
		return nil, err
	}
	reported := make(map[string]bool, len(samples))
	for _, smp := range samples {
		reported[smp.Country] = true
	}
	isKnown := make(map[string]bool, len(known))
	for _, c := range known {
		isKnown[c] = true
		if !reported[c] && ts.ix.noDataWindows(store.StateKey{InfoType: infoType, CountryNo: c}) > 0 {
			samples = append(samples, scene.Sample{Country: c})
		}
	}
	var fresh []string
	for c := range reported {
		if c != "" && !isKnown[c] {
			fresh = append(fresh, c)
		}
	}
	if err := s.platform.EnsureAlertStates(ctx, infoType, fresh); err != nil {
		return nil, err
	}
	return samples, nil
}
