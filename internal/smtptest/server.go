// Package smtptest is an SMTP server for tests, running in the test's
// process (github.com/emersion/go-smtp): it keeps the mails it accepts so
// that a test reads back the envelope, the headers, the bodies and the
// attachments, and can answer with the reply codes a test chooses.
package smtptest

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

// Mail is an email the server accepted.
type Mail struct {
	From string
	To   []string
	Data []byte
	TLS  bool // the session was encrypted
}

// Options configure a server; the zero value accepts every mail in clear text, without AUTH.
type Options struct {
	StartTLS     *tls.Config // offer STARTTLS
	ImplicitTLS  *tls.Config // TLS from the first byte
	InsecureAuth bool        // offer AUTH on a clear-text connection
	Username     string
	Password     string
	AuthError    *smtp.SMTPError // answer to AUTH instead of checking the Password
	MailError    *smtp.SMTPError
	RcptError    *smtp.SMTPError
	DataError    *smtp.SMTPError
}

// Server is a running SMTP server.
type Server struct {
	opts Options
	Host string // the address to dial
	Port string

	mu    sync.Mutex
	mails []Mail
	auths []string // "Username:Password" of every AUTH attempt
}

// Start runs a server on a free loopback port until the test ends.
func Start(t testing.TB, opts Options) *Server {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ms := &Server{opts: opts}
	ms.Host, ms.Port, _ = net.SplitHostPort(l.Addr().String())
	srv := smtp.NewServer(smtp.BackendFunc(func(c *smtp.Conn) (smtp.Session, error) {
		return &session{server: ms, conn: c}, nil
	}))
	srv.Domain = "localhost"
	srv.AllowInsecureAuth = opts.InsecureAuth
	srv.TLSConfig = opts.StartTLS
	srv.ErrorLog = log.New(io.Discard, "", 0)
	if opts.ImplicitTLS != nil {
		l = tls.NewListener(l, opts.ImplicitTLS)
	}
	go func() { _ = srv.Serve(l) }()
	t.Cleanup(func() { _ = srv.Close() })
	return ms
}

// Received returns the mails accepted so far.
func (ms *Server) Received() []Mail {
	ms.mu.Lock()
	defer ms.mu.Unlock()
	return append([]Mail(nil), ms.mails...)
}

// AuthAttempts returns "username:password" of every AUTH attempt.
func (ms *Server) AuthAttempts() []string {
	ms.mu.Lock()
	defer ms.mu.Unlock()
	return append([]string(nil), ms.auths...)
}

type session struct {
	server *Server
	conn   *smtp.Conn
	mail   Mail
}

func (s *session) AuthMechanisms() []string { return []string{sasl.Plain} }

func (s *session) Auth(string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(_, Username, Password string) error {
		s.server.mu.Lock()
		s.server.auths = append(s.server.auths, Username+":"+Password)
		s.server.mu.Unlock()
		if e := s.server.opts.AuthError; e != nil {
			return e
		}
		if Username != s.server.opts.Username || Password != s.server.opts.Password {
			return smtp.ErrAuthFailed
		}
		return nil
	}), nil
}

func (s *session) Mail(from string, _ *smtp.MailOptions) error {
	if e := s.server.opts.MailError; e != nil {
		return e
	}
	_, isTLS := s.conn.TLSConnectionState()
	s.mail = Mail{From: from, TLS: isTLS}
	return nil
}

func (s *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	if e := s.server.opts.RcptError; e != nil {
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
	if e := s.server.opts.DataError; e != nil {
		return e
	}
	s.mail.Data = data
	s.server.mu.Lock()
	s.server.mails = append(s.server.mails, s.mail)
	s.server.mu.Unlock()
	return nil
}

func (s *session) Reset()        { s.mail = Mail{} }
func (s *session) Logout() error { return nil }

// SelfSigned returns a server TLS configuration with a certificate for
// 127.0.0.1 made for the test, and a pool that trusts it.
func SelfSigned(t testing.TB) (*tls.Config, *x509.CertPool) {
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
