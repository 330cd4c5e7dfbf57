package cli

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/yujing-go/yujing/store"
)

const (
	robotKey   = "rk-7d8a6e6d-f762-4155-9ce0-d21922b67670"
	robotToken = "dt-1f2e3d4c5b6a79880a1b2c3d4e5f6a7b"
)

// fakeRobot serves a robot's API: it answers body with status, and keeps
// the bodies it got.
func fakeRobot(t *testing.T, status int, body, retryAfter string) (*httptest.Server, func() []string) {
	t.Helper()
	var mu sync.Mutex
	var got []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		mu.Lock()
		got = append(got, string(b))
		mu.Unlock()
		if retryAfter != "" {
			w.Header().Set("Retry-After", retryAfter)
		}
		w.WriteHeader(status)
		_, _ = io.WriteString(w, body)
	}))
	t.Cleanup(srv.Close)
	return srv, func() []string { mu.Lock(); defer mu.Unlock(); return append([]string(nil), got...) }
}

// saveChannel writes a channel without the engine's checks (a broken one
// too) and returns its code.
func saveChannel(t *testing.T, db *store.DB, name string, typ store.ChannelType, details map[string]string) string {
	t.Helper()
	var rows []store.ChannelDetail
	for k, v := range details {
		rows = append(rows, store.ChannelDetail{DataKey: new(k), DataValue: new(v)})
	}
	ch, err := db.UncheckedConfig().CreateChannel(context.Background(), store.Channel{ChannelName: new(name), Type: new(typ)}, rows)
	if err != nil {
		t.Fatal(err)
	}
	return *ch.ChannelNo
}

// noSecrets fails when a run printed a secret.
func noSecrets(t *testing.T, r result, secrets ...string) {
	t.Helper()
	for _, s := range secrets {
		if strings.Contains(r.stdout+r.stderr, s) {
			t.Errorf("the output shows the secret %q:\n%s\n%s", s, r.stdout, r.stderr)
		}
	}
}

func TestChannelTest(t *testing.T) {
	forEachBackend(t, func(t *testing.T, b *backend) {
		b.migrated(t)
		db := b.open(t)
		okRobot, okGot := fakeRobot(t, 200, `{"errcode":0,"errmsg":"ok"}`, "")
		badRobot, badGot := fakeRobot(t, 200, `{"errcode":93000,"errmsg":"invalid webhook url"}`, "")
		downHook, _ := fakeRobot(t, 503, "upstream down", "")
		ok := saveChannel(t, db, "ops group", store.ChannelWeCom, map[string]string{"key": robotKey, "base_url": okRobot.URL})
		bad := saveChannel(t, db, "bad key", store.ChannelWeCom, map[string]string{"key": robotKey + "-x", "base_url": badRobot.URL})
		broken := saveChannel(t, db, "no token", store.ChannelDingTalk, map[string]string{"secret": robotToken})
		down := saveChannel(t, db, "hook", store.ChannelWebhook, map[string]string{"url": downHook.URL + "/in/" + robotToken})

		r := must(t, b.args("channel", "test", ok, "--by", "maria")...)
		for _, want := range []string{"verdict", "sent", "ops group", "[TEST] yujing test message: channel " + ok, "maria"} {
			if !strings.Contains(r.stdout, want) {
				t.Errorf("the table does not say %q:\n%s", want, r.stdout)
			}
		}
		var out testJSON
		decode(t, must(t, b.args("channel", "test", ok, "--by", "maria", "--lang", "zh", "-o", "json")...), &out)
		if out.Verdict != "sent" || !out.Sent || out.Language == nil || *out.Language != "zh" || out.Message == nil ||
			!strings.HasPrefix(out.Message.Title, "【测试】") || out.Code != nil || out.Answer != nil || out.RequestedBy != "maria" {
			t.Errorf("json %+v", out)
		}
		if got := okGot(); len(got) != 2 || !strings.Contains(got[0], "Asked by: maria") || !strings.Contains(got[1], "发起人：maria") {
			t.Errorf("the robot got %q", got)
		}

		r = yujing(t, b.args("channel", "test", bad, "--by", "maria")...)
		r.want(t, exitFailure, "channel "+bad+": test message refused (code 93000)")
		if !strings.Contains(r.stdout, "refused") || !strings.Contains(r.stdout, "invalid webhook url") || len(badGot()) != 1 ||
			!strings.Contains(r.stdout, "fail at once, without retries") {
			t.Errorf("stdout:\n%s", r.stdout)
		}
		noSecrets(t, r, robotKey)

		r = yujing(t, b.args("channel", "test", broken, "--by", "maria", "-o", "json")...)
		r.want(t, exitFailure, "test message bad_config")
		decode(t, r, &out)
		if out.Verdict != "bad_config" || out.Key == nil || *out.Key != "access_token" || out.Answer == nil ||
			!strings.Contains(*out.Answer, `detail "access_token": missing`) || out.Message != nil || out.Language != nil {
			t.Errorf("json %+v", out)
		}
		noSecrets(t, r, robotToken)

		r = yujing(t, b.args("channel", "test", down, "--by", "maria", "-o", "json")...)
		r.want(t, exitFailure, "test message unavailable (code HTTP 503)")
		decode(t, r, &out)
		if out.Verdict != "unavailable" || !out.Retryable || out.Code == nil || *out.Code != "HTTP 503" || out.AlertOutcome != "retry" {
			t.Errorf("json %+v", out)
		}
		noSecrets(t, r, robotToken)

		yujing(t, b.args("channel", "test", "CHNOPE", "--by", "maria")...).want(t, exitNotFound, "CHNOPE")
		yujing(t, b.args("channel", "test", ok, "--by", "maria", "--lang", "fr")...).want(t, exitUsage, `--lang "fr"`)
		yujing(t, b.args("channel", "test", "--by", "maria")...).want(t, exitUsage, "one channel code")
		yujing(t, b.args("channel", "test", ok, "--by", " ")...).want(t, exitUsage, "--by")
	})
}

func TestChannelList(t *testing.T) {
	forEachBackend(t, func(t *testing.T, b *backend) {
		b.migrated(t)
		db := b.open(t)
		wecom := saveChannel(t, db, "ops group", store.ChannelWeCom, map[string]string{"key": robotKey, "lang": "zh", "mentioned_list": "@all"})
		slack := saveChannel(t, db, "slack", store.ChannelSlack, map[string]string{"webhook_url": "https://hooks.slack.com/services/T0/B0/" + robotToken})
		broken := saveChannel(t, db, "no token", store.ChannelDingTalk, map[string]string{"secret": robotToken, "timout": "5s"})

		r := must(t, b.args("channel", "list")...)
		rows := lines(r.stdout)
		if len(rows) != 4 || !strings.HasPrefix(rows[0], "CODE") {
			t.Fatalf("table:\n%s", r.stdout)
		}
		for _, want := range []string{
			wecom, "key=***", "lang=zh", "mentioned_list=@all",
			slack, "webhook_url=https://hooks.slack.com/***",
			broken, `detail "access_token": missing`, "secret=***",
		} {
			if !strings.Contains(r.stdout, want) {
				t.Errorf("the table does not say %q:\n%s", want, r.stdout)
			}
		}
		noSecrets(t, r, robotKey, robotToken)

		var out struct {
			Channels []channelJSON `json:"channels"`
		}
		r = must(t, b.args("channel", "list", "-o", "json")...)
		decode(t, r, &out)
		if len(out.Channels) != 3 {
			t.Fatalf("json: %s", r.stdout)
		}
		for _, c := range out.Channels {
			switch c.Channel {
			case wecom:
				if c.TypeName != "wecom" || c.Status != "enabled" || c.Language == nil || *c.Language != "zh" || c.Problem != nil || len(c.Details) != 3 {
					t.Errorf("wecom %+v", c)
				}
				for _, d := range c.Details {
					if (d.Key == "key") != d.Secret || d.Status != "enabled" {
						t.Errorf("detail %+v", d)
					}
				}
			case broken:
				if c.Problem == nil || c.Language != nil {
					t.Errorf("broken %+v", c)
				}
			}
		}
		noSecrets(t, r, robotKey, robotToken)
		yujing(t, b.args("channel", "list", "extra")...).want(t, exitUsage, "takes no arguments")
	})
}
