// Package channeltest helps the tests of package channel's senders: a fake
// HTTP service that records every request, building a sender's channel,
// checks that errors hold no secret, and a benchmark loop.
package channeltest

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/yujing-go/yujing/channel"
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

// AsError returns err as a *channel.Error, failing the test when it is not
// one.
func AsError(t testing.TB, err error) *channel.Error {
	t.Helper()
	e, ok := errors.AsType[*channel.Error](err)
	if !ok {
		t.Fatalf("error %v is not a *channel.Error", err)
	}
	return e
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

// BenchSend benchmarks sending msg with s, and reports the rate in msgs/s.
func BenchSend(b *testing.B, s channel.Sender, msg channel.Message) {
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if err := s.Send(ctx, msg); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "msgs/s")
}

// Channel is the channel a sender package's tests build: its type, the
// name and factory the type is registered with, and its number.
type Channel struct {
	Type    int
	Name    string
	Factory channel.Factory
	No      string
}

// Registry returns a registry made with opts where c's type is registered.
func (c Channel) Registry(t testing.TB, opts ...channel.RegistryOption) *channel.Registry {
	t.Helper()
	r := channel.NewRegistry(opts...)
	if err := r.Register(c.Type, c.Name, c.Factory); err != nil {
		t.Fatal(err)
	}
	return r
}

// Build builds channel c with details in a registry made with opts.
func (c Channel) Build(t testing.TB, details map[string]string, opts ...channel.RegistryOption) channel.Built {
	t.Helper()
	b, err := c.Registry(t, opts...).Build(channel.Spec{No: c.No, Type: c.Type, Details: details})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// ConfigError is a channel's details and the error building them returns.
type ConfigError struct {
	Details map[string]string
	Want    string
}

// ConfigErrors builds channel c with each case's details in a registry
// without options, and fails the test unless the error reads the case's
// Want. It returns the errors, in the order of the cases.
func (c Channel) ConfigErrors(t testing.TB, cases []ConfigError) []error {
	t.Helper()
	r := c.Registry(t)
	errs := make([]error, len(cases))
	for i, tc := range cases {
		_, err := r.Build(channel.Spec{No: c.No, Type: c.Type, Details: tc.Details})
		if err == nil || err.Error() != tc.Want {
			t.Errorf("Build(%v) = %v, want %s", tc.Details, err, tc.Want)
		}
		errs[i] = err
	}
	return errs
}

// Retryable fails the test unless err, the error of what, is retryable and
// holds none of secrets.
func Retryable(t testing.TB, err error, what string, secrets ...string) {
	t.Helper()
	if !channel.IsRetryable(err) {
		t.Errorf("%s not retryable: %v", what, err)
	}
	NoSecrets(t, err.Error(), secrets...)
}

// StatusErrors sends through send to a service that answers each status of
// retryable with a body that is not the service's, and fails the test
// unless the error is a *channel.Error with code "HTTP <status>", retryable
// as retryable says.
func StatusErrors(t testing.TB, retryable map[int]bool, send func(baseURL string) error) {
	t.Helper()
	for status, want := range retryable {
		err := send(NewServer(t, JSON(status, `oops`)).URL)
		if e, ok := errors.AsType[*channel.Error](err); !ok || e.Retryable != want || e.Code != "HTTP "+strconv.Itoa(status) {
			t.Errorf("HTTP %d: got %v, want retryable %v", status, err, want)
		}
	}
}

// ErrorsHoldNoSecret sends through send to a service that answers with
// echo, then to one that is not listening: both fail, the second
// retryably, and neither error holds any of secrets.
func ErrorsHoldNoSecret(t testing.TB, echo http.HandlerFunc, send func(baseURL string) error, secrets ...string) {
	t.Helper()
	err := send(NewServer(t, echo).URL)
	if err == nil {
		t.Fatal("no error")
	}
	NoSecrets(t, err.Error(), secrets...)
	Retryable(t, send(ClosedURL(t)), "network error", secrets...)
}
