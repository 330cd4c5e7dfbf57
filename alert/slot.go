package alert

import (
	"fmt"
	"time"

	"github.com/robfig/cron/v3"
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
