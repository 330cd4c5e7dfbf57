package console_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/yujing-go/yujing/console"
	"github.com/yujing-go/yujing/internal/testdb"
	"github.com/yujing-go/yujing/internal/webhooktest"
	"github.com/yujing-go/yujing/store"
)

const (
	draftSecret = "whsec-draft-never-shown-9c41"
	draftToken  = "tok-draft-never-shown-3b07"
	newSecret   = "whsec-replaced-never-shown-1e88"
)

// channelForm is the editor's form for a webhook channel to recv.
func channelForm(orig, name, urlValue, secret string) url.Values {
	return url.Values{"orig": {orig}, "channel_no": {"CH-TWO"}, "name": {name}, "type": {"5"}, "remark": {"second robot"},
		"key": {"url", "secret", "lang", ""}, "value": {urlValue, secret, "en", ""}, "action": {"save"}}
}

// storedDetails are the channel's enabled details by key.
func storedDetails(t *testing.T, f *fixture, code string) map[string]string {
	t.Helper()
	ds, err := f.engine.Config(f.db).ChannelDetails(context.Background(), code)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, d := range ds {
		if d.Status == nil || *d.Status == store.ConfigEnabled {
			out[deref(d.DataKey)] = deref(d.DataValue)
		}
	}
	return out
}

// TestChannelEditor: a channel created with the editor is stored with its
// secrets and the user (create_uid); the editor then shows its secret
// inputs empty with "(unchanged — type to replace)"; saved with them
// empty, the stored secrets are kept (update_uid the new user); typed,
// replaced. A refusal is 422 and shows the form without the typed
// secret. No answer holds a secret.
func TestChannelEditor(t *testing.T) {
	for _, be := range testdb.Backends() {
		t.Run(be.Name, func(t *testing.T) {
			f := newFixture(t, be.Open, fixtureOpts{console: userHeader()})
			ctx := context.Background()
			urlValue := f.recv.URL + "/two?token=" + draftToken
			code, body, hdr := f.post("channels", channelForm("", "two", urlValue, draftSecret), "X-User", "maria")
			if code != http.StatusSeeOther || hdr.Get("Location") != "channels?done=channel&edit=CH-TWO" {
				t.Fatalf("create: %d %q\n%s", code, hdr.Get("Location"), body)
			}
			ch, err := f.engine.Config(f.db).GetChannel(ctx, "CH-TWO")
			if err != nil || deref(ch.CreateUID) != "maria" || deref(ch.ChannelName) != "two" {
				t.Fatalf("stored %+v %v", ch, err)
			}
			if d := storedDetails(t, f, "CH-TWO"); d["url"] != urlValue || d["secret"] != draftSecret || d["lang"] != "en" {
				t.Fatalf("stored details %v", d)
			}
			_, editor := f.get("channels?done=channel&edit=CH-TWO")
			if strings.Count(editor, "(unchanged — type to replace)") != 2 || !strings.Contains(editor, "Channel saved.") ||
				!strings.Contains(editor, `value="en"`) {
				t.Errorf("the editor does not show the stored secrets as unchanged:\n%s", editor)
			}
			code, body, _ = f.post("channels", channelForm("CH-TWO", "two-b", "", ""), "X-User", "li.wei")
			if code != http.StatusSeeOther {
				t.Fatalf("update keeping the secrets: %d\n%s", code, body)
			}
			ch, _ = f.engine.Config(f.db).GetChannel(ctx, "CH-TWO")
			if d := storedDetails(t, f, "CH-TWO"); d["url"] != urlValue || d["secret"] != draftSecret || deref(ch.UpdateUID) != "li.wei" ||
				deref(ch.ChannelName) != "two-b" {
				t.Errorf("after an update with empty secrets: %v, update_uid %q, name %q", d, deref(ch.UpdateUID), deref(ch.ChannelName))
			}
			if code, body, _ = f.post("channels", channelForm("CH-TWO", "two-b", "", newSecret), "X-User", "li.wei"); code != http.StatusSeeOther {
				t.Fatalf("update replacing the secret: %d\n%s", code, body)
			}
			if d := storedDetails(t, f, "CH-TWO"); d["secret"] != newSecret || d["url"] != urlValue {
				t.Errorf("the typed secret did not replace the stored one: %v", d)
			}
			// The same destination as CH-TWO is refused: the answer shows
			// the form, not the secret typed.
			dup := channelForm("", "dup", urlValue, newSecret)
			dup.Set("channel_no", "CH-DUP")
			code, refused, _ := f.post("channels", dup, "X-User", "maria")
			if code != http.StatusUnprocessableEntity || !strings.Contains(refused, "CH-TWO") || !strings.Contains(refused, `name="channel_no" value="CH-DUP"`) {
				t.Errorf("a duplicate channel: %d\n%s", code, refused)
			}
			_, list := f.get("channels")
			if !strings.Contains(list, "CH-TWO") || !strings.Contains(list, "***") {
				t.Errorf("the list does not show the channel masked:\n%s", list)
			}
			assertNoSecret(t, body+editor+refused+list)
			assertNoSecret(t, f.logText())
		})
	}
}

// TestChannelSendTest: "send test" sends the saved channel a real test
// message (the robot gets it) and shows "sent"; a robot that refuses the
// token shows "refused" with its answer, and no secret; a draft is
// tested before it is saved, and an unreachable one's answer (the
// transport's error, which names the URL) shows no token.
func TestChannelSendTest(t *testing.T) {
	for _, be := range testdb.Backends() {
		t.Run(be.Name, func(t *testing.T) {
			f := newFixture(t, be.Open, fixtureOpts{console: userHeader()})
			code, page, _ := f.post("channel-test", url.Values{"code": {"CH-HOOK"}}, "X-User", "maria")
			got := f.recv.Got()
			if code != http.StatusOK || !strings.Contains(page, `data-verdict="sent"`) || len(got) != 1 ||
				!strings.Contains(got[0].Payload.English.Text, "maria") {
				t.Fatalf("send test: %d, robot got %d\n%s", code, len(got), page)
			}
			f.recv.Answer(func(webhooktest.Received, int) webhooktest.Reply {
				return webhooktest.Reply{Status: http.StatusUnauthorized}
			})
			_, refused, _ := f.post("channel-test", url.Values{"code": {"CH-HOOK"}}, "X-User", "maria")
			if !strings.Contains(refused, `data-verdict="refused"`) || !strings.Contains(refused, "401") {
				t.Errorf("a refused token:\n%s", refused)
			}
			f.recv.Answer(func(webhooktest.Received, int) webhooktest.Reply { return webhooktest.Reply{} })
			draft := channelForm("", "draft", f.recv.URL+"/draft?token="+draftToken, webhookSecret)
			draft.Set("action", "test")
			_, drafted, _ := f.post("channels", draft, "X-User", "maria")
			if !strings.Contains(drafted, `data-verdict="sent"`) || !strings.Contains(drafted, "Test of the draft") {
				t.Errorf("draft test:\n%s", drafted)
			}
			// A robot that is gone: the transport's error names the URL,
			// which the answer shows scrubbed of its token.
			gone := httptest.NewServer(http.NotFoundHandler())
			gone.Close()
			unreachable := channelForm("", "gone", gone.URL+"/gone?token="+draftToken, draftSecret)
			unreachable.Set("action", "test")
			_, down, _ := f.post("channels", unreachable, "X-User", "maria")
			if !strings.Contains(down, `data-verdict="unavailable"`) || !strings.Contains(down, `id="answer"`) {
				t.Errorf("an unreachable draft:\n%s", down)
			}
			drafted += down
			if _, err := f.engine.Config(f.db).GetChannel(context.Background(), "CH-TWO"); err == nil {
				t.Error("a tested draft was saved")
			}
			if code, _, _ := f.post("channel-test", url.Values{"code": {"CH-NONE"}}, "X-User", "maria"); code != http.StatusNotFound {
				t.Errorf("testing a missing channel: %d, want 404", code)
			}
			if got := f.recv.Got(); got[len(got)-1].Path != "/draft" {
				t.Errorf("the robot did not get the draft's test: %+v", got[len(got)-1])
			}
			assertNoSecret(t, page+refused+drafted)
			assertNoSecret(t, f.logText())
		})
	}
}

// TestChannelWritesRefused: the channel writes refuse a cross-origin
// request, a read-only console shows no editor and refuses them, and a
// hostile channel name is escaped.
func TestChannelWritesRefused(t *testing.T) {
	for _, be := range testdb.Backends() {
		t.Run(be.Name, func(t *testing.T) {
			f := newFixture(t, be.Open, fixtureOpts{})
			form := channelForm("", "two", f.recv.URL+"/x", draftSecret)
			for _, path := range []string{"channels", "channel-test"} {
				code, _, _ := f.post(path, url.Values{"code": {"CH-HOOK"}, "name": form["name"], "type": {"5"}, "key": form["key"],
					"value": form["value"]}, "Origin", "https://evil.example", "Sec-Fetch-Site", "cross-site")
				if code != http.StatusForbidden {
					t.Errorf("cross-origin POST %s: %d, want 403", path, code)
				}
			}
			if len(f.recv.Got()) != 0 {
				t.Error("a cross-origin test was sent")
			}
			hostile := channelForm("", `<script>x</script>`, f.recv.URL+"/h", draftSecret)
			if code, body, _ := f.post("channels", hostile); code != http.StatusSeeOther {
				t.Fatalf("hostile name: %d\n%s", code, body)
			}
			_, list := f.get("channels")
			if strings.Contains(list, "<script>x") || !strings.Contains(list, "&lt;script&gt;") {
				t.Error("the hostile channel name is not escaped")
			}
			ro := newFixture(t, be.Open, fixtureOpts{console: []console.Option{console.ReadOnly()}})
			if code, _, _ := ro.post("channels", form); code != http.StatusForbidden {
				t.Errorf("read-only save: %d", code)
			}
			if code, _, _ := ro.post("channel-test", url.Values{"code": {"CH-HOOK"}}); code != http.StatusForbidden {
				t.Errorf("read-only test: %d", code)
			}
			if _, page := ro.get("channels"); strings.Contains(page, "channel-editor") || strings.Contains(page, "send-test") ||
				!strings.Contains(page, "CH-HOOK") {
				t.Error("the read-only channels page offers writes, or lists nothing")
			}
		})
	}
}
