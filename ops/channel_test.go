package ops_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-smtp"

	"github.com/yujing-go/yujing/alert"
	"github.com/yujing-go/yujing/channel"
	"github.com/yujing-go/yujing/internal/smtptest"
	"github.com/yujing-go/yujing/internal/testdb"
	"github.com/yujing-go/yujing/internal/webhooktest"
	"github.com/yujing-go/yujing/ops"
	"github.com/yujing-go/yujing/store"
)

// Secrets of the test channels: none may be in a result or a log line.
const (
	wecomKey      = "wk-5f2c9a7e-0d1b-4c3e-9f8a-7b6c5d4e3f2a"
	dingToken     = "dt-0a1b2c3d4e5f60718293a4b5c6d7e8f9"
	dingSecret    = "SECd1ff3c8e0b7a4f2c9e5d6b7a8c9d0e1f"
	feishuToken   = "fs-2f1e0d9c-8b7a-4c3d-9e8f-0a1b2c3d4e5f"
	feishuSecret  = "fsec-mBe3sXyZq9TkL2vW8nR4pH"
	slackHookPath = "/services/T0SECRET/B0SECRET/XoXhOoKsEcReT42"
	hookSecret    = "whsec-9f86d081884c7d65"
	smtpPassword  = "smtp-pa55-w0rd-Zq81"
)

var by = ops.TestRequest{By: "maria"}

func zh() *channel.Language { l := channel.Chinese; return &l }
func en() *channel.Language { l := channel.English; return &l }

// TestTestChannelSends sends a test message through every built-in type
// to a service served in-process and checks the exact request: the test's
// text, in the channel's language or the one asked for, naming the
// channel, the time and who asked.
func TestTestChannelSends(t *testing.T) {
	for _, be := range testdb.Backends() {
		t.Run(be.Name, func(t *testing.T) {
			t.Parallel()
			k := newKit(t, be.Open(t))
			ctx := context.Background()
			errOK := `{"errcode":0,"errmsg":"ok"}`
			wecom, ding, feishu, slack := newRobot(t, errOK), newRobot(t, errOK), newRobot(t, `{"code":0,"msg":"success"}`), newRobot(t, "ok")
			hook := webhooktest.New(hookSecret)
			t.Cleanup(hook.Close)
			ms := smtptest.Start(t, smtptest.Options{InsecureAuth: true, Username: "alerts", Password: smtpPassword})

			cases := []struct {
				name      string
				typ       store.ChannelType
				details   map[string]string
				lang      *channel.Language
				wantLang  channel.Language
				got       func(t *testing.T) string // what the service received, as text
				wantInReq string
			}{
				{"wecom", store.ChannelWeCom, map[string]string{"key": wecomKey, "base_url": wecom.URL, "lang": "zh"}, nil, channel.Chinese,
					func(t *testing.T) string { return onlyRequest(t, wecom, "/cgi-bin/webhook/send").text(t) }, ""},
				{"dingtalk", store.ChannelDingTalk, map[string]string{"access_token": dingToken, "secret": dingSecret, "base_url": ding.URL}, nil, channel.English,
					func(t *testing.T) string { return onlyRequest(t, ding, "/robot/send").text(t) }, ""},
				{"feishu", store.ChannelFeishu, map[string]string{"token": feishuToken, "secret": feishuSecret, "base_url": feishu.URL, "lang": "zh"}, en(), channel.English,
					func(t *testing.T) string {
						return onlyRequest(t, feishu, "/open-apis/bot/v2/hook/"+feishuToken).text(t)
					}, ""},
				{"slack", store.ChannelSlack, map[string]string{"webhook_url": slack.URL + slackHookPath}, zh(), channel.Chinese,
					func(t *testing.T) string { return onlyRequest(t, slack, slackHookPath).text(t) }, ""},
				{"webhook", store.ChannelWebhook, map[string]string{"url": hook.URL + "/alerts", "secret": hookSecret, "lang": "zh"}, nil, channel.Chinese,
					func(t *testing.T) string { return webhookText(t, hook) }, ""},
				{"email", store.ChannelEmail, map[string]string{"host": ms.Host, "port": ms.Port, "tls": "none", "username": "alerts",
					"password": smtpPassword, "from": "alerts@example.com", "to": "ops@example.com"}, nil, channel.English,
					func(t *testing.T) string { return mailText(t, ms) }, "Subject:"},
			}
			for _, c := range cases {
				t.Run(c.name, func(t *testing.T) {
					no := k.save(t, "test "+c.name, c.typ, c.details)
					r, err := k.TestChannel(ctx, no, ops.TestRequest{By: "maria", Language: c.lang})
					if err != nil {
						t.Fatal(err)
					}
					if r.Verdict != ops.Sent || !r.OK() || r.Answer != "" || r.Code != "" || r.AlertOutcome != alert.OutcomeSent {
						t.Fatalf("verdict %s: %s", r.Verdict, r.Answer)
					}
					if r.Channel != no || r.Name != "test "+c.name || r.TypeName != c.name || r.Language != c.wantLang || r.By != "maria" || !r.At.Equal(testNow) || r.Duration <= 0 {
						t.Errorf("result %+v", r)
					}
					title := "[TEST] yujing test message: channel " + no + " (test " + c.name + ")"
					lines := []string{"This is a test message from yujing, not an alert", "Sent at: 2026-12-01 09:30:00 UTC", "Asked by: maria", "type " + c.name}
					if c.wantLang == channel.Chinese {
						title = "【测试】yujing 测试消息：渠道 " + no + " (test " + c.name + ")"
						lines = []string{"这是一条 yujing 测试消息，不是告警", "发送时间：2026-12-01 09:30:00 UTC", "发起人：maria", "类型 " + c.name}
					}
					if r.Message.Title != title {
						t.Errorf("message title %q, want %q", r.Message.Title, title)
					}
					got := c.got(t)
					for _, want := range append(lines, title, c.wantInReq) {
						if !strings.Contains(got, want) {
							t.Errorf("the service did not get %q:\n%s", want, got)
						}
					}
					k.noSecret(t, r, wecomKey, dingToken, dingSecret, feishuToken, feishuSecret, "XoXhOoKsEcReT42", hookSecret, smtpPassword)
				})
			}
		})
	}
}

// onlyRequest is the one request the robot got, at path.
func onlyRequest(t *testing.T, r *robot, path string) request {
	t.Helper()
	got := r.requests()
	if len(got) != 1 || got[0].Path != path {
		t.Fatalf("the robot got %d requests (%+v), want one to %s", len(got), got, path)
	}
	return got[0]
}

func webhookText(t *testing.T, hook *webhooktest.Receiver) string {
	t.Helper()
	got := hook.Got()
	if len(got) != 1 || len(hook.Problems()) > 0 {
		t.Fatalf("the webhook got %d deliveries, problems %v", len(got), hook.Problems())
	}
	p := got[0].Payload
	if p.Labels["kind"] != "test" || p.Labels["requested_by"] != "maria" || got[0].IdempotencyKey == "" {
		t.Errorf("payload labels %v, idempotency key %q", p.Labels, got[0].IdempotencyKey)
	}
	return p.Language + "\n" + p.Title + "\n" + p.Text
}

func mailText(t *testing.T, ms *smtptest.Server) string {
	t.Helper()
	got := ms.Received()
	if len(got) != 1 || strings.Join(got[0].To, ",") != "ops@example.com" {
		t.Fatalf("the SMTP server got %d mails", len(got))
	}
	if a := ms.AuthAttempts(); len(a) != 1 || a[0] != "alerts:"+smtpPassword {
		t.Errorf("auth attempts %d", len(a))
	}
	return strings.NewReplacer("\r\n ", " ", "\n ", " ").Replace(string(got[0].Data)) // unfold the headers
}

// TestTestChannelClassifies checks how each answer is classified, that
// the answer's text is kept without the secrets, and that the service got
// exactly one request.
func TestTestChannelClassifies(t *testing.T) {
	for _, be := range testdb.Backends() {
		t.Run(be.Name, func(t *testing.T) {
			t.Parallel()
			k := newKit(t, be.Open(t))
			ctx := context.Background()
			cases := []struct {
				name        string
				typ         store.ChannelType
				answer      reply
				details     func(url string) map[string]string
				verdict     ops.Verdict
				code        string
				retryAfter  time.Duration
				answerSays  string
				wantRetries bool
			}{
				{"wecom bad key", store.ChannelWeCom, reply{Status: 200, Body: `{"errcode":93000,"errmsg":"invalid webhook url, key=` + wecomKey + `"}`},
					func(u string) map[string]string { return map[string]string{"key": wecomKey, "base_url": u} },
					ops.Refused, "93000", 0, "93000", false},
				{"dingtalk keyword", store.ChannelDingTalk, reply{Status: 200, Body: `{"errcode":310000,"errmsg":"keywords not in content"}`},
					func(u string) map[string]string { return map[string]string{"access_token": dingToken, "base_url": u} },
					ops.Refused, "310000", 0, "keywords not in content", false},
				{"dingtalk throttled", store.ChannelDingTalk, reply{Status: 200, Body: `{"errcode":130101,"errmsg":"send too fast"}`},
					func(u string) map[string]string {
						return map[string]string{"access_token": dingToken + "-2", "base_url": u}
					},
					ops.RateLimited, "130101", 10 * time.Minute, "send too fast", true},
				{"feishu bad request", store.ChannelFeishu, reply{Status: 400, Body: `{"code":9499,"msg":"Bad Request"}`},
					func(u string) map[string]string { return map[string]string{"token": feishuToken, "base_url": u} },
					ops.Refused, "9499", 0, "Bad Request", false},
				{"slack 429", store.ChannelSlack, reply{Status: 429, Body: "rate_limited", RetryAfter: "30"},
					func(u string) map[string]string { return map[string]string{"webhook_url": u + slackHookPath} },
					ops.RateLimited, "HTTP 429", 30 * time.Second, "rate limited", true},
				{"webhook 503", store.ChannelWebhook, reply{Status: 503, Body: "upstream down"},
					func(u string) map[string]string { return map[string]string{"url": u + "/hook?token=" + hookSecret} },
					ops.Unavailable, "HTTP 503", 0, "HTTP 503", true},
				{"webhook 502", store.ChannelWebhook, reply{Status: 502, Body: "bad gateway", RetryAfter: "7"},
					func(u string) map[string]string { return map[string]string{"url": u + "/hook2?token=" + hookSecret} },
					ops.Unavailable, "HTTP 502", 7 * time.Second, "HTTP 502", true},
			}
			for _, c := range cases {
				t.Run(c.name, func(t *testing.T) {
					rb := newRobot(t, "")
					rb.answerWith(c.answer)
					no := k.save(t, c.name, c.typ, c.details(rb.URL))
					r, err := k.TestChannel(ctx, no, by)
					if err != nil {
						t.Fatal(err)
					}
					if r.Verdict != c.verdict || r.Code != c.code || r.Retryable != c.wantRetries || r.RetryAfter != c.retryAfter {
						t.Errorf("verdict %s, code %q, retryable %v, retry after %s; want %s, %q, %v, %s (%s)",
							r.Verdict, r.Code, r.Retryable, r.RetryAfter, c.verdict, c.code, c.wantRetries, c.retryAfter, r.Answer)
					}
					if !strings.Contains(r.Answer, c.answerSays) || !strings.Contains(r.Answer, no) {
						t.Errorf("answer %q does not say %q and the channel", r.Answer, c.answerSays)
					}
					if n := len(rb.requests()); n != 1 {
						t.Errorf("the service got %d requests, want 1", n)
					}
					wantOutcome := map[ops.Verdict]string{ops.Refused: alert.OutcomeFailed, ops.RateLimited: alert.OutcomeRetry, ops.Unavailable: alert.OutcomeRetry}[c.verdict]
					if r.AlertOutcome != wantOutcome {
						t.Errorf("an alert's outcome %q, want %q", r.AlertOutcome, wantOutcome)
					}
					if r.Message.Title == "" || r.OK() {
						t.Errorf("result %+v", r)
					}
					k.noSecret(t, r, wecomKey, dingToken, feishuToken, "XoXhOoKsEcReT42", hookSecret)
				})
			}
		})
	}
}

// TestTestChannelNetwork: a service that does not answer is unavailable
// (retryable), and its URL's secret is not in the answer.
func TestTestChannelNetwork(t *testing.T) {
	k := newKit(t, testdb.SQLite(t))
	rb := newRobot(t, "")
	url := rb.URL
	rb.Close()
	no := k.save(t, "gone", store.ChannelWebhook, map[string]string{"url": url + "/hook/" + hookSecret, "timeout": "2s"})
	r, err := k.TestChannel(context.Background(), no, by)
	if err != nil {
		t.Fatal(err)
	}
	if r.Verdict != ops.Unavailable || !r.Retryable || r.Code != "" || !strings.Contains(r.Answer, "connection refused") {
		t.Errorf("verdict %s, retryable %v, code %q: %s", r.Verdict, r.Retryable, r.Code, r.Answer)
	}
	k.noSecret(t, r, hookSecret)
}

// TestTestChannelEmailRefused: an SMTP server refusing the login is a
// refusal with its reply code, and the password is in no output.
func TestTestChannelEmailRefused(t *testing.T) {
	k := newKit(t, testdb.SQLite(t))
	ms := smtptest.Start(t, smtptest.Options{InsecureAuth: true, Username: "alerts", Password: "x",
		AuthError: &smtp.SMTPError{Code: 535, EnhancedCode: smtp.EnhancedCode{5, 7, 8}, Message: "authentication failed"}})
	no := k.save(t, "mail", store.ChannelEmail, map[string]string{"host": ms.Host, "port": ms.Port, "tls": "none", "username": "alerts",
		"password": smtpPassword, "from": "alerts@example.com", "to": "ops@example.com"})
	r, err := k.TestChannel(context.Background(), no, by)
	if err != nil {
		t.Fatal(err)
	}
	if r.Verdict != ops.Refused || r.Retryable || !strings.Contains(r.Code, "535") {
		t.Errorf("verdict %s, code %q, retryable %v: %s", r.Verdict, r.Code, r.Retryable, r.Answer)
	}
	if len(ms.Received()) != 0 {
		t.Error("the mail was accepted")
	}
	k.noSecret(t, r, smtpPassword)
}

// TestTestChannelBadConfig: a channel missing a key, saved (without the
// engine's checks) or a draft, does not build: bad configuration naming
// the key, nothing sent.
func TestTestChannelBadConfig(t *testing.T) {
	for _, be := range testdb.Backends() {
		t.Run(be.Name, func(t *testing.T) {
			t.Parallel()
			db := be.Open(t)
			k := newKit(t, db)
			ctx := context.Background()
			ch, err := db.UncheckedConfig().CreateChannel(ctx, store.Channel{ChannelName: new("no token"), Type: new(store.ChannelDingTalk)},
				detailRows(map[string]string{"secret": dingSecret, "at_mobiles": "13800001111"}))
			if err != nil {
				t.Fatal(err)
			}
			saved, err := k.TestChannel(ctx, *ch.ChannelNo, by)
			if err != nil {
				t.Fatal(err)
			}
			draft, err := k.TestDraftChannel(ctx, store.Channel{ChannelName: new("draft"), Type: new(store.ChannelWeCom)},
				detailRows(map[string]string{"mentioned_list": "@all", "lang": "zh"}), by)
			if err != nil {
				t.Fatal(err)
			}
			badLang, err := k.TestDraftChannel(ctx, store.Channel{ChannelNo: new("CHX"), Type: new(store.ChannelWeCom)},
				detailRows(map[string]string{"key": wecomKey, "lang": "fr"}), by)
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range []struct {
				r        *ops.TestResult
				key, msg string
			}{
				{saved, "access_token", `channel ` + *ch.ChannelNo + ` (dingtalk): detail "access_token": missing`},
				{draft, "key", `channel draft (wecom): detail "key": missing`},
				{badLang, "lang", `channel CHX (wecom): detail "lang": want en or zh`},
			} {
				if c.r.Verdict != ops.BadConfig || c.r.Key != c.key || c.r.Answer != c.msg || c.r.Retryable || c.r.Message.Title != "" ||
					c.r.AlertOutcome != alert.OutcomeRetry {
					t.Errorf("verdict %s, key %q, answer %q; want bad_config, %q, %q", c.r.Verdict, c.r.Key, c.r.Answer, c.key, c.msg)
				}
			}
			k.noSecret(t, []*ops.TestResult{saved, draft, badLang}, dingSecret, wecomKey)
		})
	}
}

// TestTestDraftChannel sends to a channel that is not saved: nothing is
// written, the message names the draft.
func TestTestDraftChannel(t *testing.T) {
	db := testdb.SQLite(t)
	k := newKit(t, db)
	rb := newRobot(t, `{"errcode":0,"errmsg":"ok"}`)
	r, err := k.TestDraftChannel(context.Background(), store.Channel{ChannelName: new("ops group"), Type: new(store.ChannelWeCom)},
		[]store.ChannelDetail{{DataKey: new("KEY"), DataValue: new(wecomKey)}, {DataKey: new("base_url"), DataValue: new(rb.URL)},
			{DataKey: new("lang"), DataValue: new("en"), Status: new(store.ConfigDisabled)}, {DataKey: new("timout"), DataValue: new("5s")}},
		ops.TestRequest{By: "wang", Language: zh()})
	if err != nil {
		t.Fatal(err)
	}
	if r.Verdict != ops.Sent || r.Channel != "ops group" || r.Language != channel.Chinese || strings.Join(r.UnknownKeys, ",") != "timout" {
		t.Fatalf("result %+v", r)
	}
	body := onlyRequest(t, rb, "/cgi-bin/webhook/send").text(t)
	if !strings.Contains(body, "渠道 ops group") || !strings.Contains(body, "发起人：wang") {
		t.Errorf("request:\n%s", body)
	}
	if got := rb.requests()[0].Query; got != "key="+wecomKey {
		t.Errorf("query %q", got)
	}
	chans, err := k.Channels(context.Background())
	if err != nil || len(chans) != 0 {
		t.Errorf("a draft was saved: %v %v", chans, err)
	}
}

// TestTestChannelBudget: a test message takes a slot of the robot's rate
// budget (kept in the database, shared by every engine) like any send,
// and a throttling answer pauses the robot for every engine: the next
// test is rate limited without reaching the service.
func TestTestChannelBudget(t *testing.T) {
	for _, be := range testdb.Backends() {
		t.Run(be.Name, func(t *testing.T) {
			t.Parallel()
			db := be.Open(t)
			k := newKit(t, db, alert.WithLease(4*time.Second)) // a send's budget: timeout 1s + lease/4
			ctx := context.Background()
			rb := newRobot(t, `{"errcode":0,"errmsg":"ok"}`)
			no := k.save(t, "slow robot", store.ChannelWeCom, map[string]string{"key": wecomKey, "base_url": rb.URL, "rate_limit": "1", "timeout": "1s"})
			first, err := k.TestChannel(ctx, no, by)
			if err != nil || first.Verdict != ops.Sent {
				t.Fatalf("first: %v %+v", err, first)
			}
			// Another engine on the same database shares the robot's budget.
			other := newKit(t, db, alert.WithLease(4*time.Second))
			second, err := other.TestChannel(ctx, no, by)
			if err != nil {
				t.Fatal(err)
			}
			if second.Verdict != ops.RateLimited || second.Code != "" || !second.Retryable || second.RetryAfter < 50*time.Second ||
				second.AlertOutcome != alert.OutcomeDeferred ||
				!strings.Contains(second.Answer, channel.ErrRateLimited.Error()) {
				t.Errorf("second: verdict %s, code %q, retry after %s: %s", second.Verdict, second.Code, second.RetryAfter, second.Answer)
			}
			if n := len(rb.requests()); n != 1 {
				t.Errorf("the robot got %d requests, want 1", n)
			}

			// A throttle pauses the robot for every engine.
			ding := newRobot(t, `{"errcode":130101,"errmsg":"send too fast"}`)
			dno := k.save(t, "throttled", store.ChannelDingTalk, map[string]string{"access_token": dingToken, "base_url": ding.URL})
			r, err := k.TestChannel(ctx, dno, by)
			if err != nil || r.Verdict != ops.RateLimited || r.Code != "130101" {
				t.Fatalf("throttled: %v %+v", err, r)
			}
			again, err := other.TestChannel(ctx, dno, by)
			if err != nil {
				t.Fatal(err)
			}
			if again.Verdict != ops.RateLimited || !strings.Contains(again.Answer, "paused") || again.RetryAfter < 9*time.Minute {
				t.Errorf("after the throttle: verdict %s, retry after %s: %s", again.Verdict, again.RetryAfter, again.Answer)
			}
			if n := len(ding.requests()); n != 1 {
				t.Errorf("the throttled robot got %d requests, want 1", n)
			}
			k.noSecret(t, []*ops.TestResult{first, second, r, again}, wecomKey, dingToken)
			other.noSecret(t, nil, wecomKey, dingToken)
		})
	}
}

// TestTestChannelRefusesBadRequests: a missing channel wraps
// store.ErrNotFound; a request without a name is refused by the checks.
func TestTestChannelRefusesBadRequests(t *testing.T) {
	k := newKit(t, testdb.SQLite(t))
	ctx := context.Background()
	if _, err := k.TestChannel(ctx, "CHNOPE", by); !errors.Is(err, store.ErrNotFound) || !strings.Contains(err.Error(), "CHNOPE") {
		t.Errorf("missing channel: %v", err)
	}
	for _, who := range []string{"", "  ", strings.Repeat("x", 65)} {
		_, err := k.TestDraftChannel(ctx, store.Channel{}, nil, ops.TestRequest{By: who})
		if _, ok := errors.AsType[*store.ValidationError](err); !ok {
			t.Errorf("by %q: %v, want a *store.ValidationError", who, err)
		}
	}
}

// TestTestChannelHostType: a host's own channel type is built by the
// engine's registry; its plain error is classified and scrubbed of every
// non-common detail value (the toolkit does not know which are secret).
func TestTestChannelHostType(t *testing.T) {
	const pager = 9
	k := newKit(t, testdb.SQLite(t), alert.WithChannelType(pager, "pager", func(cfg channel.Config) (channel.Sender, error) {
		pin, err := cfg.Required("pin")
		if err != nil {
			return nil, err
		}
		return channel.SenderFunc(func(context.Context, channel.Message) error {
			return fmt.Errorf("pager refused pin %s", pin)
		}), nil
	}))
	r, err := k.TestDraftChannel(context.Background(), store.Channel{ChannelNo: new("PG1"), Type: new(store.ChannelType(pager))},
		detailRows(map[string]string{"pin": "pin-77441", "lang": "zh"}), by)
	if err != nil {
		t.Fatal(err)
	}
	if r.Verdict != ops.Refused || r.TypeName != "pager" || r.Answer != "channel PG1 (pager): permanent: pager refused pin [REDACTED]" {
		t.Errorf("verdict %s: %q", r.Verdict, r.Answer)
	}
	k.noSecret(t, r, "pin-77441")
}
