package store

import "strconv"

// RecordStatus is monitor_record.status.
type RecordStatus int

// The seed's record states.
const (
	RecordWaiting      RecordStatus = 0 // waiting for the rules (待调用报警规则)
	RecordRuleFailed   RecordStatus = 1 // a rule call failed; retried while rule_retry_time > 0
	RecordNoAlert      RecordStatus = 2 // rules passed, no alert needed
	RecordAlert        RecordStatus = 3 // rules fired, an alert is needed
	RecordRecorded     RecordStatus = 4 // the pending alert is recorded in monitor_send_log
	RecordRecordFailed RecordStatus = 5 // recording the alert failed; retried while send_retry_time > 0
)

// SendStatus is monitor_send_log.status.
type SendStatus int

// The seed's send-log states.
const (
	SendWaiting SendStatus = 0 // waiting to be sent (also between retries)
	SendSent    SendStatus = 1 // delivered to every routed channel
	SendFailed  SendStatus = 2 // failed after its retries, or permanently
	// SendMuted is this module's addition: every channel the alert goes
	// to was muted by a silence when it was due (channel_state and reason
	// say which); it is final, and archived like the others.
	SendMuted SendStatus = 3
)

// String names the status: waiting, sent, failed, muted, or "status N"
// for a value the seed does not define.
func (s SendStatus) String() string {
	switch s {
	case SendWaiting:
		return "waiting"
	case SendSent:
		return "sent"
	case SendFailed:
		return "failed"
	case SendMuted:
		return "muted"
	}
	return "status " + strconv.Itoa(int(s))
}

// BasicDataStatus is monitor_basic_data.status.
type BasicDataStatus int

// The seed's basic-data (report) states.
const (
	BasicDataWaiting  BasicDataStatus = 0 // waiting for the Excel file and its upload
	BasicDataUploaded BasicDataStatus = 1 // uploaded; file_url is set
	BasicDataFailed   BasicDataStatus = 2 // upload failed after its retries
	// BasicDataCollecting is this module's addition: the report's detail
	// rows are being written (the row is claimed by the writer; after a
	// crash, another host starts the rows over when the claim ends).
	BasicDataCollecting BasicDataStatus = 3
)

// ConfigStatus is the status of every configuration row (channels, details,
// routing, templates, country templates, rule routes, rules).
type ConfigStatus int

// The seed's configuration states.
const (
	ConfigEnabled  ConfigStatus = 0 // in use
	ConfigDisabled ConfigStatus = 1 // kept, not used
	ConfigVoided   ConfigStatus = 2 // withdrawn (soft-deleted)
)

// Valid reports whether s is one of the seed's configuration states.
func (s ConfigStatus) Valid() bool { return s >= ConfigEnabled && s <= ConfigVoided }

// String names the status: enabled, disabled, voided, or "status N".
func (s ConfigStatus) String() string {
	switch s {
	case ConfigEnabled:
		return "enabled"
	case ConfigDisabled:
		return "disabled"
	case ConfigVoided:
		return "voided"
	}
	return "status " + strconv.Itoa(int(s))
}

// ChannelType is monitor_channel.type. The seed defines 0–2; 3–5 are this
// module's additions; a host may register further types.
type ChannelType int

// Channel types.
const (
	ChannelWeCom    ChannelType = 0 // WeCom (企业微信) group robot
	ChannelEmail    ChannelType = 1 // email over SMTP
	ChannelDingTalk ChannelType = 2 // DingTalk (钉钉) custom robot
	ChannelSlack    ChannelType = 3 // Slack (addition)
	ChannelFeishu   ChannelType = 4 // Feishu / Lark bot (addition)
	ChannelWebhook  ChannelType = 5 // generic JSON webhook (addition)
)

// SendType is monitor_mod.send_type.
type SendType int

// The seed's send types.
const (
	SendRealtime  SendType = 1 // due at once, at most one alert per slot
	SendScheduled SendType = 2 // due at the next slot of a schedule
)

// Valid reports whether t is one of the seed's send types.
func (t SendType) Valid() bool { return t == SendRealtime || t == SendScheduled }

// DefaultRetries is the seed's default of every remaining-retries column
// (rule_retry_time, send_retry_time, retry_times, retry_time).
//
// All four count one way: the column holds the retries left; a failed
// attempt that finds one left uses it and is tried again, one that finds
// none is final. A row is so tried at most DefaultRetries+1 times, and
// after each failure its counter reads 1, 0, 0. Pending alerts and reports
// end failed in status 2; a record has no final status of its own, so a
// final record keeps status 1 or 5 and a claim_until that no claim reaches
// (FinishRecords and InsertRecords set it when no retry time is given).
const DefaultRetries = 2
