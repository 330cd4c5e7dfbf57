package alert

import (
	"testing"
	"time"

	"github.com/yujing-go/yujing/store"
)

// TestSilenceMatch: each matcher, the time bounds, expiry, a recurring
// window in the country's zone, resolves let through when the silence
// says so, and a schedule that does not parse muting nothing.
func TestSilenceMatch(t *testing.T) {
	now := time.Date(2027, 3, 14, 7, 30, 0, 0, time.UTC) // Sunday 03:30 EDT in New York
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Skipf("no time zone database: %v", err)
	}
	hourAgo, inHour := now.Add(-time.Hour), now.Add(time.Hour)
	m := silenced{infoType: 1, country: "US", ruleNo: "R1"}
	for _, c := range []struct {
		name    string
		s       store.Silence
		m       silenced
		channel string
		want    bool
	}{
		{"all", store.Silence{InfoType: "*", CountryNo: "*", ChannelNo: "*", RuleNo: "*", StartsAt: &hourAgo, EndsAt: &inHour}, m, "CH1", true},
		{"another scene", store.Silence{InfoType: "2", CountryNo: "*", ChannelNo: "*", RuleNo: "*", StartsAt: &hourAgo, EndsAt: &inHour}, m, "CH1", false},
		{"another country", store.Silence{InfoType: "*", CountryNo: "PH", ChannelNo: "*", RuleNo: "*", StartsAt: &hourAgo, EndsAt: &inHour}, m, "CH1", false},
		{"another channel", store.Silence{InfoType: "*", CountryNo: "*", ChannelNo: "CH2", RuleNo: "*", StartsAt: &hourAgo, EndsAt: &inHour}, m, "CH1", false},
		{"another rule", store.Silence{InfoType: "*", CountryNo: "*", ChannelNo: "*", RuleNo: "R2", StartsAt: &hourAgo, EndsAt: &inHour}, m, "CH1", false},
		{"not yet", store.Silence{InfoType: "*", CountryNo: "*", ChannelNo: "*", RuleNo: "*", StartsAt: &inHour}, m, "CH1", false},
		{"ended", store.Silence{InfoType: "*", CountryNo: "*", ChannelNo: "*", RuleNo: "*", EndsAt: &now}, m, "CH1", false},
		{"expired", store.Silence{InfoType: "*", CountryNo: "*", ChannelNo: "*", RuleNo: "*", ExpiredAt: &hourAgo}, m, "CH1", false},
		{"weekly, in the window", store.Silence{InfoType: "*", CountryNo: "*", ChannelNo: "*", RuleNo: "*", Schedule: new("SUN 03:00-04:00")}, m, "CH1", true},
		{"weekly, outside", store.Silence{InfoType: "*", CountryNo: "*", ChannelNo: "*", RuleNo: "*", Schedule: new("SUN 04:00-05:00")}, m, "CH1", false},
		{"weekly, bad schedule", store.Silence{InfoType: "*", CountryNo: "*", ChannelNo: "*", RuleNo: "*", Schedule: new("SUNDAYS")}, m, "CH1", false},
		{"a resolve, muted", store.Silence{InfoType: "*", CountryNo: "*", ChannelNo: "*", RuleNo: "*", EndsAt: &inHour}, silenced{1, "US", "R1", true}, "CH1", true},
		{"a resolve, let through", store.Silence{InfoType: "*", CountryNo: "*", ChannelNo: "*", RuleNo: "*", EndsAt: &inHour, NotifyResolved: true},
			silenced{1, "US", "R1", true}, "CH1", false},
	} {
		ix := newSilenceIndex([]store.Silence{c.s})
		if got := ix.match(c.m, c.channel, now, ny) != nil; got != c.want {
			t.Errorf("%s: muted %v, want %v", c.name, got, c.want)
		}
		if c.name == "weekly, bad schedule" && len(ix.problems()) != 1 {
			t.Errorf("bad schedule: problems %v", ix.problems())
		}
	}
}
