package alert

import (
	"fmt"
	"strings"
	"time"

	"github.com/robfig/cron/v3"

	"github.com/yujing-go/yujing/store"
)

// A send slot is the expect_send_time of an alert: monitor_send_log holds
// at most one alert per country, scene and slot.
//
// Realtime templates (send_type 1) have slots of a fixed length (the
// template's param3 in seconds, or the engine's WithRealtimeSlot), aligned
// in the country's time zone; an alert goes into the slot that contains
// the moment it is recorded and is due at once. Scheduled templates
// (send_type 2) are due at the next time of their cron schedule (the
// template's param4, or the engine's WithSchedule) in the country's time
// zone, and every alert until then merges into that one message.

// realtimeSlot returns the start of the slot of length d that contains now,
// aligned to local midnight in loc (so a 1-hour slot starts on the hour
// even in a +05:30 zone).
func realtimeSlot(now time.Time, d time.Duration, loc *time.Location) time.Time {
	local := now.In(loc)
	midnight := time.Date(local.Year(), local.Month(), local.Day(), 0, 0, 0, 0, loc)
	since := local.Sub(midnight)
	return midnight.Add(since - since%d).UTC()
}

// parseSchedule parses a 5-field cron expression ("0 9 * * *", "@daily",
// "30 8 * * 1-5").
func parseSchedule(spec string) (cron.Schedule, error) {
	s, err := cron.ParseStandard(spec)
	if err != nil {
		return nil, fmt.Errorf("schedule %q: %w", spec, err)
	}
	return s, nil
}

// scheduledSlot returns the first time of the schedule after now, read in
// the country's time zone.
func scheduledSlot(now time.Time, s cron.Schedule, loc *time.Location) time.Time {
	return s.Next(now.In(loc)).UTC()
}

// slots places an alert in its send slot.
type slots struct {
	cat      *catalog
	schedule cron.Schedule // of scheduled templates without their own
	realtime time.Duration // of realtime templates without their own
}

// of returns the send slot of an alert recorded now with template tpl in
// country.
func (s *slots) of(tpl store.Template, country string, now time.Time) (time.Time, error) {
	loc := s.cat.zone(country)
	if tpl.SendType != nil && *tpl.SendType == store.SendScheduled {
		sched := s.schedule
		if spec := strings.TrimSpace(tpl.Schedule()); spec != "" {
			parsed, err := parseSchedule(spec)
			if err != nil {
				return time.Time{}, fmt.Errorf("template %s: param4: %w", str(tpl.ModNo), err)
			}
			sched = parsed
		}
		return scheduledSlot(now, sched, loc), nil
	}
	return realtimeSlot(now, s.length(tpl), loc), nil
}

// length is a realtime template's slot: param3 seconds, or the default.
func (s *slots) length(tpl store.Template) time.Duration {
	if n, ok := tpl.SlotSeconds(); ok && n > 0 {
		return time.Duration(n) * time.Second
	}
	return s.realtime
}
