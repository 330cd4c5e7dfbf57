package recurring_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/yujing-go/yujing/recurring"
)

func TestParse(t *testing.T) {
	tests := []struct {
		spec, want string
	}{
		{"SUN 02:00-04:00", "SUN 02:00-04:00"},
		{"MON-FRI 22:00-06:00", "MON-FRI 22:00-06:00"},
		{"SAT,SUN 00:00-24:00", "SAT,SUN 00:00-24:00"},
		{"MON,WED-FRI 09:00-10:00", "MON,WED-FRI 09:00-10:00"},
		{"DAILY 01:30-03:30", "DAILY 01:30-03:30"},
		{"* 01:30-03:30", "DAILY 01:30-03:30"},
		{"daily 01:30-03:30", "DAILY 01:30-03:30"},
		{"SAT 00:00-24:00", "SAT 00:00-24:00"},
		{"sun 2:00-4:00", "SUN 02:00-04:00"},
		{"Mon - Fri   22:00 - 06:00", "MON-FRI 22:00-06:00"},
		{" SAT , SUN 00:00 -24:00 ", "SAT,SUN 00:00-24:00"},
		{"MON ,WED- FRI 09:00-10:00", "MON,WED-FRI 09:00-10:00"},
		{"SUN,SAT 10:00-11:00", "SAT,SUN 10:00-11:00"},
		{"TUE,MON 10:00-11:00", "MON,TUE 10:00-11:00"},
		{"MON,TUE,WED 10:00-11:00", "MON-WED 10:00-11:00"},
		{"FRI-MON 22:00-00:00", "MON,FRI-SUN 22:00-24:00"},
		{"SUN-SAT 00:00-01:00", "DAILY 00:00-01:00"},
		{"SUN,MON,TUE,WED,THU,FRI,SAT 23:00-01:00", "DAILY 23:00-01:00"},
		{"MON-FRI,WED 08:00-09:00", "MON-FRI 08:00-09:00"},
		{"WED-WED 08:00-09:00", "WED 08:00-09:00"},
		{"cron 0 2 * * 0 for 2h", "cron 0 2 * * 0 for 2h"},
		{"cron 30 22 * * 1-5 for 7h30m", "cron 30 22 * * 1-5 for 7h30m"},
		{"CRON  0 2 * * SUN  FOR 120m", "cron 0 2 * * sun for 2h"},
		{"cron 0 2 * * 0 for 1h0m0s", "cron 0 2 * * 0 for 1h"},
		{"cron 0 0 1 JAN * for 24h", "cron 0 0 1 jan * for 24h"},
		{"cron @daily for 90s", "cron @daily for 1m30s"},
		{"cron 0 0 * * 1 for 168h", "cron 0 0 * * 1 for 168h"},
		{"cron */20 * * * * for 1.5s", "cron */20 * * * * for 1.5s"},
	}
	for _, tt := range tests {
		t.Run(tt.spec, func(t *testing.T) {
			s, err := recurring.Parse(tt.spec)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if got := s.String(); got != tt.want {
				t.Errorf("String() = %q, want %q", got, tt.want)
			}
			again, err := recurring.Parse(s.String())
			if err != nil {
				t.Fatalf("Parse(String()): %v", err)
			}
			if again.String() != s.String() {
				t.Errorf("Parse(String()).String() = %q, want %q", again.String(), s.String())
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		spec        string
		field, part string // of the *ParseError
		reason      string // in the message
	}{
		{"FUN 02:00-04:00", "day", "FUN", "unknown day"},
		{"SUN 25:00-26:00", "start time", "25:00", "hour 25 is not 00-23"},
		{"SUN 02:00", "time range", "02:00", "not a range"},
		{"SUN 02:00-02:00", "time range", "02:00-02:00", "same time"},
		{"cron 0 2 * * 0", "cron expression", "0 2 * * 0", `no "for <duration>"`},
		{"cron bad for 1h", "cron expression", "bad", "expected exactly 5 fields"},
		{"cron 0 2 * * 0 for -1h", "duration", "-1h", "longer than zero"},
		{"cron 0 2 * * 0 for 200h", "duration", "200h", "168h (7 days) at most"},
		{"", "", "", "empty"},
		{"  \t ", "", "", "empty"},
		{"SUN", "days", "SUN", "no time range"},
		{"02:00-04:00", "time range", "02:00-04:00", "no days"},
		{"MON FRI 02:00-04:00", "", "FRI", "between the days and the time range"},
		{"SUN 02:00-04:00 weekly", "", "weekly", "after the time range"},
		{"SUNDAY 02:00-04:00", "day", "SUNDAY", "unknown day"},
		{"MON-FUN 02:00-04:00", "day", "FUN", "unknown day"},
		{"MON-TUE-WED 02:00-04:00", "day", "MON-TUE-WED", "more than one '-'"},
		{"MON-,FRI 02:00-04:00", "day", "MON-", "first and a last day"},
		{"MON,,TUE 02:00-04:00", "day", "MON,,TUE", "empty day"},
		{"DAILY,MON 02:00-04:00", "day", "DAILY", "every day"},
		{"SUN 02:60-04:00", "start time", "02:60", "minute 60"},
		{"SUN 24:00-04:00", "start time", "24:00", "end only"},
		{"SUN 02:00-24:30", "end time", "24:30", "24:00 at most"},
		{"SUN 02:00-25:00", "end time", "25:00", "hour 25 is not 00-24"},
		{"SUN 2-4", "start time", "2", "not a time"},
		{"SUN 02:00-04:00-06:00", "time range", "02:00-04:00-06:00", "more than one '-'"},
		{"SUN 002:00-04:00", "start time", "002:00", "not a time"},
		{"SUN 02:0-04:00", "start time", "02:0", "not a time"},
		{"SUN 00:00-00:00", "time range", "00:00-00:00", "same time"},
		{"SUN 02:00-", "end time", "", "missing"},
		{"SUN 0a:00-04:00", "start time", "0a:00", "not a time"},
		{"cron 0 2 * * 0 for", "duration", "", "missing"},
		{"cron for 1h", "cron expression", "", "missing"},
		{"cron", "cron expression", "", "missing"},
		{"cron 0 2 * * 0 for 1h for 2h", "", "for", "twice"},
		{"cron 0 2 * * 0 for 2h weekly", "", "weekly", "after the duration"},
		{"cron 0 2 * * for 1h", "cron expression", "0 2 * *", "expected exactly 5 fields"},
		{"cron 0 25 * * * for 1h", "cron expression", "0 25 * * *", "above maximum"},
		{"cron @every 1h for 1h", "cron expression", "@every 1h", "@every"},
		{"cron TZ=Asia/Tokyo 0 2 * * 0 for 1h", "cron expression", "TZ=Asia/Tokyo 0 2 * * 0", "time zone"},
		{"cron 0 0 30 2 * for 1h", "cron expression", "0 0 30 2 *", "never"},
		{"cron 0 2 * * 0 for 0s", "duration", "0s", "longer than zero"},
		{"cron 0 2 * * 0 for 2", "duration", "2", "not a duration"},
		{"cron 0 2 * * 0 for two", "duration", "two", "not a duration"},
	}
	for _, tt := range tests {
		t.Run(tt.spec, func(t *testing.T) {
			s, err := recurring.Parse(tt.spec)
			if err == nil {
				t.Fatalf("Parse(%q) = %q, want an error", tt.spec, s)
			}
			var pe *recurring.ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("error %v (%T) is not a *ParseError", err, err)
			}
			if pe.Spec != tt.spec || pe.Field != tt.field || pe.Part != tt.part {
				t.Errorf("ParseError{Spec: %q, Field: %q, Part: %q}, want {%q, %q, %q}", pe.Spec, pe.Field, pe.Part, tt.spec, tt.field, tt.part)
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, "recurring: schedule ") || !strings.Contains(msg, tt.reason) {
				t.Errorf("error %q: want it to start with \"recurring: schedule \" and say %q", msg, tt.reason)
			}
			if tt.part != "" && !strings.Contains(msg, `"`+tt.part+`"`) {
				t.Errorf("error %q does not quote the part %q", msg, tt.part)
			}
			if s != (recurring.Schedule{}) {
				t.Errorf("Parse returned %q with its error, want the zero Schedule", s)
			}
			t.Log(msg)
		})
	}
}
