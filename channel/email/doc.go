// Package email sends alerts by email over SMTP: channel type 1.
//
// The message is composed with gopkg.in/gomail.v2: UTF-8, quoted-printable,
// a text/plain body with a text/html alternative (Content.HTML, or the text
// escaped and preformatted when the message has no HTML), and the message's
// attachments from memory. Message.ID becomes the Message-ID and the
// X-Yujing-Alert-Id header, so a retried alert can be recognised.
//
// The SMTP session runs on net/smtp rather than gomail's Dialer, which has
// no context, a fixed 10-second connect timeout and no way to require TLS:
// here the connection is bounded by the send's context and timeout and
// closed as soon as either ends, STARTTLS can be required (the sender then
// refuses to authenticate or send in clear text), and each SMTP reply code
// is kept to classify failures: 4xx retryable, 5xx permanent (535 bad
// credentials, 550 mailbox unavailable); network errors and timeouts are
// retryable; a certificate that does not verify is permanent.
//
// Authentication, when a username is set, picks among the mechanisms the
// server offers: PLAIN, then LOGIN, over TLS or to localhost only; CRAM-MD5
// otherwise.
//
// # Detail keys
//
//	| key                  | required | meaning                                                                                                                        | example                     |
//	|----------------------|----------|--------------------------------------------------------------------------------------------------------------------------------|-----------------------------|
//	| host                 | yes      | SMTP server                                                                                                                    | smtp.example.com            |
//	| port                 | no       | SMTP port (default 465 when tls is implicit, 587 otherwise)                                                                    | 587                         |
//	| tls                  | no       | implicit (TLS from the start), starttls (required: never clear text) or none; default implicit on port 465, starttls otherwise | starttls                    |
//	| username             | no       | login; no authentication when empty                                                                                            | alerts@example.com          |
//	| password             | no       | password (secret)                                                                                                              | app-password                |
//	| from                 | yes      | sender address, optionally with a name                                                                                         | Alerts <alerts@example.com> |
//	| to                   | yes*     | list of recipients (*at least one of to, cc, bcc)                                                                              | a@example.com,b@example.com |
//	| cc                   | no       | list of copy recipients                                                                                                        | lead@example.com            |
//	| bcc                  | no       | list of blind-copy recipients (not in the headers)                                                                             | audit@example.com           |
//	| helo                 | no       | name sent with EHLO (default localhost)                                                                                        | alerts.example.com          |
//	| attachment_max_bytes | no       | most bytes of attachments in one email; larger ones are left out with a note (default 10485760, 0 = none)                      | 5242880                     |
//	| lang                 | no       | en or zh (default en)                                                                                                          | zh                          |
//	| format               | no       | text or markdown: which body goes into the text/plain part (default text)                                                      | markdown                    |
//	| rate_limit           | no       | emails per minute through this server and login; 0 = off (default 0)                                                           | 30                          |
//	| timeout              | no       | per send, the whole SMTP session, a Go duration (default 10s)                                                                  | 30s                         |
//
// Lists continue in rows "key.2", "key.3", … (joined with commas); items
// are separated by commas (or semicolons, full-width ones too), so a
// display name cannot hold a comma.
package email
