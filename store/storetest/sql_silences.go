package storetest

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/yujing-go/yujing/store"
)

// testSilences checks the silences of the configuration API: the checks
// (matchers, times, the Validation's schedule check), the generated code,
// the audit of creation and expiry, the configuration version moving, and
// which silences LiveSilences and ListSilences return.
func testSilences(t *testing.T, open OpenDB) {
	ctx := context.Background()
	now := time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC)
	db := open(t, store.WithClock(func() time.Time { return now }))
	badSchedule := errors.New("not a schedule")
	cfg := store.NewConfig(db, store.Validation{Silence: func(s store.Silence) error {
		if s.Schedule != nil && *s.Schedule == "nonsense" {
			return badSchedule
		}
		return nil
	}}, store.AsUser("ops-1"))
	for _, c := range []struct {
		s   store.Silence
		col string
	}{
		{store.Silence{StartsAt: new(now)}, "ends_at"},
		{store.Silence{StartsAt: new(now), EndsAt: new(now.Add(-time.Hour))}, "ends_at"},
		{store.Silence{StartsAt: new(now.Add(-2 * time.Hour)), EndsAt: new(now.Add(-time.Hour))}, "ends_at"},
		{store.Silence{InfoType: "sms", StartsAt: new(now), EndsAt: new(now.Add(time.Hour))}, "info_type"},
		{store.Silence{CountryNo: "ph", StartsAt: new(now), EndsAt: new(now.Add(time.Hour))}, "country_no"},
		{store.Silence{Schedule: new("nonsense")}, "schedule"},
		{store.Silence{Schedule: new("SUN 02:00-04:00"), Comment: new(strings.Repeat("x", 256))}, "comment"},
	} {
		_, err := cfg.CreateSilence(ctx, c.s)
		var ve *store.ValidationError
		if !errors.As(err, &ve) || ve.Column != c.col {
			t.Errorf("%+v: %v, want a refusal of %s", c.s, err, c.col)
		}
	}
	v0, err := db.ConfigVersion(ctx)
	if err != nil {
		t.Fatal(err)
	}
	once, err := cfg.CreateSilence(ctx, store.Silence{CountryNo: "PH", StartsAt: new(now), EndsAt: new(now.Add(time.Hour)), Comment: new("carrier")})
	if err != nil {
		t.Fatal(err)
	}
	weekly, err := cfg.CreateSilence(ctx, store.Silence{InfoType: "1", Schedule: new("SUN 02:00-04:00"), NotifyResolved: true})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(once.SilenceNo, "SI") || once.CreatedBy != "ops-1" || once.ChannelNo != store.AnyMatch || once.RuleNo != store.AnyMatch {
		t.Errorf("created %+v", once)
	}
	if v, _ := db.ConfigVersion(ctx); v != v0+2 {
		t.Errorf("version %d, want %d", v, v0+2)
	}
	live, err := db.LiveSilences(ctx, now)
	if err != nil || len(live) != 2 || live[1].Schedule == nil || !live[1].NotifyResolved || live[0].CountryNo != "PH" {
		t.Fatalf("live %+v %v", live, err)
	}
	long := store.NewConfig(db, store.Validation{}, store.AsUser(strings.Repeat("u", 65)))
	var ve *store.ValidationError
	if err := long.ExpireSilence(ctx, once.SilenceNo); !errors.As(err, &ve) || ve.Column != "expired_by" {
		t.Errorf("a 65-character user expiring a silence: %v", err)
	}
	if err := cfg.ExpireSilence(ctx, once.SilenceNo); err != nil {
		t.Fatal(err)
	}
	if err := cfg.ExpireSilence(ctx, once.SilenceNo); err != nil { // again: nothing changes
		t.Fatal(err)
	}
	live, err = db.LiveSilences(ctx, now)
	if err != nil || len(live) != 1 || live[0].SilenceNo != weekly.SilenceNo {
		t.Errorf("live after expiry %+v %v", live, err)
	}
	all, err := cfg.ListSilences(ctx, store.SilenceFilter{IncludeExpired: true})
	if err != nil || len(all) != 2 || all[1].ExpiredAt == nil || str(all[1].ExpiredBy) != "ops-1" {
		t.Errorf("all %+v %v", all, err)
	}
	events, err := db.AlertEvents(ctx, nil, "", 10)
	if err != nil || len(events) != 3 || events[0].Kind != store.EventSilenceExpired || events[2].Kind != store.EventSilenceCreated ||
		!strings.Contains(str(events[2].Detail), "country PH") || !strings.Contains(str(events[2].Detail), "carrier") {
		t.Errorf("events %+v %v", events, err)
	}
}

func str(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}
