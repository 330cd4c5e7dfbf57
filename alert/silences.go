package alert

import (
	"fmt"
	"strconv"
	"time"

	"github.com/yujing-go/yujing/recurring"
	"github.com/yujing-go/yujing/store"
)

// silenceIndex is the configuration's silences, their schedules parsed.
// A silence whose schedule does not parse (written with SQL) mutes
// nothing; the engine logs it when it loads the configuration.
type silenceIndex struct {
	list []liveSilence
}

type liveSilence struct {
	row   store.Silence
	sched *recurring.Schedule // nil: one-off
	err   error               // the schedule's problem
}

func newSilenceIndex(rows []store.Silence) *silenceIndex {
	ix := &silenceIndex{}
	for _, r := range rows {
		ls := liveSilence{row: r}
		if r.Schedule != nil {
			s, err := recurring.Parse(*r.Schedule)
			if err != nil {
				ls.err = fmt.Errorf("silence %s: schedule %q: %w", r.SilenceNo, *r.Schedule, err)
			} else {
				ls.sched = &s
			}
		}
		ix.list = append(ix.list, ls)
	}
	return ix
}

// problems are the silences that mute nothing, and why.
func (ix *silenceIndex) problems() []error {
	var out []error
	for _, s := range ix.list {
		if s.err != nil {
			out = append(out, s.err)
		}
	}
	return out
}

// silenced is what a message is matched on.
type silenced struct {
	infoType int
	country  string
	ruleNo   string
	resolve  bool // a resolve: silences that let resolves through do not mute it
}

// silencedOf is what a pending alert is matched on when it is sent.
func silencedOf(l *store.SendLog) silenced {
	return silenced{infoType: intOr(l.InfoType, 0), country: str(l.CountryNo), ruleNo: l.RuleNo(), resolve: l.Kind() == store.KindResolved}
}

// match returns the silence that mutes a message on the channel at now
// (loc: the country's time zone), or nil.
func (ix *silenceIndex) match(m silenced, channelNo string, now time.Time, loc *time.Location) *store.Silence {
	if ix == nil {
		return nil
	}
	for i := range ix.list {
		s := &ix.list[i]
		if s.err == nil && s.holds(m, channelNo, now, loc) {
			return &s.row
		}
	}
	return nil
}

func (s *liveSilence) holds(m silenced, channelNo string, now time.Time, loc *time.Location) bool {
	r := &s.row
	switch {
	case r.ExpiredAt != nil && !now.Before(*r.ExpiredAt),
		r.StartsAt != nil && now.Before(*r.StartsAt),
		r.EndsAt != nil && !now.Before(*r.EndsAt),
		m.resolve && r.NotifyResolved,
		!matches(r.InfoType, strconv.Itoa(m.infoType)), !matches(r.CountryNo, m.country),
		!matches(r.ChannelNo, channelNo), !matches(r.RuleNo, m.ruleNo):
		return false
	}
	if s.sched == nil {
		return true
	}
	_, _, ok := s.sched.Active(now, loc)
	return ok
}

func matches(matcher, value string) bool { return matcher == store.AnyMatch || matcher == value }

// mutedBy returns the silence that mutes every channel a message of the
// kind and level goes to ("" when a channel is left, or there is none).
func (ix *configIndex) mutedBy(m silenced, kind store.MessageKind, level int, now time.Time, loc *time.Location) string {
	l := store.SendLog{InfoType: new(m.infoType), CountryNo: new(m.country)}
	l.SetKind(kind)
	l.SetLevel(level)
	chans := ix.channelsOf(&l)
	first := ""
	for _, ch := range chans {
		s := ix.silences.match(m, str(ch.ChannelNo), now, loc)
		if s == nil {
			return ""
		}
		if first == "" {
			first = s.SilenceNo
		}
	}
	return first
}
