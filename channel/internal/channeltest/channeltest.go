// Package channeltest helps the tests of package channel's senders: a fake
// HTTP service that records every request, and checks that errors hold no
// secret.
package channeltest

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
)

// Request is a request the fake service received.
type Request struct {
	Method   string
	Path     string // decoded
	RawPath  string // as sent (EscapedPath)
	RawQuery string
	Query    url.Values
	Header   http.Header
	Body     []byte
}

// Server is a fake HTTP service.
type Server struct {
	*httptest.Server
	mu       sync.Mutex
	requests []Request
	handler  http.HandlerFunc
}

// NewServer starts a fake service that records each request and then lets
// respond answer it. The server is closed when the test ends.
func NewServer(t testing.TB, respond http.HandlerFunc) *Server {
	t.Helper()
	s := &Server{handler: respond}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.Close)
	return s
}

// JSON returns a handler that answers status with body as JSON.
func JSON(status int, body string) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_, _ = io.WriteString(w, body)
	}
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	s.mu.Lock()
	s.requests = append(s.requests, Request{
		Method:   r.Method,
		Path:     r.URL.Path,
		RawPath:  r.URL.EscapedPath(),
		RawQuery: r.URL.RawQuery,
		Query:    r.URL.Query(),
		Header:   r.Header.Clone(),
		Body:     body,
	})
	s.mu.Unlock()
	s.handler(w, r)
}

// Requests returns the requests received so far.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.requests...)
}

// Only returns the one request received, failing the test when there were
// none or several.
func (s *Server) Only(t testing.TB) Request {
	t.Helper()
	reqs := s.Requests()
	if len(reqs) != 1 {
		t.Fatalf("server got %d requests, want 1", len(reqs))
	}
	return reqs[0]
}

// ClosedURL returns the URL of a server that is no longer listening: a
// request to it fails with a network error.
func ClosedURL(t testing.TB) string {
	t.Helper()
	s := httptest.NewServer(http.NotFoundHandler())
	u := s.URL
	s.Close()
	return u
}

// NoSecrets fails the test when text contains any of secrets.
func NoSecrets(t testing.TB, text string, secrets ...string) {
	t.Helper()
	for _, s := range secrets {
		if s == "" {
			continue
		}
		if strings.Contains(text, s) {
			t.Errorf("text leaks a secret %q:\n%s", s, text)
		}
		if q := url.QueryEscape(s); strings.Contains(text, q) {
			t.Errorf("text leaks a secret (query-escaped) %q:\n%s", q, text)
		}
	}
}

// EqualBody fails the test when got is not exactly want.
func EqualBody(t testing.TB, got []byte, want string) {
	t.Helper()
	if string(got) != want {
		t.Errorf("body:\n got %s\nwant %s", got, want)
	}
}

// NewBenchServer starts a service for benchmarks that answers every request
// with status 200 and body, without recording anything.
func NewBenchServer(t testing.TB, body string) *httptest.Server {
	t.Helper()
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, body)
	}))
	t.Cleanup(s.Close)
	return s
}
