package cli

import (
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/yujing-go/yujing/alert"
	"github.com/yujing-go/yujing/channel"
	"github.com/yujing-go/yujing/ops"
	"github.com/yujing-go/yujing/store"
)

func newChannelCmd(a *app) *cobra.Command {
	return group("channel", "Channels: list them (secrets masked), send a test message",
		newChannelTestCmd(a), newChannelListCmd(a))
}

// testJSON is a test message's result in JSON: every field is always
// there (null when unset).
type testJSON struct {
	Channel     string      `json:"channel"`
	Name        *string     `json:"name"`
	Type        int         `json:"type"`
	TypeName    string      `json:"type_name"`
	Language    *string     `json:"language"` // null when the channel does not build
	Format      *string     `json:"format"`
	Verdict     ops.Verdict `json:"verdict"` // sent, refused, rate_limited, unavailable, bad_config
	Sent        bool        `json:"sent"`
	Code        *string     `json:"code"`   // the service's code: an errcode, "HTTP 429"
	Answer      *string     `json:"answer"` // the error's text, without secrets
	Retryable   bool        `json:"retryable"`
	RetryAfterS *float64    `json:"retry_after_seconds"`
	Key         *string     `json:"key"` // the detail at fault (bad_config)
	UnknownKeys []string    `json:"unknown_keys"`
	Message     *titleText  `json:"message"` // the test message; null when the channel does not build
	At          time.Time   `json:"at"`
	DurationMS  float64     `json:"duration_ms"`
	RequestedBy string      `json:"requested_by"`
	Meaning     string      `json:"meaning"`
	// AlertOutcome is what the engine would do with this answer to an
	// alert: sent, retry, failed or deferred.
	AlertOutcome string `json:"alert_outcome"`
}

type titleText struct {
	Title string `json:"title"`
	Text  string `json:"text"`
}

func testOut(r *ops.TestResult) testJSON {
	out := testJSON{Channel: r.Channel, Name: optional(r.Name), Type: r.Type, TypeName: r.TypeName, Verdict: r.Verdict, Sent: r.OK(),
		Code: optional(r.Code), Answer: optional(r.Answer), Retryable: r.Retryable, Key: optional(r.Key), UnknownKeys: r.UnknownKeys,
		At: r.At.UTC(), DurationMS: float64(r.Duration.Microseconds()) / 1000, RequestedBy: r.By, Meaning: meaning(r), AlertOutcome: r.AlertOutcome}
	if out.UnknownKeys == nil {
		out.UnknownKeys = []string{}
	}
	if r.Verdict != ops.BadConfig {
		out.Language, out.Format = new(r.Language.String()), new(r.Format.String())
		out.Message = &titleText{r.Message.Title, r.Message.Text}
	}
	if r.RetryAfter > 0 {
		out.RetryAfterS = new(r.RetryAfter.Seconds())
	}
	return out
}

func optional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// meaning says in words what the verdict means for the operator.
func meaning(r *ops.TestResult) string {
	switch r.Verdict {
	case ops.Sent:
		return "the service accepted the message: check that it arrived"
	case ops.Refused:
		return "the service refused the message for good (credentials, signature, security settings, recipients): fix the channel's details"
	case ops.RateLimited:
		if r.RetryAfter > 0 {
			return fmt.Sprintf("the robot is rate limited: try again in %s", r.RetryAfter.Round(time.Second))
		}
		return "the robot is rate limited: try again later"
	case ops.Unavailable:
		return "the service or the network failed: a retry may succeed"
	case ops.BadConfig:
		return "the channel's details do not build a sender: nothing was sent"
	}
	return ""
}

// alertWould says what the engine would do with the same answer to an
// alert.
func alertWould(outcome string) string {
	switch outcome {
	case alert.OutcomeSent:
		return "be delivered"
	case alert.OutcomeRetry:
		return "be retried (after the backoff, or the service's Retry-After)"
	case alert.OutcomeFailed:
		return "fail at once, without retries"
	case alert.OutcomeDeferred:
		return "wait for the robot's budget, without using a retry"
	}
	return outcome
}

// testTable writes a test's result as a two-column table.
func testTable(a *app, r *ops.TestResult) error {
	t := newTable(a.stdout, "FIELD", "VALUE")
	name := r.Channel
	if r.Name != "" && r.Name != r.Channel {
		name += " (" + r.Name + ")"
	}
	t.row("channel", name)
	t.row("type", r.TypeName)
	t.row("verdict", string(r.Verdict))
	t.row("meaning", meaning(r))
	t.row("an alert would", alertWould(r.AlertOutcome))
	if r.Verdict != ops.BadConfig {
		t.row("language", r.Language.String())
	}
	t.row("code", r.Code)
	t.row("answer", r.Answer)
	if r.Key != "" {
		t.row("detail", r.Key)
	}
	if r.RetryAfter > 0 {
		t.row("retry after", r.RetryAfter.String())
	}
	if len(r.UnknownKeys) > 0 {
		t.row("unknown keys", strings.Join(r.UnknownKeys, ", ")+" (the type does not read them: typos?)")
	}
	t.row("title", r.Message.Title)
	t.row("took", r.Duration.Round(time.Millisecond).String())
	t.row("at", fmtTime(&r.At))
	t.row("requested by", r.By)
	return t.flush()
}

func newChannelTestCmd(a *app) *cobra.Command {
	var lang, by string
	c := &cobra.Command{
		Use:   "test CODE",
		Short: "Send a real test message to a channel and classify the service's answer",
		Long: `test sends a test message to the channel CODE (channel_no), whatever its status,
through the engine's own channel code: the host's channel types, the channel's
details, its timeout. The message says it is a test and names the channel,
the time and who asked (--by); it goes in the channel's language ("lang"
detail) unless --lang says otherwise.

It counts against the robot's rate budget like any alert (the budget lives in
the database and every engine shares it), and a throttling answer pauses the
robot for every engine, as an alert's would.

The answer is classified:
  sent          the service accepted the message (exit 0)
  refused       a bad token, signature or request: sending again fails the same way
  rate_limited  HTTP 429, a robot's throttling code, or no slot in the robot's budget
  unavailable   a server error (5xx) or the network: a retry may succeed
  bad_config    the details do not build (a missing or malformed key, named)
with the service's code and answer (secrets taken out) and how long it took.
Every verdict but sent exits 1.`,
		Example: `  yujing channel test CH01 --sqlite alerts.db --by maria
  yujing channel test CH01 --dsn "$DSN" --lang zh -o json`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return fmt.Errorf("%s takes one channel code (channel_no), got %d arguments", cmd.CommandPath(), len(args))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			req, err := testRequest(cmd, lang, by)
			if err != nil {
				return err
			}
			kit, err := a.toolkit(cmd)
			if err != nil {
				return err
			}
			r, err := kit.TestChannel(cmd.Context(), strings.TrimSpace(args[0]), req)
			if err != nil {
				return err
			}
			if a.isJSON() {
				err = a.writeJSON(testOut(r))
			} else {
				err = testTable(a, r)
			}
			if err != nil || r.OK() {
				return err
			}
			return &exitError{exitFailure, fmt.Errorf("channel %s: test message %s%s", r.Channel, r.Verdict, codeSuffix(r.Code))}
		},
	}
	fl := c.Flags()
	fl.StringVar(&lang, "lang", "", "the message's language, en or zh (default: the channel's)")
	fl.StringVar(&by, "by", "", "who asks, named in the message (default: $USER)")
	return c
}

func codeSuffix(code string) string {
	if code == "" {
		return ""
	}
	return " (code " + code + ")"
}

// testRequest reads --lang and --by.
func testRequest(cmd *cobra.Command, lang, by string) (ops.TestRequest, error) {
	var req ops.TestRequest
	if cmd.Flags().Changed("lang") {
		l, err := channel.ParseLanguage(lang)
		if err != nil {
			return req, usagef("--lang %q: want en or zh", lang)
		}
		req.Language = &l
	}
	if !cmd.Flags().Changed("by") {
		by = os.Getenv("USER")
		if strings.TrimSpace(by) == "" {
			return req, usagef("--by: say who asks (no $USER to default to)")
		}
	}
	by, err := checkBy(by)
	req.By = by
	return req, err
}

// toolkit makes the operator's toolkit on the run's engine and database.
func (a *app) toolkit(cmd *cobra.Command) (*ops.Toolkit, error) {
	e, db, err := a.engine(cmd.Context())
	if err != nil {
		return nil, err
	}
	return ops.New(e, db, ops.WithClock(a.now)), nil
}

// channelJSON is a channel in JSON, its secrets masked.
type channelJSON struct {
	Channel     string       `json:"channel"`
	Name        *string      `json:"name"`
	Type        int          `json:"type"`
	TypeName    string       `json:"type_name"`
	Status      string       `json:"status"`
	Language    *string      `json:"language"`
	Format      *string      `json:"format"`
	Remark      *string      `json:"remark"`
	Details     []detailJSON `json:"details"`
	Problem     *string      `json:"problem"` // why it does not build
	UnknownKeys []string     `json:"unknown_keys"`
}

type detailJSON struct {
	Key    string `json:"key"`
	Value  string `json:"value"` // "***" (or a URL's scheme and host) for a secret
	Secret bool   `json:"secret"`
	Status string `json:"status"`
}

func channelOut(c ops.ChannelInfo) channelJSON {
	out := channelJSON{Channel: c.Channel, Name: optional(c.Name), Type: c.Type, TypeName: c.TypeName, Status: statusName(c.Status),
		Remark: optional(c.Remark), Details: []detailJSON{}, Problem: optional(c.Problem), UnknownKeys: c.UnknownKeys}
	if c.Problem == "" {
		out.Language, out.Format = new(c.Language.String()), new(c.Format.String())
	}
	if out.UnknownKeys == nil {
		out.UnknownKeys = []string{}
	}
	for _, d := range c.Details {
		out.Details = append(out.Details, detailJSON{Key: d.Key, Value: d.Value, Secret: d.Secret, Status: statusName(d.Status)})
	}
	return out
}

// statusName names a configuration status.
func statusName(s store.ConfigStatus) string {
	switch s {
	case store.ConfigEnabled:
		return "enabled"
	case store.ConfigDisabled:
		return "disabled"
	case store.ConfigVoided:
		return "voided"
	}
	return fmt.Sprintf("status %d", int(s))
}

// channelTable writes channels as a table: the enabled details in one
// cell, secrets masked.
func channelTable(a *app, chans []ops.ChannelInfo) error {
	t := newTable(a.stdout, "CODE", "NAME", "TYPE", "STATUS", "LANG", "DETAILS", "PROBLEM")
	for _, c := range chans {
		var details []string
		for _, d := range c.Details {
			if d.Status == store.ConfigEnabled {
				details = append(details, d.Key+"="+d.Value)
			}
		}
		lang, problem := "", c.Problem
		if problem == "" {
			lang = c.Language.String()
			if len(c.UnknownKeys) > 0 {
				problem = "unknown keys: " + strings.Join(c.UnknownKeys, ", ")
			}
		}
		t.row(c.Channel, c.Name, c.TypeName, statusName(c.Status), lang, strings.Join(details, " "), problem)
	}
	return t.flush()
}

func newChannelListCmd(a *app) *cobra.Command {
	return &cobra.Command{
		Use:   "list",
		Short: "List the channels, secrets masked, and whether each builds",
		Long: `list shows every channel (monitor_channel, larger sort first) with its enabled
details, whether it builds a sender with the engine's channel types (a
missing or malformed key is named) and its language.

Secret values are never shown: the robots' keys and tokens, signing
secrets, passwords, webhook URLs (their scheme and host only) and custom
headers, as channel/KEYS.md marks them, and every value but lang, format,
rate_limit and timeout of a channel type the command line does not know.
-o json lists every detail row, disabled ones too, with its status.`,
		Example: `  yujing channel list --sqlite alerts.db
  yujing channel list --dsn "$DSN" -o json`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			kit, err := a.toolkit(cmd)
			if err != nil {
				return err
			}
			chans, err := kit.Channels(cmd.Context())
			if err != nil {
				return err
			}
			if a.isJSON() {
				out := struct {
					Channels []channelJSON `json:"channels"`
				}{Channels: []channelJSON{}}
				for _, c := range chans {
					out.Channels = append(out.Channels, channelOut(c))
				}
				return a.writeJSON(out)
			}
			return channelTable(a, chans)
		},
	}
}
