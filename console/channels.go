package console

import (
	"context"
	"net/http"
	"strconv"
	"strings"

	"github.com/yujing-go/yujing/ops"
	"github.com/yujing-go/yujing/store"
)

// channelsBody is the channels page's data: every channel with its
// secrets masked (ops.Channels), the editor, and a test's outcome.
type channelsBody struct {
	List   []ops.ChannelInfo
	Form   channelForm
	Types  []channelType
	Result *testView
}

// channelType is a channel type the editor offers.
type channelType struct {
	Type int
	Name string
}

// channelForm is the editor: a new channel (Orig "") or the channel Orig.
// A secret detail's value is never put back into the form: its input is
// empty, and left empty it keeps the stored value.
type channelForm struct {
	Orig                   string
	No, Name, Type, Remark string
	Rows                   []detailRow
	// Retype is set when the form comes back refused: typed secrets are
	// not sent back, and must be typed again.
	Retype bool
}

// detailRow is one detail of the editor.
type detailRow struct {
	Key, Value string
	Secret     bool // its value is a secret: never shown
	Stored     bool // a secret value is stored for the key
}

// testView is a test message's outcome as the page shows it.
type testView struct {
	*ops.TestResult
	Meaning string
	Draft   bool
}

// emptyDetailRows is how many empty detail rows the editor adds.
const emptyDetailRows = 3

// builtinTypes are the channel types the editor offers for a new channel.
var builtinTypes = []store.ChannelType{store.ChannelWeCom, store.ChannelEmail, store.ChannelDingTalk, store.ChannelSlack,
	store.ChannelFeishu, store.ChannelWebhook}

// channels lists the channels, secrets masked, and shows the editor: a
// new channel, or ?edit=CODE.
func (c *console) channels(w http.ResponseWriter, r *http.Request, p *pageData) error {
	body := &channelsBody{Form: channelForm{Type: strconv.Itoa(int(store.ChannelWebhook))}}
	if code := strings.TrimSpace(r.URL.Query().Get("edit")); code != "" {
		form, err := c.editForm(r.Context(), code)
		if err != nil {
			return refusal(err)
		}
		body.Form = form
	}
	body.Form.Rows = padRows(body.Form.Rows)
	if err := c.fillChannels(r.Context(), body); err != nil {
		return err
	}
	p.Body = body
	return nil
}

// fillChannels reads the list and the types into body.
func (c *console) fillChannels(ctx context.Context, body *channelsBody) error {
	list, err := c.kit().Channels(ctx)
	if err != nil {
		return err
	}
	body.List = list
	for _, t := range builtinTypes {
		if name := c.engine.ChannelTypeName(int(t)); !strings.HasPrefix(name, "unknown") {
			body.Types = append(body.Types, channelType{Type: int(t), Name: name})
		}
	}
	return nil
}

// editForm is the editor of the saved channel code: its details' keys,
// the values of those that are not secret, and which secrets are stored.
func (c *console) editForm(ctx context.Context, code string) (channelForm, error) {
	cfg := c.engine.Config(c.db)
	ch, err := cfg.GetChannel(ctx, code)
	if err != nil {
		return channelForm{}, err
	}
	details, err := cfg.ChannelDetails(ctx, code)
	if err != nil {
		return channelForm{}, err
	}
	typ := 0
	if ch.Type != nil {
		typ = int(*ch.Type)
	}
	typeName := c.engine.ChannelTypeName(typ)
	f := channelForm{Orig: code, No: code, Name: deref(ch.ChannelName), Type: strconv.Itoa(typ), Remark: deref(ch.Remark)}
	for _, d := range details {
		if d.Status != nil && *d.Status != store.ConfigEnabled {
			continue
		}
		row := detailRow{Key: deref(d.DataKey), Secret: ops.SecretDetail(typeName, deref(d.DataKey))}
		if row.Secret {
			row.Stored = deref(d.DataValue) != ""
		} else {
			row.Value = deref(d.DataValue)
		}
		f.Rows = append(f.Rows, row)
	}
	return f, nil
}

// padRows adds the empty rows for new details.
func padRows(rows []detailRow) []detailRow {
	for range emptyDetailRows {
		rows = append(rows, detailRow{})
	}
	return rows
}
