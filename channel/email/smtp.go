package email

import (
	"context"
	"crypto/tls"
	"errors"
	"net"
	"net/smtp"
	"strings"
)

// errNoStartTLS is the failure of a server that does not offer STARTTLS
// when it is required.
var errNoStartTLS = errors.New("the server does not offer STARTTLS and tls is starttls: refusing to authenticate or send in clear text")

// deliver runs one SMTP session that sends m. The connection is closed as
// soon as ctx ends, which fails whatever read or write is under way.
func (s *Sender) deliver(ctx context.Context, e envelope) error {
	var d net.Dialer
	raw, err := d.DialContext(ctx, "tcp", s.cfg.addr())
	if err != nil {
		return err
	}
	stop := context.AfterFunc(ctx, func() { raw.Close() })
	defer stop()
	if deadline, ok := ctx.Deadline(); ok {
		_ = raw.SetDeadline(deadline)
	}
	conn := raw
	mode := s.cfg.mode()
	if mode == TLSImplicit {
		tc := tls.Client(raw, s.tls)
		if err := tc.HandshakeContext(ctx); err != nil {
			raw.Close()
			return err
		}
		conn = tc
	}
	c, err := smtp.NewClient(conn, s.cfg.host())
	if err != nil {
		raw.Close()
		return err
	}
	defer c.Close()
	if s.cfg.HELO != "" {
		if err := c.Hello(s.cfg.HELO); err != nil {
			return err
		}
	}
	if mode == TLSStartTLS {
		if ok, _ := c.Extension("STARTTLS"); !ok {
			return errNoStartTLS
		}
		if err := c.StartTLS(s.tls); err != nil {
			return err
		}
	}
	if s.cfg.Username != "" {
		if ok, mechs := c.Extension("AUTH"); ok {
			_, isTLS := c.TLSConnectionState()
			auth, err := chooseAuth(strings.Fields(strings.ToUpper(mechs)), isTLS, s.cfg.host(), s.cfg.Username, s.cfg.Password)
			if err != nil {
				return err
			}
			if err := c.Auth(auth); err != nil {
				return err
			}
		}
	}
	if err := c.Mail(e.from); err != nil {
		return err
	}
	for _, addr := range e.to {
		if err := c.Rcpt(addr); err != nil {
			return err
		}
	}
	w, err := c.Data()
	if err != nil {
		return err
	}
	if _, err := e.msg.WriteTo(w); err != nil {
		w.Close()
		return err
	}
	if err := w.Close(); err != nil {
		return err
	}
	// The server has accepted the message: a failed QUIT changes nothing.
	_ = c.Quit()
	return nil
}
