package alert

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/yujing-go/yujing/store"
)

// Alert is an alert that business code raises directly with Fire, for a
// country and scene, without a collector or rules.
type Alert struct {
	InfoType int
	Country  string
	// Begin and End name the window the alert is about; zero means the
	// moment of Fire. The alert is kept once per scene, country and window
	// (whole seconds): firing it again for the same window is a no-op.
	Begin, End             time.Time
	Numerator, Denominator int64
	// Values are the alert's own values: {vars.NAME} in templates.
	Values map[string]any
}

// FireRule is the rule_no recorded for alerts raised with Fire.
const FireRule = "FIRE"

// Fire records an alert (a monitor_record in status 3, "alert needed")
// that the next Tick sends like any other: template, slot, channels,
// retries. It returns the record's bu_no (the existing record's when the
// same alert was fired before).
func (e *Engine) Fire(ctx context.Context, a Alert) (string, error) {
	if a.Country == "" {
		return "", errors.New("alert: fire: Country is required")
	}
	now := e.clock()
	if a.Begin.IsZero() {
		a.Begin = now
	}
	if a.End.IsZero() {
		a.End = a.Begin
	}
	if a.End.Before(a.Begin) {
		return "", fmt.Errorf("alert: fire: window ends (%s) before it begins (%s)", a.End, a.Begin)
	}
	rate := 0.0
	if a.Denominator != 0 {
		rate = float64(a.Numerator) / float64(a.Denominator)
	}
	content, err := sampleContent(a.Numerator, a.Denominator, rate, a.Values)
	if err != nil {
		return "", fmt.Errorf("alert: fire: %w", err)
	}
	rec := store.Record{InfoType: new(a.InfoType), CountryNo: new(a.Country), BeginTime: new(a.Begin.UTC()), EndTime: new(a.End.UTC()),
		Content: &content, CompareVal: new(formatRate(rate)), Status: new(store.RecordAlert), Reason: new("raised with Fire")}
	rec.Param5 = new(FireRule)
	recs := []store.Record{rec}
	n, err := e.business.InsertRecords(ctx, recs)
	if err != nil {
		return "", fmt.Errorf("alert: fire: %w", err)
	}
	if n == 1 {
		e.log.InfoContext(ctx, "alert fired", "bu_no", str(recs[0].BuNo), "info_type", a.InfoType, "country", a.Country)
		return str(recs[0].BuNo), nil
	}
	existing, err := e.business.RecordsByWindows(ctx, a.InfoType, []string{a.Country}, []time.Time{a.Begin})
	if err != nil {
		return "", fmt.Errorf("alert: fire: %w", err)
	}
	for _, r := range existing {
		if r.EndTime != nil && r.EndTime.Equal(a.End.UTC().Truncate(time.Second)) {
			return str(r.BuNo), nil
		}
	}
	return "", errors.New("alert: fire: the alert was neither stored nor found")
}
