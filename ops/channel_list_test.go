package ops_test

import (
	"bufio"
	"context"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/yujing-go/yujing/channel"
	"github.com/yujing-go/yujing/internal/testdb"
	"github.com/yujing-go/yujing/ops"
	"github.com/yujing-go/yujing/store"
)

// TestChannelsMasksSecrets lists saved channels: every secret masked (a
// URL keeps its scheme and host), the other values shown, a channel that
// does not build with its problem naming the key.
func TestChannelsMasksSecrets(t *testing.T) {
	for _, be := range testdb.Backends() {
		t.Run(be.Name, func(t *testing.T) {
			t.Parallel()
			db := be.Open(t)
			k := newKit(t, db)
			ctx := context.Background()
			ding := k.save(t, "ops ding", store.ChannelDingTalk, map[string]string{"access_token": dingToken, "secret": dingSecret,
				"at_mobiles": "13800001111", "lang": "zh"})
			hook := k.save(t, "hook", store.ChannelWebhook, map[string]string{"url": "https://hooks.example.com/in/" + hookSecret,
				"url.2": "/more-" + hookSecret, "header.Authorization": "Bearer " + hookSecret, "format": "markdown"})
			broken, err := db.UncheckedConfig().CreateChannel(ctx, store.Channel{ChannelName: new("broken"), Type: new(store.ChannelSlack)},
				detailRows(map[string]string{"token": "xoxb-" + wecomKey}))
			if err != nil {
				t.Fatal(err)
			}
			got, err := k.Channels(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != 3 {
				t.Fatalf("%d channels", len(got))
			}
			by := map[string]ops.ChannelInfo{}
			for _, c := range got {
				by[c.Channel] = c
			}
			d := by[ding]
			if d.TypeName != "dingtalk" || d.Name != "ops ding" || d.Language != channel.Chinese || d.Problem != "" || d.Status != store.ConfigEnabled {
				t.Errorf("dingtalk channel %+v", d)
			}
			wantDetails(t, d.Details, "access_token=*** (secret)", "at_mobiles=13800001111", "lang=zh", "secret=*** (secret)")
			h := by[hook]
			if h.Format != channel.Markdown {
				t.Errorf("webhook format %s", h.Format)
			}
			wantDetails(t, h.Details, "format=markdown", "header.Authorization=*** (secret)", "url=https://hooks.example.com/*** (secret)", "url.2=*** (secret)")
			b := by[*broken.ChannelNo]
			if b.Problem != `channel `+*broken.ChannelNo+` (slack): detail "channel": missing (required with token)` {
				t.Errorf("problem %q", b.Problem)
			}
			k.noSecret(t, got, dingToken, dingSecret, hookSecret, wecomKey)
		})
	}
}

func wantDetails(t *testing.T, got []ops.DetailInfo, want ...string) {
	t.Helper()
	var have []string
	for _, d := range got {
		s := d.Key + "=" + d.Value
		if d.Secret {
			s += " (secret)"
		}
		have = append(have, s)
	}
	if strings.Join(have, "\n") != strings.Join(want, "\n") {
		t.Errorf("details\n%s\nwant\n%s", strings.Join(have, "\n"), strings.Join(want, "\n"))
	}
}

// TestSecretDetailFollowsKeysMD: the keys channel/KEYS.md marks *secret*
// are secret, the others are not, for every built-in type.
func TestSecretDetailFollowsKeysMD(t *testing.T) {
	f, err := os.Open("../channel/KEYS.md")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	section := regexp.MustCompile("^## Type (\\d+): .* — `([a-z]+)`$")
	row := regexp.MustCompile("^\\| `([^`]+)` \\|")
	typeName, rows := "", 0
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if m := section.FindStringSubmatch(line); m != nil {
			typeName = m[2]
			continue
		}
		m := row.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		key := strings.Replace(m[1], "<Name>", "X-Token", 1)
		want := strings.Contains(line, "*secret*") || strings.Contains(line, "*secrets*")
		names := []string{typeName}
		if typeName == "" { // the common keys
			names = []string{"wecom", "email", "dingtalk", "slack", "feishu", "webhook"}
		}
		for _, n := range names {
			rows++
			if got := ops.SecretDetail(n, key); got != want {
				t.Errorf("SecretDetail(%q, %q) = %v; KEYS.md: %s", n, key, got, line)
			}
			if got := ops.SecretDetail(n, strings.ToUpper(key)+".2"); got != want {
				t.Errorf("SecretDetail(%q, %q.2) = %v", n, key, got)
			}
		}
	}
	if rows < 40 {
		t.Fatalf("read %d rows of KEYS.md", rows)
	}
	for _, k := range []string{"pin", "base_url", "anything"} {
		if !ops.SecretDetail("pager", k) {
			t.Errorf("a host type's %q is not taken for a secret", k)
		}
	}
	for _, k := range []string{"lang", "format", "rate_limit", "timeout"} {
		if ops.SecretDetail("pager", k) {
			t.Errorf("a host type's common key %q is taken for a secret", k)
		}
	}
}

// TestMaskDetail shows a URL's scheme and host only, and nothing of
// another secret.
func TestMaskDetail(t *testing.T) {
	for _, c := range []struct{ typ, key, value, want string }{
		{"slack", "webhook_url", "https://hooks.slack.com/services/T0/B0/XXXX", "https://hooks.slack.com/***"},
		{"webhook", "URL", "http://10.0.0.7:8080/hook?token=abc", "http://10.0.0.7:8080/***"},
		{"webhook", "url", "https://user:pw@hooks.example.com/x", "***"},
		{"webhook", "url.2", "https://not-a-start.example.com/x", "***"},
		{"wecom", "key", "693a91f6-7xxx", "***"},
		{"wecom", "base_url", "http://127.0.0.1:8080", "http://127.0.0.1:8080"},
		{"email", "password", "", ""},
		{"pager", "pin", "1234", "***"},
	} {
		if got := ops.MaskDetail(c.typ, c.key, c.value); got != c.want {
			t.Errorf("MaskDetail(%s, %s, %s) = %q, want %q", c.typ, c.key, c.value, got, c.want)
		}
	}
}
