package email

import (
	"fmt"
	"html"
	"io"
	"mime"
	"net/mail"
	"path"
	"strings"

	"gopkg.in/gomail.v2"

	"github.com/yujing-go/yujing/channel"
	"github.com/yujing-go/yujing/channel/internal/render"
)

// envelope is a composed email and its SMTP envelope.
type envelope struct {
	msg  *gomail.Message
	from string
	to   []string
}

// compose builds the email of msg.
func (s *Sender) compose(msg channel.Message) envelope {
	c := msg.Content(s.cfg.Language)
	m := gomail.NewMessage()
	m.SetHeader("From", m.FormatAddress(s.cfg.From.Address, s.cfg.From.Name))
	e := envelope{msg: m, from: s.cfg.From.Address}
	for _, h := range []struct {
		name string
		list []*mail.Address
	}{{"To", s.cfg.To}, {"Cc", s.cfg.Cc}, {"Bcc", s.cfg.Bcc}} {
		var values []string
		for _, a := range h.list {
			values = append(values, m.FormatAddress(a.Address, a.Name))
			e.to = appendNew(e.to, a.Address)
		}
		// Bcc recipients are in the envelope only: gomail never writes
		// that header, and it is not set.
		if len(values) > 0 && h.name != "Bcc" {
			m.SetHeader(h.name, values...)
		}
	}
	m.SetHeader("Subject", subject(c))
	m.SetDateHeader("Date", s.cfg.Clock())
	if msg.ID != "" {
		m.SetHeader("Message-ID", messageID(msg.ID, s.cfg.From.Address))
		m.SetHeader("X-Yujing-Alert-Id", oneLine(msg.ID))
	}

	attached, omitted := s.attachments(msg.Attachments)
	plain := c.Body(s.cfg.Format) + render.LinksText(msg.Links) + omittedNote(omitted)
	m.SetBody("text/plain", plain)
	m.AddAlternative("text/html", htmlBody(c, msg.Links, omitted))
	for _, a := range attached {
		data := a.Data
		m.Attach(a.Name,
			gomail.SetCopyFunc(func(w io.Writer) error {
				_, err := w.Write(data)
				return err
			}),
			gomail.SetHeader(map[string][]string{
				"Content-Type":        {a.ContentType},
				"Content-Disposition": {mime.FormatMediaType("attachment", map[string]string{"filename": a.Name})},
			}),
		)
	}
	return e
}

func appendNew(list []string, s string) []string {
	for _, v := range list {
		if strings.EqualFold(v, s) {
			return list
		}
	}
	return append(list, s)
}

// subject is the title, or the first line of the body, on one line.
func subject(c channel.Content) string {
	t := strings.TrimSpace(c.Title)
	if t == "" {
		t, _, _ = strings.Cut(strings.TrimSpace(c.Body(channel.Text)), "\n")
	}
	if t = oneLine(t); t == "" {
		return "Alert"
	}
	return channel.Truncate(t, MaxSubjectBytes)
}

// oneLine replaces line breaks (a header cannot hold one) with spaces.
func oneLine(s string) string {
	return strings.TrimSpace(strings.NewReplacer("\r\n", " ", "\r", " ", "\n", " ").Replace(s))
}

// messageID makes a Message-ID from the alert's id, stable across retries,
// in the sender's domain.
func messageID(id, from string) string {
	domain := "yujing.invalid"
	if _, d, ok := strings.Cut(from, "@"); ok && d != "" {
		domain = d
	}
	local := strings.Map(func(r rune) rune {
		if r < 0x80 && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("!#$%&'*+-/=?^_`{|}~.", r)) {
			return r
		}
		return '_'
	}, id)
	return "<" + strings.Trim(local, ".") + "@" + domain + ">"
}

// attachment is an attachment ready for gomail.
type attachment struct {
	Name        string
	ContentType string // with the name parameter
	Data        []byte
}

// attachments returns the message's attachments that fit in
// AttachmentMaxBytes (in order), and the names of those left out.
func (s *Sender) attachments(list []channel.Attachment) (attached []attachment, omitted []string) {
	var total int64
	for _, a := range list {
		name := fileName(a.Name)
		if total+int64(len(a.Data)) > s.cfg.AttachmentMaxBytes {
			omitted = append(omitted, fmt.Sprintf("%s (%d bytes)", name, len(a.Data)))
			continue
		}
		total += int64(len(a.Data))
		attached = append(attached, attachment{Name: name, ContentType: contentType(a.ContentType, name), Data: a.Data})
	}
	return attached, omitted
}

// fileName keeps the last element of a name, without control characters.
func fileName(name string) string {
	name = strings.Map(func(r rune) rune {
		if r < ' ' || r == 0x7f || r == '\\' {
			return '_'
		}
		return r
	}, name)
	name = path.Base(strings.TrimSpace(name))
	if name == "." || name == "/" || name == "" {
		return "attachment"
	}
	return name
}

// contentType is ct (or the type guessed from the name) with a name
// parameter.
func contentType(ct, name string) string {
	if ct == "" {
		ct = mime.TypeByExtension(path.Ext(name))
	}
	mt, params, err := mime.ParseMediaType(ct)
	if err != nil {
		mt, params = "application/octet-stream", nil
	}
	if params == nil {
		params = map[string]string{}
	}
	params["name"] = name
	if v := mime.FormatMediaType(mt, params); v != "" {
		return v
	}
	return "application/octet-stream"
}

// omittedNote tells the reader which attachments were too large.
func omittedNote(omitted []string) string {
	if len(omitted) == 0 {
		return ""
	}
	return "\n\nAttachments left out (over the size limit): " + strings.Join(omitted, ", ")
}

// htmlBody is Content.HTML, or the text body escaped and preformatted, with
// the links and the note on left-out attachments.
func htmlBody(c channel.Content, links []channel.Link, omitted []string) string {
	var b strings.Builder
	if c.HTML != "" {
		b.WriteString(c.HTML)
	} else {
		b.WriteString("<!DOCTYPE html>\n<html><body>\n")
		if t := strings.TrimSpace(c.Title); t != "" {
			b.WriteString("<h3>" + html.EscapeString(t) + "</h3>\n")
		}
		b.WriteString(`<pre style="white-space: pre-wrap; font-family: inherit">` + html.EscapeString(c.Body(channel.Text)) + "</pre>\n")
	}
	for _, l := range links {
		if l.URL == "" || (c.HTML != "" && strings.Contains(c.HTML, html.EscapeString(l.URL))) {
			continue
		}
		title := l.Title
		if title == "" {
			title = l.URL
		}
		if u := strings.ToLower(l.URL); strings.HasPrefix(u, "https://") || strings.HasPrefix(u, "http://") {
			b.WriteString(`<p><a href="` + html.EscapeString(l.URL) + `">` + html.EscapeString(title) + "</a></p>\n")
		} else {
			b.WriteString("<p>" + html.EscapeString(title+": "+l.URL) + "</p>\n")
		}
	}
	if len(omitted) > 0 {
		b.WriteString("<p><em>" + html.EscapeString(strings.TrimSpace(omittedNote(omitted))) + "</em></p>\n")
	}
	if c.HTML == "" {
		b.WriteString("</body></html>\n")
	}
	return b.String()
}
