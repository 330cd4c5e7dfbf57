package ops

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/yujing-go/yujing/store"
)

// The fields a plan shows of each kind of row: the columns the file
// manages, named as the file names them.

func text(p *string) string {
	if p == nil || *p == "" {
		return maskNone
	}
	return strconv.Quote(*p)
}

func num(p *int) string {
	if p == nil {
		return maskNone
	}
	return strconv.Itoa(*p)
}

func dec(p *decimal.Decimal) string {
	if p == nil {
		return maskNone
	}
	return p.String()
}

func statusText(p *store.ConfigStatus) string {
	switch statusOf(p) {
	case store.ConfigDisabled:
		return "disabled"
	case store.ConfigVoided:
		return "voided"
	}
	return "enabled"
}

func statusOf(p *store.ConfigStatus) store.ConfigStatus {
	if p == nil {
		return store.ConfigEnabled
	}
	return *p
}

func ruleFields(r *store.Rule) []field {
	return []field{{name: "fun_code", value: text(r.FunCode)}, {name: "threshold", value: text(r.ThresholdVal)},
		{name: "desc", value: text(r.FunDesc)}, {name: "sort", value: dec(r.Sort)}, {name: "remark", value: text(r.Remark)},
		{name: "pending_windows", value: num(r.Param1)}, {name: "resolve_windows", value: num(r.Param2)},
		{name: "status", value: statusText(r.Status)}, {name: "owner", value: text(r.Param5)}}
}

func templateFields(t *store.Template) []field {
	send := maskNone
	if t.SendType != nil {
		send = map[store.SendType]string{store.SendRealtime: "realtime", store.SendScheduled: "scheduled"}[*t.SendType]
		if send == "" {
			send = strconv.Itoa(int(*t.SendType))
		}
	}
	return []field{{name: "info_type", value: num(t.InfoType)}, {name: "send_type", value: send},
		{name: "schedule", value: text(t.Param4)}, {name: "slot_seconds", value: num(t.Param3)}, {name: "repeat_seconds", value: num(t.Param2)},
		{name: "remark", value: text(t.Remark)},
		{name: "en.title", value: text(t.Title)}, {name: "en.content", value: text(t.Content)},
		{name: "en.resolved", value: text(t.ResolvedContent)}, {name: "en.nodata", value: text(t.NoDataContent)},
		{name: "zh.title", value: text(t.Param6)}, {name: "zh.content", value: text(t.ContentChinese)},
		{name: "zh.resolved", value: text(t.ResolvedContentChinese)}, {name: "zh.nodata", value: text(t.NoDataContentChinese)},
		{name: "status", value: statusText(t.Status)}, {name: "owner", value: text(t.Param5)}}
}

func countryTemplateFields(m *store.CountryTemplate) []field {
	return []field{{name: "country_no", value: text(m.CountryNo)}, {name: "country_name", value: text(m.CountryName)},
		{name: "info_type", value: num(m.InfoType)}, {name: "mod_no", value: text(m.ModNo)}, {name: "remark", value: text(m.Remark)},
		{name: "status", value: statusText(m.Status)}, {name: "owner", value: text(m.Param5)}}
}

func ruleRouteFields(r *store.RuleRoute) []field {
	return []field{{name: "info_type", value: num(r.InfoType)}, {name: "country_no", value: text(r.CountryNo)},
		{name: "rule_no", value: text(r.RuleNo)}, {name: "sort", value: dec(r.Sort)}, {name: "remark", value: text(r.Remark)},
		{name: "nodata_windows", value: num(r.Param1)}, {name: "status", value: statusText(r.Status)}, {name: "owner", value: text(r.Param5)}}
}

func routingFields(r *store.Routing) []field {
	return []field{{name: "country_no", value: text(&r.CountryNo)}, {name: "country_name", value: text(&r.CountryName)},
		{name: "info_type", value: num(r.InfoType)}, {name: "channel_no", value: text(r.ChannelNo)}, {name: "sort", value: dec(r.Sort)},
		{name: "escalation.level", value: num(r.Param1)}, {name: "escalation.delay_seconds", value: num(r.Param3)},
		{name: "escalation.repeat_seconds", value: num(r.Param2)},
		{name: "status", value: statusText(r.Status)}, {name: "owner", value: text(r.Param5)}}
}

// channelRow is a channel and its enabled details (key → value), with the
// keys whose values are secrets.
type channelRow struct {
	store.Channel
	details map[string]string
	secret  map[string]bool
}

func channelFields(c *channelRow) []field {
	typ := maskNone
	if c.Type != nil {
		typ = channelTypeName(int(*c.Type))
	}
	out := []field{{name: "name", value: text(c.ChannelName)}, {name: "type", value: typ}, {name: "sort", value: dec(c.Sort)},
		{name: "remark", value: text(c.Remark)}, {name: "status", value: statusText(c.Status)}, {name: "owner", value: text(c.Param5)}}
	keys := make([]string, 0, len(c.details))
	for k := range c.details {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		secret := c.secret[k] || SecretDetail(typ, k)
		v := strconv.Quote(c.details[k])
		if secret {
			sum := sha256.Sum256([]byte(c.details[k]))
			v = hex.EncodeToString(sum[:]) // compared, never shown
		}
		out = append(out, field{name: "details." + k, value: v, secret: secret})
	}
	return out
}

// channelTypes are the names of the built-in channel types.
var channelTypes = map[string]store.ChannelType{"wecom": store.ChannelWeCom, "email": store.ChannelEmail, "dingtalk": store.ChannelDingTalk,
	"slack": store.ChannelSlack, "feishu": store.ChannelFeishu, "webhook": store.ChannelWebhook}

func channelTypeName(t int) string {
	for name, v := range channelTypes {
		if int(v) == t {
			return name
		}
	}
	return strconv.Itoa(t)
}

// parseChannelType reads a type name or number.
func parseChannelType(s string) (store.ChannelType, error) {
	if t, ok := channelTypes[strings.ToLower(strings.TrimSpace(s))]; ok {
		return t, nil
	}
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil || n < 0 {
		return 0, fmt.Errorf("type %q: a number or one of wecom, email, dingtalk, slack, feishu, webhook", s)
	}
	return store.ChannelType(n), nil
}

// parseSort reads a sort (decimal(4,2)); nil for none.
func parseSort(s *string) (*decimal.Decimal, error) {
	if s == nil || strings.TrimSpace(*s) == "" {
		return nil, nil
	}
	d, err := decimal.NewFromString(strings.TrimSpace(*s))
	if err != nil {
		return nil, fmt.Errorf("sort %q: not a number", *s)
	}
	return &d, nil
}
