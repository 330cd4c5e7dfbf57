// Package webhooktest is a webhook receiver for tests and examples: an
// httptest server that checks each request is a well-formed, correctly
// signed alert from the generic webhook channel, records it, and answers
// as the test says.
package webhooktest

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"time"

	"github.com/yujing-go/yujing/channel/webhook"
)

// Received is one delivery as the receiver got it.
type Received struct {
	Path           string
	IdempotencyKey string
	Payload        webhook.Payload
}

// Receiver records the deliveries it gets.
type Receiver struct {
	*httptest.Server
	secret string

	mu       sync.Mutex
	got      []Received
	answer   func(r Received, n int) Reply // how to answer the n-th delivery (1-based) of its key
	perKey   map[string]int
	problems []string
}

// New starts a receiver that checks signatures with secret ("" for none)
// and answers 200 until told otherwise.
func New(secret string) *Receiver {
	rc := &Receiver{secret: secret, perKey: map[string]int{}}
	rc.Server = httptest.NewServer(http.HandlerFunc(rc.serve))
	return rc
}

// Reply is how the receiver answers one delivery.
type Reply struct {
	Status     int           // HTTP status (200 when zero)
	RetryAfter string        // Retry-After header, when set
	Delay      time.Duration // wait this long before answering (a hanging server)
}

// Answer sets how the receiver answers: fn gets the delivery and how many
// times its idempotency key has arrived (1 the first time).
func (rc *Receiver) Answer(fn func(r Received, n int) Reply) {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	rc.answer = fn
}

func (rc *Receiver) serve(w http.ResponseWriter, req *http.Request) {
	body, err := io.ReadAll(req.Body)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	r := Received{Path: req.URL.Path, IdempotencyKey: req.Header.Get(webhook.HeaderIdempotencyKey)}
	problem := ""
	switch {
	case req.Method != http.MethodPost:
		problem = "method " + req.Method
	case req.Header.Get("Content-Type") != "application/json; charset=utf-8":
		problem = "content type " + req.Header.Get("Content-Type")
	case json.Unmarshal(body, &r.Payload) != nil:
		problem = "body is not a payload: " + string(body)
	case rc.secret != "" && !validSignature(rc.secret, req.Header.Get(webhook.HeaderTimestamp), body, req.Header.Get(webhook.HeaderSignature)):
		problem = "bad signature"
	}
	rc.mu.Lock()
	if problem != "" {
		rc.problems = append(rc.problems, problem)
		rc.mu.Unlock()
		http.Error(w, problem, http.StatusBadRequest)
		return
	}
	rc.perKey[r.IdempotencyKey]++
	n := rc.perKey[r.IdempotencyKey]
	reply := Reply{Status: http.StatusOK}
	if rc.answer != nil {
		reply = rc.answer(r, n)
	}
	if reply.Status == 0 {
		reply.Status = http.StatusOK
	}
	rc.mu.Unlock()
	if reply.Delay > 0 {
		select {
		case <-time.After(reply.Delay):
		case <-req.Context().Done():
			return // the sender gave up: not delivered
		}
	}
	if reply.Status >= 200 && reply.Status < 300 {
		rc.mu.Lock()
		rc.got = append(rc.got, r)
		rc.mu.Unlock()
	}
	if reply.RetryAfter != "" {
		w.Header().Set("Retry-After", reply.RetryAfter)
	}
	w.WriteHeader(reply.Status)
	fmt.Fprint(w, http.StatusText(reply.Status))
}

// validSignature recomputes the signature from the documented algorithm.
func validSignature(secret, ts string, body []byte, got string) bool {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte(ts + "." + string(body)))
	return hmac.Equal([]byte(got), []byte("sha256="+hex.EncodeToString(mac.Sum(nil))))
}

// Got returns the accepted deliveries so far.
func (rc *Receiver) Got() []Received {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	return append([]Received(nil), rc.got...)
}

// Accepted counts how many times each idempotency key was accepted.
func (rc *Receiver) Accepted() map[string]int {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	out := map[string]int{}
	for _, r := range rc.got {
		out[r.IdempotencyKey]++
	}
	return out
}

// Problems lists malformed requests the receiver refused.
func (rc *Receiver) Problems() []string {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	return append([]string(nil), rc.problems...)
}
