package ops_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/yujing-go/yujing/alert"
	"github.com/yujing-go/yujing/internal/testclock"
	"github.com/yujing-go/yujing/ops"
	"github.com/yujing-go/yujing/store"
)

// testNow is the time of every test message.
var testNow = time.Date(2026, 12, 1, 9, 30, 0, 0, time.UTC)

// kit is a toolkit on db with an engine whose log the test reads.
type kit struct {
	*ops.Toolkit
	engine *alert.Engine
	db     *store.DB
	logs   *syncBuffer
}

func newKit(t *testing.T, db *store.DB, opts ...alert.Option) *kit {
	t.Helper()
	logs := &syncBuffer{}
	log := slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	clock := testclock.New(testNow)
	e, err := alert.New(append([]alert.Option{alert.WithStore(db), alert.WithLogger(log), alert.WithClock(clock.Now)}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return &kit{Toolkit: ops.New(e, db, ops.WithClock(clock.Now)), engine: e, db: db, logs: logs}
}

// save creates a channel with the engine's checks and returns its code.
func (k *kit) save(t *testing.T, name string, typ store.ChannelType, details map[string]string) string {
	t.Helper()
	ch, err := k.engine.Config(k.db, store.AsUser("test")).CreateChannel(context.Background(),
		store.Channel{ChannelName: new(name), Type: new(typ)}, detailRows(details))
	if err != nil {
		t.Fatal(err)
	}
	return *ch.ChannelNo
}

func detailRows(details map[string]string) []store.ChannelDetail {
	var out []store.ChannelDetail
	for k, v := range details {
		out = append(out, store.ChannelDetail{DataKey: new(k), DataValue: new(v)})
	}
	return out
}

// noSecret fails the test when a secret is in the result (as JSON) or
// in the engine's log.
func (k *kit) noSecret(t *testing.T, r any, secrets ...string) {
	t.Helper()
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range secrets {
		if strings.Contains(string(b), s) {
			t.Errorf("the secret %q is in the result: %s", s, b)
		}
		if strings.Contains(k.logs.String(), s) {
			t.Errorf("the secret %q is in the log:\n%s", s, k.logs.String())
		}
	}
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// robot is a chat robot's API served by httptest: it records the requests
// it gets and answers as the test says.
type robot struct {
	*httptest.Server
	mu     sync.Mutex
	got    []request
	answer reply
}

type request struct {
	Path, Query string
	Body        []byte
}

type reply struct {
	Status     int
	Body       string
	RetryAfter string
}

func newRobot(t *testing.T, ok string) *robot {
	r := &robot{answer: reply{Status: http.StatusOK, Body: ok}}
	r.Server = httptest.NewServer(http.HandlerFunc(r.serve))
	t.Cleanup(r.Close)
	return r
}

func (r *robot) serve(w http.ResponseWriter, req *http.Request) {
	body, _ := io.ReadAll(req.Body)
	r.mu.Lock()
	r.got = append(r.got, request{Path: req.URL.Path, Query: req.URL.RawQuery, Body: body})
	a := r.answer
	r.mu.Unlock()
	if a.RetryAfter != "" {
		w.Header().Set("Retry-After", a.RetryAfter)
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(a.Status)
	_, _ = io.WriteString(w, a.Body)
}

func (r *robot) answerWith(a reply) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.answer = a
}

func (r *robot) requests() []request {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]request(nil), r.got...)
}

// text is the request's JSON body with its strings unescaped, to search.
func (q request) text(t *testing.T) string {
	t.Helper()
	var v any
	if err := json.Unmarshal(q.Body, &v); err != nil {
		t.Fatalf("body is not JSON: %v: %s", err, q.Body)
	}
	var b strings.Builder
	var walk func(any)
	walk = func(v any) {
		switch x := v.(type) {
		case string:
			b.WriteString(x + "\n")
		case map[string]any:
			for _, e := range x {
				walk(e)
			}
		case []any:
			for _, e := range x {
				walk(e)
			}
		}
	}
	walk(v)
	return b.String()
}
