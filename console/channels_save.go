package console

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/yujing-go/yujing/channel"
	"github.com/yujing-go/yujing/ops"
	"github.com/yujing-go/yujing/store"
)

// channelDraft is the editor's form read: the channel and details to
// write, the form to show again (no secret in it), and the secret values
// no answer may hold.
type channelDraft struct {
	form    channelForm
	ch      store.Channel
	details []store.ChannelDetail
	secrets []string
}

// saveChannel creates or updates a channel and its details through the
// engine's validated configuration API as the user (create_uid,
// update_uid), or, with action=test, sends the draft a test message
// without saving it. A secret detail left empty keeps its stored value.
// A refusal shows the editor again, as typed but for the secrets (422).
func (c *console) saveChannel(w http.ResponseWriter, r *http.Request, user string) error {
	d, err := c.readChannel(r.Context(), r.PostForm)
	if err != nil {
		return refusal(err)
	}
	if r.PostForm.Get("action") == "test" {
		res, err := c.kit().TestDraftChannel(r.Context(), d.ch, d.details, ops.TestRequest{By: user})
		if err != nil {
			return refusal(err)
		}
		c.log.InfoContext(r.Context(), "console: draft channel tested", "channel", res.Channel, "verdict", res.Verdict, "by", user)
		return c.showChannels(w, r, d, &testView{TestResult: res, Draft: true}, nil)
	}
	no, err := c.storeChannel(r.Context(), user, d)
	if err != nil {
		if _, ok := errors.AsType[*store.ValidationError](err); !ok {
			return err
		}
		return c.showChannels(w, r, d, nil, err)
	}
	c.log.InfoContext(r.Context(), "console: channel saved", "channel", no, "new", d.form.Orig == "", "by", user)
	seeOther(w, "channels?done=channel&edit="+url.QueryEscape(no))
	return nil
}

// storeChannel writes the draft: a new channel with its details in one
// transaction, or the channel's name and remark, then its details.
func (c *console) storeChannel(ctx context.Context, user string, d channelDraft) (string, error) {
	cfg := c.engine.Config(c.db, store.AsUser(user))
	if d.form.Orig == "" {
		ch, err := cfg.CreateChannel(ctx, d.ch, d.details)
		return deref(ch.ChannelNo), err
	}
	if _, err := cfg.UpdateChannel(ctx, d.ch); err != nil {
		return "", err
	}
	return d.form.Orig, cfg.SetChannelDetails(ctx, d.form.Orig, d.details)
}

// showChannels answers with the channels page: the editor as d's form,
// a test's outcome, or a refusal (422) with its words, scrubbed of the
// draft's secrets.
func (c *console) showChannels(w http.ResponseWriter, r *http.Request, d channelDraft, res *testView, refused error) error {
	p := c.newPageData(w, r, "channels")
	body := &channelsBody{Form: d.form, Result: res}
	body.Form.Rows = padRows(body.Form.Rows)
	if err := c.fillChannels(r.Context(), body); err != nil {
		return err
	}
	if res != nil {
		res.Meaning = p.T["verdict."+string(res.Verdict)]
	}
	p.Body = body
	status := http.StatusOK
	if refused != nil {
		status, p.Error, p.Detail = http.StatusUnprocessableEntity, p.T["err.title"], channel.RedactString(refused.Error(), d.secrets...)
	}
	c.render(w, r, status, p)
	return nil
}

// readChannel reads the editor's form. Editing a saved channel (orig),
// its type is the stored one and an empty secret keeps the stored value.
func (c *console) readChannel(ctx context.Context, f url.Values) (channelDraft, error) {
	d := channelDraft{form: channelForm{Orig: strings.TrimSpace(f.Get("orig")), No: strings.TrimSpace(f.Get("channel_no")),
		Name: strings.TrimSpace(f.Get("name")), Type: strings.TrimSpace(f.Get("type")), Remark: strings.TrimSpace(f.Get("remark"))}}
	stored := map[string]string{}
	if d.form.Orig != "" {
		cfg := c.engine.Config(c.db)
		ch, err := cfg.GetChannel(ctx, d.form.Orig)
		if err != nil {
			return d, err
		}
		details, err := cfg.ChannelDetails(ctx, d.form.Orig)
		if err != nil {
			return d, err
		}
		for _, det := range details {
			if det.Status == nil || *det.Status == store.ConfigEnabled {
				stored[strings.ToLower(deref(det.DataKey))] = deref(det.DataValue)
			}
		}
		ch.ChannelName, ch.Remark = optional(d.form.Name), optional(d.form.Remark)
		if ch.Type == nil {
			ch.Type = new(store.ChannelWeCom) // as the engine reads a channel without a type
		}
		d.ch, d.form.No, d.form.Type = ch, d.form.Orig, strconv.Itoa(int(*ch.Type))
	} else {
		typ, err := strconv.Atoi(d.form.Type)
		if err != nil {
			return d, &store.ValidationError{Table: "monitor_channel", Column: "type", Reason: "choose a channel type"}
		}
		d.ch = store.Channel{ChannelNo: optional(d.form.No), ChannelName: optional(d.form.Name), Type: new(store.ChannelType(typ)),
			Remark: optional(d.form.Remark)}
	}
	d.readDetails(c.engine.ChannelTypeName(int(*d.ch.Type)), f, stored)
	return d, nil
}

// readDetails reads the detail rows: an empty key or a removed row is
// left out, and so is an empty value, but for a secret whose value is
// stored, which it keeps.
func (d *channelDraft) readDetails(typeName string, f url.Values, stored map[string]string) {
	keys, values, removed := f["key"], f["value"], f["remove"]
	for i, key := range keys {
		key = strings.TrimSpace(key)
		if key == "" || slices.Contains(removed, key) {
			continue
		}
		value := ""
		if i < len(values) {
			value = strings.TrimSpace(values[i])
		}
		secret := ops.SecretDetail(typeName, key)
		old, has := stored[strings.ToLower(key)]
		row := detailRow{Key: key, Secret: secret, Stored: secret && has && old != ""}
		switch {
		case value == "" && row.Stored:
			value = old
		case value == "":
			continue
		case secret:
			d.form.Retype = true
		default:
			row.Value = value
		}
		if secret {
			d.secrets = append(d.secrets, value)
		}
		d.form.Rows = append(d.form.Rows, row)
		d.details = append(d.details, store.ChannelDetail{DataKey: new(key), DataValue: new(value)})
	}
}

// testChannel sends the saved channel a test message (ops.TestChannel) as
// the user and shows the verdict, its meaning, the answer (scrubbed of
// the channel's secrets) and how long it took.
func (c *console) testChannel(w http.ResponseWriter, r *http.Request, user string) error {
	code := strings.TrimSpace(r.PostForm.Get("code"))
	res, err := c.kit().TestChannel(r.Context(), code, ops.TestRequest{By: user})
	if err != nil {
		return refusal(err)
	}
	c.log.InfoContext(r.Context(), "console: channel tested", "channel", code, "verdict", res.Verdict, "by", user)
	form, err := c.editForm(r.Context(), code)
	if err != nil {
		return refusal(err)
	}
	return c.showChannels(w, r, channelDraft{form: form}, &testView{TestResult: res}, nil)
}
