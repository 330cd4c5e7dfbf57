package slack

import (
	"io"
	"net/http"

	"github.com/yujing-go/yujing/channel/internal/httpsend"
)

// limitBodies returns a copy of c whose responses' bodies end after
// httpsend.MaxResponse bytes: slack-go reads them whole.
func limitBodies(c *http.Client) *http.Client {
	rt := c.Transport
	if rt == nil {
		rt = http.DefaultTransport
	}
	limited := *c
	limited.Transport = limitedTransport{rt}
	return &limited
}

type limitedTransport struct{ rt http.RoundTripper }

// RoundTrip sends req and bounds the body of its response.
func (t limitedTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := t.rt.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	resp.Body = limitedBody{Reader: io.LimitReader(resp.Body, httpsend.MaxResponse), Closer: resp.Body}
	return resp, nil
}

type limitedBody struct {
	io.Reader
	io.Closer
}
