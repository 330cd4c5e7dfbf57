package s3_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/johannesboyne/gofakes3"
	"github.com/johannesboyne/gofakes3/backend/s3mem"

	"github.com/yujing-go/yujing/alert/report"
	"github.com/yujing-go/yujing/alert/report/s3"
)

const (
	bucket    = "reports"
	accessKey = "AKIATESTACCESSKEY01"
	secretKey = "tEsTsEcReTkEy/0123456789abcdefghijKLMNOP"
	key       = "reports/0/PH/20261124T0000Z-20261125T0000Z-G1.xlsx"
)

// fakeS3 runs an in-memory S3 service over https with the bucket
// "reports". (Over plain http minio-go signs bodies in aws-chunked
// encoding, which gofakes3 does not decode for the parts of a multipart
// upload; over https it sends them as they are.)
func fakeS3(t *testing.T, opts ...gofakes3.Option) (*httptest.Server, *s3mem.Backend) {
	t.Helper()
	backend := s3mem.New()
	if err := backend.CreateBucket(bucket); err != nil {
		t.Fatal(err)
	}
	opts = append(opts, gofakes3.WithLogger(gofakes3.DiscardLog()))
	srv := httptest.NewTLSServer(gofakes3.New(backend, opts...).Server())
	t.Cleanup(srv.Close)
	return srv, backend
}

// pathStyle configures an Uploader for srv (https or http).
func pathStyle(srv *httptest.Server) s3.Config {
	u, _ := url.Parse(srv.URL)
	return s3.Config{
		Endpoint:   u.Host,
		Secure:     u.Scheme == "https",
		Region:     "us-east-1",
		Bucket:     bucket,
		AccessKey:  accessKey,
		SecretKey:  secretKey,
		PathStyle:  true,
		HTTPClient: srv.Client(),
		MaxRetries: 1,
	}
}

func newUploader(t *testing.T, c s3.Config) *s3.Uploader {
	t.Helper()
	u, err := s3.New(c)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func upload(t *testing.T, u report.Uploader, key, body string) string {
	t.Helper()
	url, err := u.Upload(context.Background(), key, strings.NewReader(body), int64(len(body)), report.ContentType)
	if err != nil {
		t.Fatalf("Upload: %v", err)
	}
	return url
}

func read(t *testing.T, u report.Uploader, key string) string {
	t.Helper()
	rc, err := u.Open(context.Background(), key)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	defer rc.Close()
	b, err := io.ReadAll(rc)
	if err != nil {
		t.Fatalf("read: %v", err)
	}
	return string(b)
}

func TestUploadOverwriteOpen(t *testing.T) {
	srv, backend := fakeS3(t)
	u := newUploader(t, pathStyle(srv))

	url := upload(t, u, key, "first")
	if want := srv.URL + "/" + bucket + "/" + key; url != want {
		t.Errorf("URL = %q, want %q", url, want)
	}
	if got := read(t, u, key); got != "first" {
		t.Errorf("read %q, want first", got)
	}
	if url2 := upload(t, u, key, "second, longer"); url2 != url {
		t.Errorf("URL after overwrite = %q, want %q", url2, url)
	}
	if got := read(t, u, key); got != "second, longer" {
		t.Errorf("read %q after overwrite", got)
	}
	list, err := backend.ListBucket(bucket, nil, gofakes3.ListBucketPage{})
	if err != nil {
		t.Fatal(err)
	}
	if len(list.Contents) != 1 || list.Contents[0].Key != key {
		t.Errorf("bucket holds %d objects (%+v), want the one %q", len(list.Contents), list.Contents, key)
	}
	obj, err := backend.HeadObject(bucket, key)
	if err != nil {
		t.Fatal(err)
	}
	if ct := obj.Metadata["Content-Type"]; ct != report.ContentType {
		t.Errorf("Content-Type = %q", ct)
	}
}

func TestPlainHTTP(t *testing.T) {
	backend := s3mem.New()
	if err := backend.CreateBucket(bucket); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(gofakes3.New(backend, gofakes3.WithLogger(gofakes3.DiscardLog())).Server())
	t.Cleanup(srv.Close)
	u := newUploader(t, pathStyle(srv))
	if url, want := upload(t, u, key, "plain"), srv.URL+"/"+bucket+"/"+key; url != want {
		t.Errorf("URL = %q, want %q", url, want)
	}
	if got := read(t, u, key); got != "plain" {
		t.Errorf("read %q", got)
	}
}

func TestUploadRewindsBody(t *testing.T) {
	srv, _ := fakeS3(t)
	u := newUploader(t, pathStyle(srv))
	body := strings.NewReader("whole file")
	if _, err := io.Copy(io.Discard, body); err != nil { // as after writing it
		t.Fatal(err)
	}
	if _, err := u.Upload(context.Background(), key, body, body.Size(), report.ContentType); err != nil {
		t.Fatal(err)
	}
	if got := read(t, u, key); got != "whole file" {
		t.Errorf("read %q", got)
	}
}

func TestUploadLarge(t *testing.T) {
	// Past 16 MiB minio-go uploads in parts.
	srv, _ := fakeS3(t)
	u := newUploader(t, pathStyle(srv))
	body := bytes.Repeat([]byte("0123456789abcdef"), (17<<20)/16)
	if _, err := u.Upload(context.Background(), key, bytes.NewReader(body), int64(len(body)), report.ContentType); err != nil {
		t.Fatal(err)
	}
	if got := read(t, u, key); got != string(body) {
		t.Errorf("read %d bytes, want %d, same content", len(got), len(body))
	}
}

func TestPrefix(t *testing.T) {
	srv, backend := fakeS3(t)
	c := pathStyle(srv)
	c.Prefix = "/yujing/prod/"
	u := newUploader(t, c)
	url := upload(t, u, key, "x")
	if want := srv.URL + "/" + bucket + "/yujing/prod/" + key; url != want {
		t.Errorf("URL = %q, want %q", url, want)
	}
	if _, err := backend.HeadObject(bucket, "yujing/prod/"+key); err != nil {
		t.Errorf("object not under the prefix: %v", err)
	}
	if got := read(t, u, key); got != "x" {
		t.Errorf("read %q", got)
	}
}

func TestVirtualHostStyle(t *testing.T) {
	// As on Alibaba OSS: the bucket in the host name. Every connection goes
	// to the fake server, whatever host the client asks for.
	srv, backend := fakeS3(t, gofakes3.WithHostBucket(true))
	addr := srv.Listener.Addr().String()
	var hosts []string
	c := pathStyle(srv)
	c.Endpoint = "oss-cn-hangzhou.aliyuncs.test"
	c.PathStyle = false
	c.Region = "cn-hangzhou"
	tr := srv.Client().Transport.(*http.Transport).Clone()
	tr.DialContext = func(ctx context.Context, network, host string) (net.Conn, error) {
		hosts = append(hosts, host)
		return (&net.Dialer{}).DialContext(ctx, network, addr)
	}
	tr.TLSClientConfig.ServerName = "example.com" // in httptest's certificate
	c.HTTPClient = &http.Client{Transport: tr}
	u := newUploader(t, c)
	url := upload(t, u, key, "oss")
	if want := "https://reports.oss-cn-hangzhou.aliyuncs.test/" + key; url != want {
		t.Errorf("URL = %q, want %q", url, want)
	}
	if len(hosts) == 0 || hosts[0] != "reports.oss-cn-hangzhou.aliyuncs.test:443" {
		t.Errorf("dialled %q, want the bucket's virtual host", hosts)
	}
	if _, err := backend.HeadObject(bucket, key); err != nil {
		t.Errorf("object not stored: %v", err)
	}
	if got := read(t, u, key); got != "oss" {
		t.Errorf("read %q", got)
	}
}

func TestPublicBaseURL(t *testing.T) {
	srv, _ := fakeS3(t)
	c := pathStyle(srv)
	c.PublicBaseURL = "https://cdn.example.com/files/"
	c.Prefix = "yujing"
	u := newUploader(t, c)
	url := upload(t, u, "reports/0/a b+c.xlsx", "x")
	if want := "https://cdn.example.com/files/yujing/reports/0/a%20b%2Bc.xlsx"; url != want {
		t.Errorf("URL = %q, want %q", url, want)
	}
}

func TestURLTooLong(t *testing.T) {
	srv, backend := fakeS3(t)
	c := pathStyle(srv)
	c.PublicBaseURL = "https://cdn.example.com/" + strings.Repeat("x", 200)
	u := newUploader(t, c)
	_, err := u.Upload(context.Background(), key, strings.NewReader("x"), 1, report.ContentType)
	if !errors.Is(err, report.ErrURLTooLong) {
		t.Fatalf("err = %v, want ErrURLTooLong", err)
	}
	if _, err := backend.HeadObject(bucket, key); err == nil {
		t.Error("a file whose URL is too long was stored")
	}
}

func TestOpenMissing(t *testing.T) {
	srv, _ := fakeS3(t)
	u := newUploader(t, pathStyle(srv))
	_, err := u.Open(context.Background(), "reports/none.xlsx")
	if !errors.Is(err, report.ErrNotFound) {
		t.Fatalf("err = %v, want ErrNotFound", err)
	}
	if !strings.Contains(err.Error(), "reports/none.xlsx") || !strings.Contains(err.Error(), bucket) {
		t.Errorf("error %q does not name the object and bucket", err)
	}
}

func TestMissingBucket(t *testing.T) {
	srv, _ := fakeS3(t)
	c := pathStyle(srv)
	c.Bucket = "no-such-bucket"
	u := newUploader(t, c)
	_, err := u.Upload(context.Background(), key, strings.NewReader("x"), 1, report.ContentType)
	if err == nil {
		t.Fatal("upload to a missing bucket succeeded")
	}
	for _, want := range []string{"no-such-bucket", "bucket does not exist", "NoSuchBucket", key} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not say %q", err, want)
		}
	}
	noSecrets(t, err)
}

func TestBadCredentials(t *testing.T) {
	// gofakes3 does not check signatures: a server that refuses every
	// request stands in for a service that rejects the credentials. Its
	// body echoes the Authorization header (access key, signature), as a
	// careless server might.
	var signatures []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, sig, ok := strings.Cut(r.Header.Get("Authorization"), "Signature="); ok {
			signatures = append(signatures, sig)
		}
		w.Header().Set("Content-Type", "application/xml")
		w.WriteHeader(http.StatusForbidden)
		io.WriteString(w, `<?xml version="1.0" encoding="UTF-8"?><Error><Code>SignatureDoesNotMatch</Code>`+
			`<Message>signature mismatch for `+r.Header.Get("Authorization")+` `+secretKey+`</Message>`+
			`<Resource>`+r.URL.Path+`</Resource><RequestId>1</RequestId></Error>`)
	}))
	t.Cleanup(srv.Close)
	u := newUploader(t, pathStyle(srv))

	_, err := u.Upload(context.Background(), key, strings.NewReader("x"), 1, report.ContentType)
	if err == nil {
		t.Fatal("upload with refused credentials succeeded")
	}
	for _, want := range []string{"SignatureDoesNotMatch", "403", bucket, key} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not say %q", err, want)
		}
	}
	noSecrets(t, err, signatures...)

	_, err = u.Open(context.Background(), key)
	if err == nil {
		t.Fatal("open with refused credentials succeeded")
	}
	if errors.Is(err, report.ErrNotFound) {
		t.Errorf("refused open is ErrNotFound: %v", err)
	}
	if len(signatures) < 2 {
		t.Fatalf("saw %d signed requests", len(signatures))
	}
	noSecrets(t, err, signatures...)
}

// noSecrets fails if err's text holds the keys or one of the signatures.
func noSecrets(t *testing.T, err error, signatures ...string) {
	t.Helper()
	for _, s := range append([]string{secretKey, accessKey}, signatures...) {
		if strings.Contains(err.Error(), s) {
			t.Errorf("error text holds a secret (%q): %s", s[:4]+"…", err)
		}
	}
}

func TestTimeout(t *testing.T) {
	// A server that never answers: HTTPClient.Timeout ends the upload.
	block := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-block:
		}
	}))
	t.Cleanup(func() { close(block); srv.Close() })
	c := pathStyle(srv)
	c.HTTPClient = &http.Client{Timeout: 50 * time.Millisecond}
	u := newUploader(t, c)
	_, err := u.Upload(context.Background(), key, strings.NewReader("x"), 1, report.ContentType)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want a deadline", err)
	}
}

func TestCancelled(t *testing.T) {
	srv, backend := fakeS3(t)
	u := newUploader(t, pathStyle(srv))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := u.Upload(ctx, key, strings.NewReader("x"), 1, report.ContentType); !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want Canceled", err)
	}
	if _, err := backend.HeadObject(bucket, key); err == nil {
		t.Error("a cancelled upload was stored")
	}
}

func TestBadKey(t *testing.T) {
	srv, _ := fakeS3(t)
	u := newUploader(t, pathStyle(srv))
	for _, k := range []string{"", "/abs.xlsx", "a/../b.xlsx", "a//b.xlsx", `a\b.xlsx`} {
		if _, err := u.Upload(context.Background(), k, strings.NewReader("x"), 1, report.ContentType); !errors.Is(err, report.ErrBadKey) {
			t.Errorf("Upload(%q): err = %v, want ErrBadKey", k, err)
		}
		if _, err := u.Open(context.Background(), k); !errors.Is(err, report.ErrBadKey) {
			t.Errorf("Open(%q): err = %v, want ErrBadKey", k, err)
		}
	}
}

func TestConfigErrors(t *testing.T) {
	ok := s3.Config{Endpoint: "minio.local:9000", Bucket: bucket, AccessKey: accessKey, SecretKey: secretKey}
	for name, edit := range map[string]func(*s3.Config){
		"no endpoint":    func(c *s3.Config) { c.Endpoint = "" },
		"scheme":         func(c *s3.Config) { c.Endpoint = "https://s3.amazonaws.com" },
		"path":           func(c *s3.Config) { c.Endpoint = "s3.amazonaws.com/bucket" },
		"no bucket":      func(c *s3.Config) { c.Bucket = "" },
		"half creds":     func(c *s3.Config) { c.AccessKey = "" },
		"bad prefix":     func(c *s3.Config) { c.Prefix = "a/../b" },
		"bad public URL": func(c *s3.Config) { c.PublicBaseURL = "cdn.example.com" },
		"negative tries": func(c *s3.Config) { c.MaxRetries = -1 },
	} {
		c := ok
		edit(&c)
		_, err := s3.New(c)
		if err == nil {
			t.Errorf("%s: New accepted %+v", name, c)
			continue
		}
		if strings.Contains(err.Error(), secretKey) {
			t.Errorf("%s: error holds the secret key", name)
		}
	}
	if _, err := s3.New(ok); err != nil {
		t.Errorf("New(valid): %v", err)
	}
	anon := ok
	anon.AccessKey, anon.SecretKey = "", ""
	if _, err := s3.New(anon); err != nil {
		t.Errorf("New(anonymous): %v", err)
	}
}

func TestObjectURLDefaultPort(t *testing.T) {
	for _, tc := range []struct {
		c    s3.Config
		want string
	}{
		{s3.Config{Endpoint: "oss-cn-hangzhou.aliyuncs.com", Secure: true}, "https://reports.oss-cn-hangzhou.aliyuncs.com/k.xlsx"},
		{s3.Config{Endpoint: "s3.amazonaws.com:443", Secure: true}, "https://reports.s3.amazonaws.com/k.xlsx"},
		{s3.Config{Endpoint: "minio.local:9000", PathStyle: true}, "http://minio.local:9000/reports/k.xlsx"},
		{s3.Config{Endpoint: "minio.local:80", PathStyle: true}, "http://minio.local/reports/k.xlsx"},
	} {
		// The endpoint's host does not exist: a transport takes every
		// request to the fake service.
		srv, _ := fakeS3(t, gofakes3.WithHostBucket(!tc.c.PathStyle))
		tc.c.Bucket, tc.c.Region, tc.c.MaxRetries = bucket, "us-east-1", 1
		tc.c.HTTPClient = &http.Client{Transport: redirect(srv)}
		u := newUploader(t, tc.c)
		if got := upload(t, u, "k.xlsx", "x"); got != tc.want {
			t.Errorf("%+v: URL = %q, want %q", tc.c, got, tc.want)
		}
	}
}

// redirect sends every request to srv, whatever its URL.
func redirect(srv *httptest.Server) http.RoundTripper {
	target, _ := url.Parse(srv.URL)
	tr := srv.Client().Transport
	return roundTripper(func(r *http.Request) (*http.Response, error) {
		r = r.Clone(r.Context())
		r.URL.Scheme, r.URL.Host = target.Scheme, target.Host
		return tr.RoundTrip(r)
	})
}

type roundTripper func(*http.Request) (*http.Response, error)

func (f roundTripper) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }
