package email_test

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"io"
	"log"
	"math/big"
	"net"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// received is an email the test server accepted.
type received struct {
	From string
	To   []string
	Data []byte
	TLS  bool // the session was encrypted
}

// serverOptions configure a test SMTP server.
type serverOptions struct {
	startTLS     *tls.Config // offer STARTTLS
	implicitTLS  *tls.Config // TLS from the first byte
	insecureAuth bool        // offer AUTH on a clear-text connection
	username     string
	password     string
	authError    *smtp.SMTPError // answer to AUTH instead of checking the password
	mailError    *smtp.SMTPError
	rcptError    *smtp.SMTPError
	dataError    *smtp.SMTPError
}

// mailServer is an in-process SMTP server (github.com/emersion/go-smtp).
type mailServer struct {
	opts serverOptions
	host string
	port string

	mu    sync.Mutex
	mails []received
	auths []string // "username:password" of every AUTH attempt
}

func startServer(t *testing.T, opts serverOptions) *mailServer {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ms := &mailServer{opts: opts}
	ms.host, ms.port, _ = net.SplitHostPort(l.Addr().String())
	srv := smtp.NewServer(smtp.BackendFunc(func(c *smtp.Conn) (smtp.Session, error) {
		return &session{server: ms, conn: c}, nil
	}))
	srv.Domain = "localhost"
	srv.AllowInsecureAuth = opts.insecureAuth
	srv.TLSConfig = opts.startTLS
	srv.ErrorLog = log.New(io.Discard, "", 0)
	if opts.implicitTLS != nil {
		l = tls.NewListener(l, opts.implicitTLS)
	}
	go func() { _ = srv.Serve(l) }()
	t.Cleanup(func() { _ = srv.Close() })
	return ms
}

func (ms *mailServer) received() []received {
	ms.mu.Lock()
	defer ms.mu.Unlock()
	return append([]received(nil), ms.mails...)
}

func (ms *mailServer) authAttempts() []string {
	ms.mu.Lock()
	defer ms.mu.Unlock()
	return append([]string(nil), ms.auths...)
}

type session struct {
	server *mailServer
	conn   *smtp.Conn
	mail   received
}

func (s *session) AuthMechanisms() []string { return []string{sasl.Plain} }

func (s *session) Auth(string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(_, username, password string) error {
		s.server.mu.Lock()
		s.server.auths = append(s.server.auths, username+":"+password)
		s.server.mu.Unlock()
		if e := s.server.opts.authError; e != nil {
			return e
		}
		if username != s.server.opts.username || password != s.server.opts.password {
			return smtp.ErrAuthFailed
		}
		return nil
	}), nil
}

func (s *session) Mail(from string, _ *smtp.MailOptions) error {
	if e := s.server.opts.mailError; e != nil {
		return e
	}
	_, isTLS := s.conn.TLSConnectionState()
	s.mail = received{From: from, TLS: isTLS}
	return nil
}

func (s *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	if e := s.server.opts.rcptError; e != nil {
		return e
	}
	s.mail.To = append(s.mail.To, to)
	return nil
}

func (s *session) Data(r io.Reader) error {
	data, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	if e := s.server.opts.dataError; e != nil {
		return e
	}
	s.mail.Data = data
	s.server.mu.Lock()
	s.server.mails = append(s.server.mails, s.mail)
	s.server.mu.Unlock()
	return nil
}

func (s *session) Reset()        { s.mail = received{} }
func (s *session) Logout() error { return nil }

// selfSigned returns a server TLS configuration with a certificate for
// 127.0.0.1 made for the test, and a pool that trusts it.
func selfSigned(t *testing.T) (*tls.Config, *x509.CertPool) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: "yujing test SMTP"},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(time.Hour),
		IPAddresses:           []net.IP{net.IPv4(127, 0, 0, 1)},
		DNSNames:              []string{"localhost"},
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		IsCA:                  true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	pool.AddCert(cert)
	return &tls.Config{Certificates: []tls.Certificate{{Certificate: [][]byte{der}, PrivateKey: key}}}, pool
}
