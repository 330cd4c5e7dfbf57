package s3

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/credentials"
	"github.com/minio/minio-go/v7/pkg/s3utils"

	"github.com/yujing-go/yujing/alert/report"
)

// Uploader stores report files in one bucket. It implements
// report.Uploader and is safe for concurrent use.
type Uploader struct {
	client  *minio.Client
	bucket  string
	prefix  string // "" or ending in "/"
	base    string // see Config.baseURL
	timeout time.Duration
	secrets []string // to scrub from error texts
}

var _ report.Uploader = (*Uploader)(nil)

// New checks c and returns an Uploader for it. It makes no request.
func New(c Config) (*Uploader, error) {
	if err := c.check(); err != nil {
		return nil, fmt.Errorf("s3: config: %w", err)
	}
	opts := &minio.Options{
		Creds:        credentials.NewStaticV4(c.AccessKey, c.SecretKey, ""),
		Secure:       c.Secure,
		Region:       c.Region,
		BucketLookup: minio.BucketLookupDNS,
		MaxRetries:   c.MaxRetries,
	}
	if c.PathStyle {
		opts.BucketLookup = minio.BucketLookupPath
	}
	var timeout time.Duration
	if c.HTTPClient != nil {
		opts.Transport = c.HTTPClient.Transport
		timeout = c.HTTPClient.Timeout
	}
	if opts.Transport == nil {
		t, err := minio.DefaultTransport(c.Secure)
		if err != nil {
			return nil, fmt.Errorf("s3: transport: %w", err)
		}
		opts.Transport = t
	}
	client, err := minio.New(c.Endpoint, opts)
	if err != nil {
		return nil, fmt.Errorf("s3: endpoint %q: %w", c.Endpoint, err)
	}
	u := &Uploader{
		client:  client,
		bucket:  c.Bucket,
		base:    c.baseURL(),
		timeout: timeout,
	}
	if p := strings.Trim(c.Prefix, "/"); p != "" {
		u.prefix = p + "/"
	}
	for _, s := range []string{c.AccessKey, c.SecretKey} {
		if s != "" {
			u.secrets = append(u.secrets, s)
		}
	}
	return u, nil
}

// Upload stores size bytes from the start of body as the object Prefix +
// key (replacing any object of that name) and returns its URL (see
// Config.PublicBaseURL). A URL longer than report.MaxURLLength is an error
// wrapping report.ErrURLTooLong, found before anything is sent. Files
// larger than 16 MiB go up in parts.
func (u *Uploader) Upload(ctx context.Context, key string, body io.ReadSeeker, size int64, contentType string) (string, error) {
	name, url, err := u.locate(key)
	if err != nil {
		return "", u.fail("upload", key, err)
	}
	if len(url) > report.MaxURLLength {
		return "", u.fail("upload", name, fmt.Errorf("%w (%d): %s", report.ErrURLTooLong, len(url), url))
	}
	if _, err := body.Seek(0, io.SeekStart); err != nil {
		return "", u.fail("upload", name, fmt.Errorf("rewind body: %w", err))
	}
	ctx, cancel := u.withTimeout(ctx)
	defer cancel()
	_, err = u.client.PutObject(ctx, u.bucket, name, body, size, minio.PutObjectOptions{ContentType: contentType})
	if err != nil {
		return "", u.fail("upload", name, err)
	}
	return url, nil
}

// Open reads the object Prefix + key. A missing object is an error
// wrapping report.ErrNotFound.
func (u *Uploader) Open(ctx context.Context, key string) (io.ReadCloser, error) {
	name, _, err := u.locate(key)
	if err != nil {
		return nil, u.fail("open", key, err)
	}
	ctx, cancel := u.withTimeout(ctx)
	obj, err := u.client.GetObject(ctx, u.bucket, name, minio.GetObjectOptions{})
	if err == nil {
		// The GET goes out on the first Read or Stat: make it now, so
		// that a missing object is an error of Open.
		_, err = obj.Stat()
	}
	if err != nil {
		if obj != nil {
			_ = obj.Close()
		}
		cancel()
		return nil, u.fail("open", name, err)
	}
	return &object{Object: obj, cancel: cancel}, nil
}

// locate returns the object name and URL of key.
func (u *Uploader) locate(key string) (name, url string, err error) {
	if err := report.CheckKey(key); err != nil {
		return "", "", err
	}
	name = u.prefix + key
	if len(name) > report.MaxKeyLength {
		return "", "", fmt.Errorf("%w %q: with the prefix, longer than %d bytes", report.ErrBadKey, key, report.MaxKeyLength)
	}
	return name, u.base + "/" + s3utils.EncodePath(name), nil
}

func (u *Uploader) withTimeout(ctx context.Context) (context.Context, context.CancelFunc) {
	if u.timeout > 0 {
		return context.WithTimeout(ctx, u.timeout)
	}
	return context.WithCancel(ctx)
}

// object is an opened object; closing it ends its request's context.
type object struct {
	*minio.Object
	cancel context.CancelFunc
}

func (o *object) Close() error {
	defer o.cancel()
	return o.Object.Close()
}
