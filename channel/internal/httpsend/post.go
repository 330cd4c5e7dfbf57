package httpsend

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
)

// MaxResponse is the most of a response body that is read: the robots
// answer with a few dozen bytes of JSON.
const MaxResponse = 64 << 10

// maxDrain is the most of the rest of a response body read and discarded so
// that the connection can be reused.
const maxDrain = 256 << 10

// UserAgent identifies the senders.
const UserAgent = "yujing-alert/1"

// Response is an HTTP response with its body read.
type Response struct {
	Status int
	Header http.Header
	// Body holds at most MaxResponse bytes.
	Body []byte
}

// OK reports whether the status is 2xx.
func (r *Response) OK() bool { return r.Status >= 200 && r.Status < 300 }

// PostJSON posts body as application/json with the given extra headers and
// reads at most MaxResponse bytes of the response.
func PostJSON(ctx context.Context, c *http.Client, url string, body []byte, header http.Header) (*Response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	for k, v := range header {
		req.Header[k] = v
	}
	req.Header.Set("Content-Type", "application/json; charset=utf-8")
	if req.Header.Get("User-Agent") == "" {
		req.Header.Set("User-Agent", UserAgent)
	}
	resp, err := c.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, MaxResponse))
	if err != nil {
		return nil, err
	}
	_, _ = io.CopyN(io.Discard, resp.Body, maxDrain)
	return &Response{Status: resp.StatusCode, Header: resp.Header, Body: b}, nil
}

// Marshal encodes v as JSON without escaping <, > and & (the robots read
// "<@userid>" and "<at …>" tags in the text) and without a trailing
// newline.
func Marshal(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}
