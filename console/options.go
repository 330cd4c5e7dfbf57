package console

import (
	"errors"
	"log/slog"
	"net/http"
	"time"

	"github.com/yujing-go/yujing/ack"
)

// Option configures the console New returns.
type Option func(*settings) error

// settings are what the options set.
type settings struct {
	user      func(*http.Request) string
	userSet   bool
	readOnly  bool
	lang      Lang
	signer    *ack.Signer
	ackDurs   []time.Duration
	log       *slog.Logger
	refresh   time.Duration
	pageSize  int
	trendSize int
}

// DefaultUser is the name the console writes into the rows it changes
// when the host gives no WithUser.
const DefaultUser = "console"

// WithUser sets how the console names the host's authenticated user: the
// name is written to every row it changes (created_by, expired_by, ack_by
// and the audit's actor). It must return 1 to 64 characters; a request
// for which it returns "" is answered 403 on every write. Without it
// every change is made as DefaultUser, and the acknowledgement page of a
// link asks for a name.
func WithUser(user func(*http.Request) string) Option {
	return func(s *settings) error {
		if user == nil {
			return errors.New("console: WithUser needs a function")
		}
		s.user, s.userSet = user, true
		return nil
	}
}

// ReadOnly makes the console show no write form and refuse every write
// (a silence, an expiry, an acknowledgement, a link's confirmation) with
// 403 Forbidden.
func ReadOnly() Option {
	return func(s *settings) error { s.readOnly = true; return nil }
}

// WithLanguage sets the language of a visitor who has chosen none
// (English by default). A visitor switches with ?lang=en or ?lang=zh,
// which a cookie remembers.
func WithLanguage(l Lang) Option {
	return func(s *settings) error {
		if !l.valid() {
			return errors.New("console: WithLanguage: unknown language " + string(l))
		}
		s.lang = l
		return nil
	}
}

// WithAckLinks serves the signed acknowledgement links of s (the signer
// given to the engine with alert.WithAckLinks) at the console's path
// "ack": the signer's base URL must be the console's address followed by
// "/ack". durations are the lengths the link's page offers besides "until
// it resolves" (see ack.WithDurations).
func WithAckLinks(s *ack.Signer, durations ...time.Duration) Option {
	return func(st *settings) error {
		if s == nil {
			return errors.New("console: WithAckLinks needs a signer")
		}
		for _, d := range durations {
			if d <= 0 {
				return errors.New("console: WithAckLinks: a duration must be positive")
			}
		}
		st.signer, st.ackDurs = s, durations
		return nil
	}
}

// WithLogger sets the logger (slog.Default() by default). The console logs
// every change it makes (Info), every refused write (Info) and every
// failure of the database (Error).
func WithLogger(l *slog.Logger) Option {
	return func(s *settings) error {
		if l == nil {
			l = slog.New(slog.DiscardHandler)
		}
		s.log = l
		return nil
	}
}

// WithRefresh sets how often the overview reloads itself (30 s by
// default; 0: never). It works without JavaScript (a meta refresh).
func WithRefresh(d time.Duration) Option {
	return func(s *settings) error {
		if d < 0 {
			return errors.New("console: WithRefresh: a negative interval")
		}
		s.refresh = d
		return nil
	}
}

// WithPageSize sets how many countries the overview shows on one page and
// how many rows a list shows (25 by default, at most 500).
func WithPageSize(n int) Option {
	return func(s *settings) error {
		if n < 1 || n > 500 {
			return errors.New("console: WithPageSize: 1 to 500")
		}
		s.pageSize = n
		return nil
	}
}

// WithTrend sets how many recent windows the overview's trend draws (12
// by default, 2 to 60).
func WithTrend(windows int) Option {
	return func(s *settings) error {
		if windows < 2 || windows > 60 {
			return errors.New("console: WithTrend: 2 to 60 windows")
		}
		s.trendSize = windows
		return nil
	}
}
