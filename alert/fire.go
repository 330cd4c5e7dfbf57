package alert

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/yujing-go/yujing/store"
)

// Alert is an alert that business code raises directly with Fire, for a
// country and scene, without a collector or rules.
type Alert struct {
	InfoType int
	Country  string
	// Key, when set, makes Fire idempotent: a second Fire with the same
	// scene, country and Key returns the first alert's bu_no and stores
	// nothing (use the order number, the incident id…). Without a Key
	// every Fire is a new alert.
	Key string
	// Begin and End name the window the alert is about; zero means the
	// moment of Fire. Times are stored in whole seconds, and a record's
	// window is unique per scene and country: when another alert holds
	// the window, this one is stored with its end one second later (a
	// moment alert: its moment), as many seconds as it takes, and its
	// reason says so.
	Begin, End             time.Time
	Numerator, Denominator int64
	// Values are the alert's own values: {vars.NAME} in templates.
	Values map[string]any
}

// FireRule is the rule_no recorded for alerts raised with Fire.
const FireRule = "FIRE"

// maxFireShift bounds how many seconds Fire moves an alert's window end to
// find a free row.
const maxFireShift = 600

// Fire records an alert (a monitor_record in status 3, "alert needed")
// that the next Tick sends like any other: template, slot, channels,
// retries. Alerts fired for one scene and country in one send slot go out
// as one message that says how many it holds and shows each one's values
// (as far as monitor_send_log.content allows, saying how many are left
// out). It returns the record's bu_no.
func (e *Engine) Fire(ctx context.Context, a Alert) (string, error) {
	moment, err := a.normalize(e.env.clock())
	if err != nil {
		return "", fmt.Errorf("alert: fire: %w", err)
	}
	rec, err := a.record()
	if err != nil {
		return "", fmt.Errorf("alert: fire: %w", err)
	}
	for shift := 0; shift <= maxFireShift; {
		rec.EndTime = new(a.End.Add(time.Duration(shift) * time.Second))
		if moment {
			rec.BeginTime = rec.EndTime
		}
		if shift > 0 {
			rec.Reason = new("raised with Fire; stored " + strconv.Itoa(shift) + " s later than fired: other alerts hold the record of its window")
		}
		recs := []store.Record{rec}
		n, err := e.business.InsertRecords(ctx, recs)
		if err != nil {
			return "", fmt.Errorf("alert: fire: %w", err)
		}
		if n == 1 {
			e.log.InfoContext(ctx, "alert fired", "bu_no", str(recs[0].BuNo), "info_type", a.InfoType, "country", a.Country, "shifted_s", shift)
			return str(recs[0].BuNo), nil
		}
		if a.Key != "" {
			if _, err := e.business.GetRecord(ctx, *rec.BuNo); err == nil {
				e.log.InfoContext(ctx, "alert fired before with this key; not stored again", "bu_no", *rec.BuNo, "info_type", a.InfoType,
					"country", a.Country, "key", a.Key)
				return *rec.BuNo, nil
			} else if !errors.Is(err, store.ErrNotFound) {
				return "", fmt.Errorf("alert: fire: %w", err)
			}
		}
		if shift, err = e.nextFreeShift(ctx, a, moment, shift); err != nil {
			return "", fmt.Errorf("alert: fire: %w", err)
		}
	}
	return "", fmt.Errorf("alert: fire: every window end within %d s of %s is held by another alert of scene %d in %s", maxFireShift,
		a.End.Format(time.RFC3339), a.InfoType, a.Country)
}

// normalize checks a fired alert and fills its window (the moment now when
// it has none, whole seconds, UTC); it reports whether it is a moment.
func (a *Alert) normalize(now time.Time) (moment bool, err error) {
	if a.Country == "" {
		return false, errors.New("Country is required")
	}
	moment = a.Begin.IsZero()
	if moment {
		a.Begin = now
	}
	if a.End.IsZero() {
		a.End = a.Begin
	}
	a.Begin, a.End = a.Begin.UTC().Truncate(time.Second), a.End.UTC().Truncate(time.Second)
	if a.End.Before(a.Begin) {
		return false, fmt.Errorf("window ends (%s) before it begins (%s)", a.End, a.Begin)
	}
	return moment, nil
}

// record is the record of a fired alert, in status 3 (alert needed), with
// the bu_no its Key makes when it has one.
func (a *Alert) record() (store.Record, error) {
	rate := 0.0
	if a.Denominator != 0 {
		rate = float64(a.Numerator) / float64(a.Denominator)
	}
	content, err := sampleContent(a.Numerator, a.Denominator, rate, a.Values)
	if err != nil {
		return store.Record{}, err
	}
	if n := len([]rune(content)); n > store.RecordContentMax {
		return store.Record{}, fmt.Errorf("the alert's values take %d characters, monitor_record.content holds %d", n, store.RecordContentMax)
	}
	rec := store.Record{InfoType: new(a.InfoType), CountryNo: new(a.Country), BeginTime: new(a.Begin), EndTime: new(a.End),
		Content: new(content), CompareVal: new(formatRate(rate)), Status: new(store.RecordAlert), Reason: new("raised with Fire")}
	if a.Key != "" {
		rec.BuNo = new(fireCode(a.InfoType, a.Country, a.Key))
	}
	rec.SetRuleNo(FireRule)
	return rec, nil
}

// nextFreeShift returns the next shift (seconds added to the window's end,
// and to its begin for a moment alert) after shift whose record the
// window's unique key leaves free, looking at the records already stored
// in one query, so that a burst of alerts for one window costs one insert
// each, not one per alert before it. A concurrent Fire may still take it:
// the caller's insert then tells, and it looks again.
func (e *Engine) nextFreeShift(ctx context.Context, a Alert, moment bool, shift int) (int, error) {
	const span = 64
	begins := []time.Time{a.Begin}
	if moment {
		begins = begins[:0]
		for s := shift + 1; s <= shift+span; s++ {
			begins = append(begins, a.Begin.Add(time.Duration(s)*time.Second))
		}
	}
	taken, err := e.business.RecordsByWindows(ctx, a.InfoType, []string{a.Country}, begins)
	if err != nil {
		return 0, err
	}
	used := map[int]bool{}
	for _, r := range taken {
		if r.BeginTime == nil || r.EndTime == nil {
			continue
		}
		if moment {
			used[int(r.BeginTime.Sub(a.Begin)/time.Second)] = true
		} else {
			used[int(r.EndTime.Sub(a.End)/time.Second)] = true
		}
	}
	next := shift + 1
	for used[next] && next < shift+span {
		next++
	}
	return next, nil
}

// fireCode is the bu_no of a fired alert with an idempotency key: the same
// scene, country and key give the same code (32 characters, the column's
// size), so the record's unique key does the deduplication.
func fireCode(infoType int, country, key string) string {
	sum := sha256.Sum256([]byte(strconv.Itoa(infoType) + "\x00" + country + "\x00" + key))
	return "FK" + hex.EncodeToString(sum[:15])
}
