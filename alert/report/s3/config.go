package s3

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"

	"github.com/yujing-go/yujing/alert/report"
)

// Config says where and how to store report files.
type Config struct {
	// Endpoint is the service's host[:port], without a scheme, e.g.
	// "oss-cn-hangzhou.aliyuncs.com", "s3.amazonaws.com",
	// "minio.local:9000".
	Endpoint string
	// Secure uses https.
	Secure bool
	// Region is the bucket's region, e.g. "cn-hangzhou", "us-east-1". Set
	// it: when empty, minio-go guesses it from an AWS endpoint or asks the
	// service with an extra request.
	Region string
	// Bucket is the bucket's name.
	Bucket string
	// AccessKey and SecretKey sign the requests; both empty means
	// anonymous requests.
	AccessKey, SecretKey string
	// PathStyle addresses the bucket in the path (host/bucket/key), as
	// MinIO and tests want; otherwise virtual-host style
	// (bucket.host/key), which Alibaba OSS requires.
	PathStyle bool
	// Prefix is put before every key (a "/" joins them), e.g. "yujing".
	Prefix string
	// PublicBaseURL, when set, is where the bucket's root is served (a
	// CDN, a public bucket's domain, a download endpoint of the host): a
	// file's URL is PublicBaseURL + "/" + Prefix + "/" + key. Otherwise it
	// is the object's URL on the endpoint.
	PublicBaseURL string
	// HTTPClient, when set, gives the transport (proxies, TLS, dial
	// timeouts) and, through its Timeout, a limit on each Upload and on
	// each Open until its reader is closed. Its Jar and CheckRedirect are
	// not used (minio-go needs its own).
	HTTPClient *http.Client
	// MaxRetries is how many times minio-go tries a request that failed
	// in a way worth retrying (network, 5xx, throttling); 0 means its
	// default (10). The engine retries failed uploads on its own too.
	MaxRetries int
}

// check reports what is wrong with c.
func (c Config) check() error {
	var errs []error
	switch {
	case c.Endpoint == "":
		errs = append(errs, errors.New("no endpoint"))
	case strings.Contains(c.Endpoint, "://") || strings.ContainsAny(c.Endpoint, "/?#@"):
		errs = append(errs, fmt.Errorf("endpoint %q is not host[:port] (no scheme or path; use Secure for https)", c.Endpoint))
	}
	if c.Bucket == "" {
		errs = append(errs, errors.New("no bucket"))
	}
	if (c.AccessKey == "") != (c.SecretKey == "") {
		errs = append(errs, errors.New("access key and secret key must be set together"))
	}
	if p := strings.Trim(c.Prefix, "/"); p != "" {
		if err := report.CheckKey(p); err != nil {
			errs = append(errs, fmt.Errorf("prefix: %w", err))
		}
	}
	if c.PublicBaseURL != "" {
		u, err := url.Parse(c.PublicBaseURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
			errs = append(errs, fmt.Errorf("public base URL %q is not an http(s) URL without query", c.PublicBaseURL))
		}
	}
	if c.MaxRetries < 0 {
		errs = append(errs, errors.New("negative MaxRetries"))
	}
	return errors.Join(errs...)
}

// baseURL is what an object's name is appended to (after a "/") to make
// its URL.
func (c Config) baseURL() string {
	if c.PublicBaseURL != "" {
		return strings.TrimRight(c.PublicBaseURL, "/")
	}
	scheme, host := "http", c.Endpoint
	if c.Secure {
		scheme = "https"
	}
	// Browsers drop a default port; so does minio-go when signing.
	if h, p, err := net.SplitHostPort(host); err == nil && (scheme == "http" && p == "80" || scheme == "https" && p == "443") {
		host = h
		if strings.Contains(h, ":") {
			host = "[" + h + "]"
		}
	}
	if c.PathStyle {
		return scheme + "://" + host + "/" + c.Bucket
	}
	return scheme + "://" + c.Bucket + "." + host
}
