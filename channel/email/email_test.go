package email_test

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/base64"
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"net"
	"net/mail"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-smtp"

	"github.com/yujing-go/yujing/channel"
	"github.com/yujing-go/yujing/channel/email"
	"github.com/yujing-go/yujing/channel/internal/channeltest"
	"github.com/yujing-go/yujing/internal/smtptest"
)

const (
	username = "alerts@example.com"
	password = "s3cret-App-Passw0rd"
)

var now = time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC)

// build builds an email channel whose TLS trusts roots (nil: the system's),
// as a host with a private CA would register it.
func build(t *testing.T, roots *x509.CertPool, details map[string]string) channel.Built {
	t.Helper()
	r := channel.NewRegistry(channel.WithClock(func() time.Time { return now }))
	err := r.Register(channel.TypeEmail, "email", func(cfg channel.Config) (channel.Sender, error) {
		c, err := email.ConfigFrom(cfg)
		if err != nil {
			return nil, err
		}
		if roots != nil {
			c.TLSConfig = &tls.Config{RootCAs: roots}
		}
		return email.NewSender(c)
	})
	if err != nil {
		t.Fatal(err)
	}
	b, err := r.Build(channel.Spec{No: "CH01", Type: channel.TypeEmail, Details: details})
	if err != nil {
		t.Fatal(err)
	}
	if len(b.UnknownKeys) > 0 {
		t.Fatalf("unknown keys %v", b.UnknownKeys)
	}
	return b
}

func details(ms *smtptest.Server, extra map[string]string) map[string]string {
	d := map[string]string{
		"host": ms.Host, "port": ms.Port, "username": username, "password": password,
		"from": "Alerts <alerts@example.com>",
		"to":   "ops@example.com, 值班 <duty@example.com>",
		"cc":   "lead@example.com",
		"bcc":  "audit@example.com",
	}
	for k, v := range extra {
		d[k] = v
	}
	return d
}

func message() channel.Message {
	return channel.Message{
		ID:      "alert-1",
		English: channel.Content{Title: "SMS success rate low", Text: "PH: 81.2% < 90%\n<script>x</script>"},
		Chinese: channel.Content{Title: "短信成功率低", Text: "菲律宾: 81.2% < 90%", HTML: "<p>菲律宾: <b>81.2%</b></p>"},
		Links:   []channel.Link{{Title: "Report", URL: "https://example.com/r/1.xlsx"}},
		Attachments: []channel.Attachment{{
			Name:        "报告 2026-11-24.xlsx",
			ContentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
			Data:        []byte("PK\x03\x04 pretend xlsx \x00\xff"),
		}},
	}
}

// part is a decoded MIME leaf part.
type part struct {
	header map[string][]string
	body   []byte
}

// parse reads an email back: its headers and its leaf parts, decoded.
func parse(t *testing.T, data []byte) (*mail.Message, []part) {
	t.Helper()
	m, err := mail.ReadMessage(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	var parts []part
	var walk func(contentType string, r io.Reader, enc string, header map[string][]string)
	walk = func(contentType string, r io.Reader, enc string, header map[string][]string) {
		mt, params, err := mime.ParseMediaType(contentType)
		if err != nil {
			t.Fatal(err)
		}
		if strings.HasPrefix(mt, "multipart/") {
			mr := multipart.NewReader(r, params["boundary"])
			for {
				p, err := mr.NextPart()
				if err == io.EOF {
					return
				}
				if err != nil {
					t.Fatal(err)
				}
				walk(p.Header.Get("Content-Type"), p, p.Header.Get("Content-Transfer-Encoding"), p.Header)
			}
		}
		if strings.EqualFold(enc, "base64") {
			r = base64.NewDecoder(base64.StdEncoding, r)
		}
		body, err := io.ReadAll(r)
		if err != nil {
			t.Fatal(err)
		}
		parts = append(parts, part{header: header, body: body})
	}
	walk(m.Header.Get("Content-Type"), m.Body, m.Header.Get("Content-Transfer-Encoding"), m.Header)
	return m, parts
}

func TestSendStartTLS(t *testing.T) {
	serverTLS, roots := smtptest.SelfSigned(t)
	ms := smtptest.Start(t, smtptest.Options{StartTLS: serverTLS, Username: username, Password: password})
	b := build(t, roots, details(ms, map[string]string{"tls": "starttls", "lang": "zh"}))
	if err := b.Send(context.Background(), message()); err != nil {
		t.Fatal(err)
	}
	mails := ms.Received()
	if len(mails) != 1 {
		t.Fatalf("server got %d emails", len(mails))
	}
	got := mails[0]
	if !got.TLS {
		t.Error("the session was not encrypted")
	}
	if a := ms.AuthAttempts(); len(a) != 1 || a[0] != username+":"+password {
		t.Errorf("auth attempts %q", a)
	}
	if got.From != "alerts@example.com" || strings.Join(got.To, " ") != "ops@example.com duty@example.com lead@example.com audit@example.com" {
		t.Errorf("envelope from %s to %v", got.From, got.To)
	}

	m, parts := parse(t, got.Data)
	dec := new(mime.WordDecoder)
	subject, err := dec.DecodeHeader(m.Header.Get("Subject"))
	if err != nil || subject != "短信成功率低" {
		t.Errorf("Subject %q (%v)", subject, err)
	}
	for name, want := range map[string]string{
		"From":              `"Alerts" <alerts@example.com>`,
		"Cc":                "lead@example.com",
		"Message-Id":        "<alert-1@example.com>",
		"X-Yujing-Alert-Id": "alert-1",
		"Date":              "Tue, 24 Nov 2026 10:00:00 +0000",
		"Bcc":               "",
	} {
		if got := m.Header.Get(name); got != want {
			t.Errorf("header %s = %q, want %q", name, got, want)
		}
	}
	to, err := m.Header.AddressList("To")
	if err != nil || len(to) != 2 || to[0].Address != "ops@example.com" || to[1].Address != "duty@example.com" || to[1].Name != "值班" {
		t.Errorf("To %v (%v)", to, err)
	}
	if strings.Contains(string(got.Data), "audit@example.com") {
		t.Error("the Bcc recipient is in the email's text")
	}

	if len(parts) != 3 {
		t.Fatalf("%d parts, want text, html and the attachment", len(parts))
	}
	if ct := parts[0].header["Content-Type"][0]; ct != "text/plain; charset=UTF-8" {
		t.Errorf("first part %s", ct)
	}
	// Quoted-printable bodies end their lines with CRLF.
	if want := "菲律宾: 81.2% < 90%\r\n\r\nReport: https://example.com/r/1.xlsx"; string(parts[0].body) != want {
		t.Errorf("text body %q, want %q", parts[0].body, want)
	}
	if ct := parts[1].header["Content-Type"][0]; ct != "text/html; charset=UTF-8" {
		t.Errorf("second part %s", ct)
	}
	if want := "<p>菲律宾: <b>81.2%</b></p><p><a href=\"https://example.com/r/1.xlsx\">Report</a></p>\r\n"; string(parts[1].body) != want {
		t.Errorf("html body %q, want %q", parts[1].body, want)
	}
	att := parts[2]
	_, params, err := mime.ParseMediaType(att.header["Content-Disposition"][0])
	if err != nil || params["filename"] != "报告 2026-11-24.xlsx" {
		t.Errorf("attachment disposition %q: %v %v", att.header["Content-Disposition"], params, err)
	}
	mt, _, _ := mime.ParseMediaType(att.header["Content-Type"][0])
	if mt != "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" || !bytes.Equal(att.body, message().Attachments[0].Data) {
		t.Errorf("attachment %s %q", mt, att.body)
	}
}

func TestSendImplicitTLS(t *testing.T) {
	serverTLS, roots := smtptest.SelfSigned(t)
	ms := smtptest.Start(t, smtptest.Options{ImplicitTLS: serverTLS, Username: username, Password: password})
	b := build(t, roots, details(ms, map[string]string{"tls": "implicit"}))
	msg := message()
	msg.Attachments = nil
	if err := b.Send(context.Background(), msg); err != nil {
		t.Fatal(err)
	}
	mails := ms.Received()
	if len(mails) != 1 || !mails[0].TLS {
		t.Fatalf("got %d emails (TLS %v)", len(mails), len(mails) == 1 && mails[0].TLS)
	}
	m, parts := parse(t, mails[0].Data)
	if m.Header.Get("Subject") != "SMS success rate low" || len(parts) != 2 {
		t.Fatalf("Subject %q, %d parts", m.Header.Get("Subject"), len(parts))
	}
	// Without Content.HTML the text is escaped into the HTML part.
	if html := string(parts[1].body); !strings.Contains(html, "&lt;script&gt;x&lt;/script&gt;") || strings.Contains(html, "<script>") {
		t.Errorf("html part does not escape the text:\n%s", html)
	}
}

func TestStartTLSRequiredRefusesClearText(t *testing.T) {
	ms := smtptest.Start(t, smtptest.Options{InsecureAuth: true, Username: username, Password: password})
	b := build(t, nil, details(ms, map[string]string{"tls": "starttls"}))
	err := b.Send(context.Background(), message())
	if err == nil || channel.IsRetryable(err) || !strings.Contains(err.Error(), "STARTTLS") {
		t.Fatalf("error %v, want a permanent refusal naming STARTTLS", err)
	}
	if a := ms.AuthAttempts(); len(a) > 0 {
		t.Errorf("the password was sent in clear text: %q", a)
	}
	if len(ms.Received()) > 0 {
		t.Error("the email was sent in clear text")
	}
}

func TestNoTLSToLocalhost(t *testing.T) {
	ms := smtptest.Start(t, smtptest.Options{InsecureAuth: true, Username: username, Password: password})
	b := build(t, nil, details(ms, map[string]string{"tls": "none", "format": "markdown"}))
	msg := message()
	msg.English.Markdown = "**PH**: 81.2%"
	if err := b.Send(context.Background(), msg); err != nil {
		t.Fatal(err)
	}
	mails := ms.Received()
	if len(mails) != 1 || mails[0].TLS {
		t.Fatalf("got %d emails", len(mails))
	}
	_, parts := parse(t, mails[0].Data)
	if !strings.HasPrefix(string(parts[0].body), "**PH**: 81.2%") {
		t.Errorf("markdown format: text part %q", parts[0].body)
	}
}

func TestUntrustedCertificate(t *testing.T) {
	serverTLS, _ := smtptest.SelfSigned(t)
	ms := smtptest.Start(t, smtptest.Options{StartTLS: serverTLS, Username: username, Password: password})
	err := build(t, nil, details(ms, nil)).Send(context.Background(), message()) // system roots
	if err == nil || channel.IsRetryable(err) {
		t.Fatalf("error %v, want a permanent certificate error", err)
	}
	if len(ms.AuthAttempts()) > 0 {
		t.Error("authenticated despite the certificate")
	}
}

func TestReplyCodes(t *testing.T) {
	smtpErr := func(code int) *smtp.SMTPError {
		return &smtp.SMTPError{Code: code, EnhancedCode: smtp.EnhancedCodeNotSet, Message: "refused"}
	}
	for _, tc := range []struct {
		name      string
		opts      smtptest.Options
		code      string
		retryable bool
	}{
		{"MAIL 451", smtptest.Options{MailError: smtpErr(451)}, "451", true},
		{"MAIL 550", smtptest.Options{MailError: smtpErr(550)}, "550", false},
		{"RCPT 452", smtptest.Options{RcptError: smtpErr(452)}, "452", true},
		{"RCPT 550", smtptest.Options{RcptError: smtpErr(550)}, "550", false},
		{"DATA 421", smtptest.Options{DataError: smtpErr(421)}, "421", true},
		{"DATA 554", smtptest.Options{DataError: smtpErr(554)}, "554", false},
		{"AUTH 535", smtptest.Options{Password: "other"}, "535", false},
		{"AUTH 454", smtptest.Options{AuthError: smtpErr(454)}, "454", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.opts.InsecureAuth, tc.opts.Username = true, username
			if tc.opts.Password == "" {
				tc.opts.Password = password
			}
			ms := smtptest.Start(t, tc.opts)
			err := build(t, nil, details(ms, map[string]string{"tls": "none"})).Send(context.Background(), message())
			e := channeltest.AsError(t, err)
			if e.Code != tc.code || e.Retryable != tc.retryable || e.Type != "email" || e.Channel != "CH01" {
				t.Errorf("got %+v (%v), want code %s retryable %v", e, err, tc.code, tc.retryable)
			}
			channeltest.NoSecrets(t, err.Error(), password)
		})
	}
}

func TestTimeoutClosesConnection(t *testing.T) {
	// A server that accepts and never greets.
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	closed := make(chan error, 1)
	go func() {
		c, err := l.Accept()
		if err != nil {
			closed <- err
			return
		}
		defer c.Close()
		_ = c.SetReadDeadline(time.Now().Add(30 * time.Second)) // a guard, not an assertion
		_, err = c.Read(make([]byte, 1))
		closed <- err
	}()
	host, port, _ := net.SplitHostPort(l.Addr().String())
	b := build(t, nil, map[string]string{"host": host, "port": port, "tls": "none", "from": "a@example.com", "to": "b@example.com", "timeout": "200ms"})
	err = b.Send(context.Background(), message())
	if !channel.IsRetryable(err) || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("error %v, want a retryable deadline error", err)
	}
	if err := <-closed; err != io.EOF {
		t.Errorf("the server's read ended with %v, want io.EOF: the sender did not close the connection", err)
	}
}

func TestErrorsHoldNoSecret(t *testing.T) {
	// A server that echoes the credentials in its refusal.
	echo := &smtp.SMTPError{Code: 535, EnhancedCode: smtp.EnhancedCodeNotSet,
		Message: "bad credentials " + password + " " + base64.StdEncoding.EncodeToString([]byte("\x00"+username+"\x00"+password))}
	ms := smtptest.Start(t, smtptest.Options{InsecureAuth: true, Username: username, Password: password, AuthError: echo})
	err := build(t, nil, details(ms, map[string]string{"tls": "none"})).Send(context.Background(), message())
	if err == nil {
		t.Fatal("no error")
	}
	channeltest.NoSecrets(t, err.Error(), password, base64.StdEncoding.EncodeToString([]byte("\x00"+username+"\x00"+password)))

	// A network failure: nothing listens on the port.
	l, _ := net.Listen("tcp", "127.0.0.1:0")
	host, port, _ := net.SplitHostPort(l.Addr().String())
	l.Close()
	err = build(t, nil, map[string]string{"host": host, "port": port, "username": username, "password": password, "from": "a@example.com", "to": "b@example.com"}).
		Send(context.Background(), message())
	if !channel.IsRetryable(err) {
		t.Errorf("network error not retryable: %v", err)
	}
	channeltest.NoSecrets(t, err.Error(), password)
}

func TestAttachmentLimit(t *testing.T) {
	ms := smtptest.Start(t, smtptest.Options{InsecureAuth: true, Username: username, Password: password})
	b := build(t, nil, details(ms, map[string]string{"tls": "none", "attachment_max_bytes": "10"}))
	if err := b.Send(context.Background(), message()); err != nil {
		t.Fatal(err)
	}
	_, parts := parse(t, ms.Received()[0].Data)
	if len(parts) != 2 {
		t.Fatalf("%d parts: the attachment over the limit was sent", len(parts))
	}
	if !strings.Contains(string(parts[0].body), "Attachments left out (over the size limit): 报告 2026-11-24.xlsx (") {
		t.Errorf("no note on the left-out attachment:\n%s", parts[0].body)
	}
}

func TestConfigErrors(t *testing.T) {
	r := channel.NewRegistry()
	if err := r.Register(channel.TypeEmail, "email", email.New); err != nil {
		t.Fatal(err)
	}
	base := map[string]string{"host": "smtp.example.com", "from": "a@example.com", "to": "b@example.com", "password": password}
	for _, tc := range []struct {
		key, value string
		want       string
	}{
		{"host", "", `channel CH01 (email): detail "host": missing`},
		{"host", "smtp://smtp.example.com", `channel CH01 (email): detail "host": want a host name or IP address, without scheme or port`},
		{"port", "smtp", `channel CH01 (email): detail "port": want an integer`},
		{"tls", "always", `channel CH01 (email): detail "tls": want implicit, starttls or none`},
		{"from", "not an address", `channel CH01 (email): detail "from": not an email address`},
		{"to", "", `channel CH01 (email): detail "to": missing (no recipient in to, cc or bcc)`},
		{"to", "ok@example.com, nope", `channel CH01 (email): detail "to": item 2 is not an email address`},
		{"attachment_max_bytes", "-1", `channel CH01 (email): detail "attachment_max_bytes": want a number of bytes ≥ 0`},
	} {
		d := map[string]string{}
		for k, v := range base {
			d[k] = v
		}
		d[tc.key] = tc.value
		_, err := r.Build(channel.Spec{No: "CH01", Type: channel.TypeEmail, Details: d})
		if err == nil || err.Error() != tc.want {
			t.Errorf("%s=%q: %v, want %s", tc.key, tc.value, err, tc.want)
		}
	}
}
