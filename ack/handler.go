package ack

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// MaxNameLength is the longest name the page accepts, in characters.
const MaxNameLength = 64

// maxFormBytes bounds a POST body: the form has a name and a duration.
const maxFormBytes = 8 << 10

// HandlerOption configures the handler NewHandler returns.
type HandlerOption func(*handler)

// WithUser sets how the handler learns the host's authenticated user: the
// name it returns is the one recorded, and the page shows it instead of
// asking. When it returns "" (or WithUser is not given), the page asks
// for a name. The name must fit Request.By's rules; one that does not is
// a fault of the host's and answered with 500.
func WithUser(user func(*http.Request) string) HandlerOption {
	return func(h *handler) { h.user = user }
}

// WithClock sets the clock links and durations are read with (time.Now by
// default).
func WithClock(now func() time.Time) HandlerOption {
	return func(h *handler) {
		if now != nil {
			h.now = now
		}
	}
}

// WithDurations sets the acknowledgement durations the page offers besides
// "until it resolves", which it always offers first and selects by
// default. Duplicates are dropped and the rest sorted. It panics on a
// duration that is not positive, as that is a mistake in the caller's
// code.
func WithDurations(ds ...time.Duration) HandlerOption {
	for _, d := range ds {
		if d <= 0 {
			panic(fmt.Sprintf("ack: WithDurations(%v): an acknowledgement duration must be positive", d))
		}
	}
	ds = slices.Clone(ds)
	slices.Sort(ds)
	ds = slices.Compact(ds)
	return func(h *handler) { h.durations = ds }
}

// WithLogger sets the logger (slog.Default() by default; nil logs
// nothing). The handler logs each acknowledgement (Info), each refused
// link or cross-origin request with the reason (Info), and each error of
// the Acknowledger (Error). It logs the request's path, never its query:
// the link's signature is a bearer token.
func WithLogger(l *slog.Logger) HandlerOption {
	return func(h *handler) {
		if l == nil {
			l = slog.New(slog.DiscardHandler)
		}
		h.log = l
	}
}

type handler struct {
	signer    *Signer
	ack       Acknowledger
	user      func(*http.Request) string
	now       func() time.Time
	durations []time.Duration
	log       *slog.Logger
	pages     *pages
}

// NewHandler returns the handler that serves links made by s and records
// acknowledgements with a. The host mounts it wherever s's base URL
// points, behind its own authentication if it has any.
//
//   - GET and HEAD of a valid link show a confirmation page with a form;
//     they never call a.
//   - POST of a valid link takes the name and duration from the form,
//     calls a.Acknowledge, and shows the outcome.
//   - Any other method is answered 405 with an Allow header.
//
// Cross-origin POSTs are refused with 403 by http.CrossOriginProtection,
// so another site cannot make a visitor's browser acknowledge. See the
// package documentation for every status.
//
// NewHandler panics if s or a is nil.
func NewHandler(s *Signer, a Acknowledger, opts ...HandlerOption) http.Handler {
	if s == nil || a == nil {
		panic("ack: NewHandler needs a Signer and an Acknowledger")
	}
	h := &handler{signer: s, ack: a, now: time.Now, log: slog.Default()}
	for _, o := range opts {
		o(h)
	}
	h.pages = newPages(h.log)
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.log.Info("ack: cross-origin request refused", "method", r.Method, "path", r.URL.Path,
			"origin", r.Header.Get("Origin"), "sec_fetch_site", r.Header.Get("Sec-Fetch-Site"))
		h.pages.message(w, r, http.StatusForbidden, msgCrossOrigin, nil)
	}))
	return cop.Handler(h)
}

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch r.Method {
	case http.MethodGet, http.MethodHead:
		h.confirm(w, r)
	case http.MethodPost:
		h.acknowledge(w, r)
	default:
		w.Header().Set("Allow", "GET, HEAD, POST")
		h.pages.message(w, r, http.StatusMethodNotAllowed, msgMethod, nil)
	}
}

// confirm shows the confirmation page.
func (h *handler) confirm(w http.ResponseWriter, r *http.Request) {
	t, ok := h.verify(w, r)
	if !ok {
		return
	}
	h.pages.confirm(w, r, http.StatusOK, t, h.userOf(r), "", "", problemNone, h.durations)
}

// acknowledge records the acknowledgement the form asks for.
func (h *handler) acknowledge(w http.ResponseWriter, r *http.Request) {
	t, ok := h.verify(w, r)
	if !ok {
		return
	}
	user := h.userOf(r)
	r.Body = http.MaxBytesReader(w, r.Body, maxFormBytes)
	if err := r.ParseForm(); err != nil {
		h.pages.confirm(w, r, http.StatusBadRequest, t, user, "", "", problemForm, h.durations)
		return
	}
	// The form's fields come from the body only; the link's from the URL.
	typed, choice := r.PostForm.Get("name"), r.PostForm.Get("duration")

	by := user
	if by == "" {
		var p problem
		if by, p = checkName(typed); p != problemNone {
			h.pages.confirm(w, r, http.StatusBadRequest, t, user, typed, choice, p, h.durations)
			return
		}
	} else if _, p := checkName(by); p != problemNone {
		h.log.Error("ack: the host's user name is unusable", "path", r.URL.Path, "reason", p.en())
		h.pages.message(w, r, http.StatusInternalServerError, msgFailed, &t)
		return
	}

	var d time.Duration
	if choice != "" {
		i := slices.IndexFunc(h.durations, func(d time.Duration) bool { return d.String() == choice })
		if i < 0 {
			h.pages.confirm(w, r, http.StatusBadRequest, t, user, typed, "", problemDuration, h.durations)
			return
		}
		d = h.durations[i]
	}

	req := Request{Target: t, By: by, Via: "link"}
	if d > 0 {
		req.Until = h.now().Add(d)
	}
	err := h.ack.Acknowledge(r.Context(), req)
	switch {
	case err == nil:
		h.log.Info("ack: alert acknowledged", "info_type", t.InfoType, "country", t.Country,
			"firing_since", t.FiringSince, "by", req.By, "until", req.Until)
		h.pages.done(w, r, req, d)
	case errors.Is(err, ErrAlreadyAcknowledged):
		h.pages.message(w, r, http.StatusConflict, msgAlready, &t)
	case errors.Is(err, ErrStale):
		h.pages.message(w, r, http.StatusGone, msgStale, &t)
	default:
		h.log.Error("ack: recording the acknowledgement failed", "path", r.URL.Path,
			"info_type", t.InfoType, "country", t.Country, "firing_since", t.FiringSince, "err", err)
		h.pages.message(w, r, http.StatusInternalServerError, msgFailed, &t)
	}
}

// verify checks the request's link; when it is not valid, it answers with
// 403 (forged) or 410 (expired) and returns false.
func (h *handler) verify(w http.ResponseWriter, r *http.Request) (Target, bool) {
	// url.ParseQuery, not r.URL.Query(), which drops malformed pairs
	// silently: a link with one is refused.
	q, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		err = fmt.Errorf("%w: malformed query", ErrForged)
	} else {
		var t Target
		if t, err = h.signer.Verify(q, h.now()); err == nil {
			return t, true
		}
	}
	h.log.Info("ack: link refused", "method", r.Method, "path", r.URL.Path, "reason", err)
	if errors.Is(err, ErrExpired) {
		h.pages.message(w, r, http.StatusGone, msgExpired, nil)
	} else {
		h.pages.message(w, r, http.StatusForbidden, msgForged, nil)
	}
	return Target{}, false
}

// userOf is the host's user for r, trimmed; "" if none.
func (h *handler) userOf(r *http.Request) string {
	if h.user == nil {
		return ""
	}
	return strings.TrimSpace(h.user(r))
}

// checkName trims a name and checks it is 1 to MaxNameLength characters of
// valid UTF-8 without control characters.
func checkName(s string) (string, problem) {
	s = strings.TrimSpace(s)
	switch {
	case s == "":
		return "", problemNameEmpty
	case !utf8.ValidString(s):
		return "", problemNameEncoding
	case utf8.RuneCountInString(s) > MaxNameLength:
		return "", problemNameLong
	case strings.ContainsFunc(s, unicode.IsControl):
		return "", problemNameControl
	}
	return s, problemNone
}
