package alert

import (
	"context"
	"fmt"
	"sort"

	"github.com/yujing-go/yujing/store"
)

// keeper keeps the lifecycle of every scene × country as its windows are
// judged (yujing_alert_state): it decides, window by window, whether a
// judged record sends a message (firing, repeat, resolved, no data) or
// why not, writes the states that changed (compare-and-set, so replicas
// keep one truth) and records the messages. Collect and the rules stage
// settle their judged records through it.
//
// Its cost: one read of states per batch (Collect: the scene's active
// states, read once per window; the rules stage: its batch's countries),
// and a write per state that changed. A window that changes nothing writes
// no state.
type keeper struct {
	*env
	recorder *recorder
}

// settle decides the lifecycle of judged records (updates hold the rules'
// verdicts: status 2, or 3 with the rule) and sets each one's outcome:
// status 4 with the message's sl_no, 5 when it could not be recorded, or 2
// with the reason no message is sent (pending 2/3, repeat interval not
// reached...). states holds the states of the records' scene × countries
// when the caller read them (at least the active ones); nil reads them.
// Records no rule judged (failed ones, Fire's, reports') are left as they
// are.
func (k *keeper) settle(ctx context.Context, ts *tickState, recs []*store.Record, updates []store.RecordUpdate,
	states map[store.StateKey]store.AlertState) error {
	var judged []int
	for i, u := range updates {
		if u.Status == store.RecordAlert || u.Status == store.RecordNoAlert {
			judged = append(judged, i)
		}
	}
	if len(judged) == 0 {
		return nil
	}
	if states == nil {
		var err error
		if states, err = k.statesOf(ctx, recs, judged); err != nil {
			return err
		}
	}
	windows := make(map[int]judgedWindow, len(judged))
	var todo []int
	for _, i := range judged {
		w, key := windowOfRecord(recs[i], updates[i])
		st, known := states[key]
		if w.bad || known && st.Active || (w.empty && ts.ix.noDataWindows(key) > 0) {
			windows[i] = w
			todo = append(todo, i)
		}
	}
	if len(todo) == 0 {
		return nil // every window fine, every state plain ok: nothing changes
	}
	sort.SliceStable(todo, func(a, b int) bool {
		ra, rb := recs[todo[a]], recs[todo[b]]
		if ka, kb := keyOf(ra), keyOf(rb); ka != kb {
			return ka.InfoType < kb.InfoType || ka.InfoType == kb.InfoType && ka.CountryNo < kb.CountryNo
		}
		return windows[todo[a]].end.Before(windows[todo[b]].end)
	})
	decisions, err := k.decide(ctx, ts, recs, todo, windows, states)
	if err != nil {
		return err
	}
	return k.apply(ctx, ts, recs, updates, todo, decisions)
}

// decide runs the windows through their states and writes the states that
// changed; a state another engine changed meanwhile is read again and its
// windows decided again.
func (k *keeper) decide(ctx context.Context, ts *tickState, recs []*store.Record, todo []int, windows map[int]judgedWindow,
	states map[store.StateKey]store.AlertState) (map[int]decision, error) {
	decisions := make(map[int]decision, len(todo))
	redo := todo
	for attempt := 0; len(redo) > 0; attempt++ {
		if attempt == 8 {
			return nil, fmt.Errorf("alert state of %v kept changing under this engine", keyOf(recs[redo[0]]))
		}
		changed := map[store.StateKey]bool{}
		for _, i := range redo {
			key := keyOf(recs[i])
			st, ok := states[key]
			if !ok {
				st = newState(key)
			}
			w := windows[i]
			ruleNo := w.ruleNo
			if !w.bad {
				ruleNo = str(st.RuleNo)
			}
			next, d, c := advance(st, w, k.policy(ts, key, ruleNo), ts.now)
			states[key] = next
			decisions[i] = d
			changed[key] = changed[key] || c
		}
		lost, err := k.save(ctx, states, changed)
		if err != nil {
			return nil, err
		}
		if len(lost) == 0 {
			return decisions, nil
		}
		if err := k.reread(ctx, lost, states); err != nil {
			return nil, err
		}
		var again []int
		for _, i := range redo {
			if lost[keyOf(recs[i])] {
				again = append(again, i)
			}
		}
		k.log.InfoContext(ctx, "alert states changed by another engine; deciding again", "states", len(lost))
		redo = again
	}
	return decisions, nil
}

// save writes the states that changed and returns those another engine
// changed meanwhile (not written); the others' versions move on in states.
func (k *keeper) save(ctx context.Context, states map[store.StateKey]store.AlertState, changed map[store.StateKey]bool) (map[store.StateKey]bool, error) {
	var save []store.AlertState
	for key, c := range changed {
		if c {
			save = append(save, states[key])
		}
	}
	conflicts, err := k.platform.SaveAlertStates(ctx, save)
	if err != nil {
		return nil, err
	}
	lost := map[store.StateKey]bool{}
	for _, c := range conflicts {
		lost[save[c].Key()] = true
	}
	for _, s := range save {
		if !lost[s.Key()] {
			st := states[s.Key()]
			st.Version++
			states[s.Key()] = st
		}
	}
	return lost, nil
}

// reread reads the states another engine changed.
func (k *keeper) reread(ctx context.Context, keys map[store.StateKey]bool, states map[store.StateKey]store.AlertState) error {
	for key := range keys {
		got, err := k.platform.AlertStates(ctx, store.StateFilter{InfoType: &key.InfoType, CountryNo: key.CountryNo, Limit: 1})
		if err != nil {
			return err
		}
		delete(states, key)
		if len(got) == 1 {
			states[key] = got[0]
		}
	}
	return nil
}

// apply records the messages the decisions ask for and sets every
// decided record's outcome.
func (k *keeper) apply(ctx context.Context, ts *tickState, recs []*store.Record, updates []store.RecordUpdate, todo []int,
	decisions map[int]decision) error {
	var alerts []*store.Record
	var notes []*stateNote
	var at []int
	for _, i := range todo {
		d := decisions[i]
		if !d.message() {
			updates[i].Status, updates[i].Reason = store.RecordNoAlert, d.reason
			ts.res.Lifecycle.Held++
			continue
		}
		if updates[i].RuleNo != nil {
			recs[i].SetRuleNo(*updates[i].RuleNo)
		}
		recs[i].Reason = new(d.reason)
		ts.res.Lifecycle.Messages++
		alerts = append(alerts, recs[i])
		notes = append(notes, d.note)
		at = append(at, i)
	}
	if len(alerts) == 0 {
		return nil
	}
	recorded, err := k.recorder.record(ctx, ts, alerts, notes)
	if err != nil {
		return err
	}
	for j, i := range at {
		recorded[j].RuleNo = updates[i].RuleNo
		recorded[j].Kind = new(decisions[i].kind)
		if recorded[j].Status == store.RecordRecorded && recorded[j].Reason == "" {
			recorded[j].Reason = decisions[i].reason
		}
		updates[i] = recorded[j]
	}
	return nil
}

// statesOf reads the states of the records' scene × countries: a query
// per scene, whatever the number of states stored (the rules stage's
// batches may come from a backlog of many windows).
func (k *keeper) statesOf(ctx context.Context, recs []*store.Record, at []int) (map[store.StateKey]store.AlertState, error) {
	countries := map[int]map[string]bool{}
	for _, i := range at {
		key := keyOf(recs[i])
		if countries[key.InfoType] == nil {
			countries[key.InfoType] = map[string]bool{}
		}
		countries[key.InfoType][key.CountryNo] = true
	}
	out := map[store.StateKey]store.AlertState{}
	for infoType, set := range countries {
		list := make([]string, 0, len(set))
		for c := range set {
			list = append(list, c)
		}
		rows, err := k.platform.AlertStates(ctx, store.StateFilter{InfoType: &infoType, Countries: list, Limit: len(list)})
		if err != nil {
			return nil, fmt.Errorf("read alert states: %w", err)
		}
		for _, r := range rows {
			out[r.Key()] = r // inactive ones too: their write is a compare-and-set on the version read
		}
	}
	return out, nil
}

// activeStates reads the active states of the scenes.
func (k *keeper) activeStates(ctx context.Context, types map[int]bool) (map[store.StateKey]store.AlertState, error) {
	list := make([]int, 0, len(types))
	for t := range types {
		list = append(list, t)
	}
	rows, err := k.platform.ActiveAlertStates(ctx, list)
	if err != nil {
		return nil, fmt.Errorf("read alert states: %w", err)
	}
	out := make(map[store.StateKey]store.AlertState, len(rows))
	for _, r := range rows {
		out[r.Key()] = r
	}
	return out, nil
}

func keyOf(r *store.Record) store.StateKey {
	return store.StateKey{InfoType: intOr(r.InfoType, 0), CountryNo: str(r.CountryNo)}
}

// windowOfRecord is a judged record as the lifecycle sees it.
func windowOfRecord(r *store.Record, u store.RecordUpdate) (judgedWindow, store.StateKey) {
	w := judgedWindow{buNo: str(r.BuNo), bad: u.Status == store.RecordAlert, ruleNo: str(u.RuleNo)}
	if r.EndTime != nil {
		w.end = r.EndTime.UTC()
	}
	if s, err := decodeSample(r.Content, r.CompareVal); err == nil && s.den == 0 {
		w.empty = true
	}
	return w, keyOf(r)
}

// policy is the configuration's lifecycle policy of a scene × country,
// with the silences that mute its messages now.
func (k *keeper) policy(ts *tickState, key store.StateKey, ruleNo string) policy {
	return policyWithSilences(ts, k.recorder.cat, key, ruleNo)
}

// policyWithSilences is ix.policy with its mute function: the silences of
// the configuration, read in the country's time zone at ts.now.
func policyWithSilences(ts *tickState, cat *catalog, key store.StateKey, ruleNo string) policy {
	p := ts.ix.policy(key, ruleNo)
	if len(ts.ix.silences.list) == 0 {
		return p
	}
	m := silenced{infoType: key.InfoType, country: key.CountryNo, ruleNo: ruleNo}
	loc := cat.zone(key.CountryNo)
	p.mute = func(kind store.MessageKind, level int) string {
		m := m
		m.resolve = kind == store.KindResolved
		return ts.ix.mutedBy(m, kind, level, ts.now, loc)
	}
	return p
}
