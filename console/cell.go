package console

import (
	"time"

	"github.com/yujing-go/yujing/alert"
	"github.com/yujing-go/yujing/store"
)

// cell is one scene × country of the overview.
type cell struct {
	InfoType    int
	Country     string
	State       string // a store.StateName; "" when there is no row
	Reason      string
	FiringSince *time.Time
	MutedBy     string // the silence that mutes it now
	Acked       bool
	AckBy       string
	AckUntil    *time.Time
	Trend       trend
	CanAck      bool // firing, not acknowledged, and the console may write
	Page        int  // the overview's page, to come back to
}

// Class is the cell's style: its state, or muted / acknowledged, which
// say more to the operator than the state they hold. A silence over a
// cell that is ok (or resolved) is noted in the cell, not its class.
func (c cell) Class() string {
	quiet := c.State == string(store.StateOK) || c.State == string(store.StateResolved)
	switch {
	case c.State == "":
		return "none"
	case c.MutedBy != "" && !quiet:
		return "muted"
	case c.Acked:
		return "acknowledged"
	}
	return c.State
}

// newCell reads a state (nil: no row) as the engine reads it: muted by a
// silence that mutes every channel, acknowledged while the ack holds.
func newCell(k store.StateKey, st *store.AlertState, m *alert.SilenceMatcher, t trend, now time.Time, page int, canWrite bool) cell {
	c := cell{InfoType: k.InfoType, Country: k.CountryNo, Trend: t, Page: page}
	if st == nil {
		return c
	}
	c.State, c.Reason = string(st.State), deref(st.Reason)
	if s := m.Muting(k.InfoType, k.CountryNo, deref(st.RuleNo), now); s != nil {
		c.MutedBy = s.SilenceNo
	}
	firing := st.State == store.StateFiring
	if firing {
		c.FiringSince = st.FiringSince
	}
	if firing && alert.Acknowledged(st, now) {
		c.Acked, c.AckBy, c.AckUntil = true, deref(st.AckBy), st.AckUntil
	}
	c.CanAck = canWrite && firing && !c.Acked && st.FiringSince != nil
	return c
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
