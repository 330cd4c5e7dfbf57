package cli

import (
	"errors"
	"fmt"
	"strings"

	"github.com/go-sql-driver/mysql"
	"github.com/spf13/cobra"

	"github.com/yujing-go/yujing/ack"
	"github.com/yujing-go/yujing/store"
)

// Exit statuses (documented in doc.go and the root's help).
const (
	exitOK       = 0 // done
	exitFailure  = 1 // the work failed: database, network, not migrated…
	exitUsage    = 2 // flags, arguments, the database options
	exitRefused  = 3 // refused by the checks: a *store.ValidationError, a template
	exitNotFound = 4 // no such row (a silence code)
	exitStale    = 5 // ack: the scene × country does not fire
	exitAcked    = 6 // ack: already acknowledged
)

// exitError is an error with its exit status.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

// usagef is a usage error (exit 2).
func usagef(format string, args ...any) error {
	return &exitError{exitUsage, fmt.Errorf(format, args...)}
}

// runError marks an error returned by a command's RunE (see markRunErrors).
type runError struct{ err error }

func (e *runError) Error() string { return e.err.Error() }
func (e *runError) Unwrap() error { return e.err }

// describe returns the exit status of err, and its message; cmd is the
// command that ran (or failed to parse).
func describe(err error, cmd *cobra.Command) (int, string) {
	msg := err.Error()
	hint := ""
	if cmd != nil {
		hint = " (see " + cmd.CommandPath() + " --help)"
	}
	if _, ok := errors.AsType[*runError](err); !ok {
		return exitUsage, msg + hint // cobra's: an unknown flag or command, a missing required flag…
	}
	if ee, ok := errors.AsType[*exitError](err); ok {
		return ee.code, msg
	}
	switch {
	case errors.Is(err, ack.ErrAlreadyAcknowledged):
		return exitAcked, msg
	case errors.Is(err, ack.ErrStale):
		return exitStale, msg
	case errors.Is(err, store.ErrNotFound):
		return exitNotFound, msg
	case errors.Is(err, store.ErrNotMigrated):
		return exitFailure, msg + " (run: yujing migrate)"
	}
	if _, ok := errors.AsType[*store.ValidationError](err); ok {
		return exitRefused, msg
	}
	return exitFailure, msg
}

// oneLine makes a message one line.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// redact takes out of msg the passwords of the DSNs among args: of --dsn,
// and of a DSN given by mistake as an argument or to another flag. It
// replaces "user:PASSWORD@" wherever it appears, and the password alone
// when it is long enough not to garble the message.
func redact(msg string, args []string) string {
	for _, a := range args {
		if _, v, ok := strings.Cut(a, "="); ok && strings.HasPrefix(a, "-") {
			a = v
		}
		for _, p := range passwords(a) {
			msg = strings.ReplaceAll(msg, ":"+p+"@", ":***@")
			if len(p) >= 4 {
				msg = strings.ReplaceAll(msg, p, "***")
			}
		}
	}
	return msg
}

// passwords returns what may be the password of s read as a DSN
// (user:password@…): as the MySQL driver reads it, and between the first
// ':' and the last '@' (the same unless s is malformed).
func passwords(s string) []string {
	var out []string
	if cfg, err := mysql.ParseDSN(s); err == nil && cfg.Passwd != "" {
		out = append(out, cfg.Passwd)
	}
	colon, at := strings.Index(s, ":"), strings.LastIndex(s, "@")
	if colon >= 0 && at > colon+1 {
		if p := s[colon+1 : at]; len(out) == 0 || p != out[0] {
			out = append(out, p)
		}
	}
	return out
}

// dsnProblem explains a DSN that does not parse. The driver's reason is
// left out when it quotes a part of the password (a password with a '/'
// is split where the database name begins).
func dsnProblem(dsn string, err error) string {
	const want = "--dsn is not a MySQL DSN (want user:password@tcp(host:3306)/dbname[?param=value])"
	reason := err.Error()
	for _, p := range passwords(dsn) {
		if quotes(reason, p) {
			return want
		}
	}
	return want + ": " + reason
}

// quotes reports whether msg holds p or any four characters of it in a row.
func quotes(msg, p string) bool {
	if len(p) < 4 {
		return strings.Contains(msg, p)
	}
	for i := 0; i+4 <= len(p); i++ {
		if strings.Contains(msg, p[i:i+4]) {
			return true
		}
	}
	return false
}
