package channel

// Channel types: monitor_channel.type. The seed defines 0–2; 3–5 are this
// module's additions. A host may register its own types on a Registry.
const (
	TypeWeCom    = 0 // WeCom (企业微信) group robot: package wecom
	TypeEmail    = 1 // email over SMTP: package email
	TypeDingTalk = 2 // DingTalk (钉钉) custom robot: package dingtalk
	TypeSlack    = 3 // Slack incoming webhook or bot: package slack
	TypeFeishu   = 4 // Feishu / Lark custom bot: package feishu
	TypeWebhook  = 5 // generic JSON webhook: package webhook
)

// Spec is a channel as configured: a monitor_channel row and its enabled
// monitor_channel_detail rows.
type Spec struct {
	// No is monitor_channel.channel_no; it names the channel in errors.
	No string
	// Name is monitor_channel.channel_name, used in errors when No is empty.
	Name string
	// Type is monitor_channel.type (TypeWeCom, TypeEmail, …).
	Type int
	// Details maps data_key to data_value of the channel's enabled detail
	// rows. Keys are case-insensitive; values are trimmed.
	Details map[string]string
}

// Label names the channel in errors: its No, else its Name, else "(unnamed)".
func (s Spec) Label() string {
	switch {
	case s.No != "":
		return s.No
	case s.Name != "":
		return s.Name
	}
	return "(unnamed)"
}
