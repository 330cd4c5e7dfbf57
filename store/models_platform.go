package store

import (
	"time"

	"github.com/shopspring/decimal"
)

// Channel is a row of monitor_channel: one destination (a robot, a mailbox).
type Channel struct {
	ID          int64            `db:"id"`
	ChannelNo   *string          `db:"channel_no"`   // unique code, generated when empty
	ChannelName *string          `db:"channel_name"` // at most 20 characters
	Type        *ChannelType     `db:"type"`
	Sort        *decimal.Decimal `db:"sort"` // decimal(4,2): larger first
	Status      *ConfigStatus    `db:"status"`
	Remark      *string          `db:"remark"`
	Authors
	Stamps
	Params
}

// ChannelDetail is a row of monitor_channel_detail: one key/value setting of
// a channel (webhook key, secret, recipients, language…). The keys each
// channel type reads are documented in package channel.
type ChannelDetail struct {
	ID         int64         `db:"id"`
	ChannelNo  *string       `db:"channel_no"`
	DataKey    *string       `db:"data_key"`
	DataValue  *string       `db:"data_value"` // at most 128 characters
	DataRemark *string       `db:"data_remark"`
	Status     *ConfigStatus `db:"status"`
	Authors
	Stamps
	Params
}

// Routing is a row of monitor_routing: alerts of scene InfoType in country
// CountryNo go to channel ChannelNo.
type Routing struct {
	ID          int64            `db:"id"`
	RoutingNo   string           `db:"routing_no"` // generated when empty
	CountryNo   string           `db:"country_no"`
	CountryName string           `db:"country_name"`
	InfoType    *int             `db:"info_type"`
	ChannelNo   *string          `db:"channel_no"`
	ChannelName *string          `db:"channel_name"`
	Sort        *decimal.Decimal `db:"sort"`
	Status      *ConfigStatus    `db:"status"`
	Authors
	Stamps
	Params
}

// Template is a row of monitor_mod: an alert message with {placeholders} in
// English (Content) and Chinese (ContentChinese), with a title in each
// language: Title (English, at most 20 characters) and Param6 (Chinese, at
// most 64 characters: TitleChinese). The title is the email subject, the
// DingTalk markdown title and a card's header; a language without a title
// of its own uses the other's.
//
// Param4 holds the cron schedule (e.g. "0 9 * * *") of a scheduled
// (send_type 2) template in the country's time zone; empty means the
// engine's default schedule (Schedule). Param3 holds a realtime template's
// slot length in seconds; empty means the engine's default (SlotSeconds).
// Read and set these columns through those methods.
type Template struct {
	ID             int64         `db:"id"`
	ModNo          *string       `db:"mod_no"` // generated when empty
	Title          *string       `db:"title"`  // the English title, at most 20 characters (Param6: the Chinese title)
	Status         *ConfigStatus `db:"status"`
	Content        *string       `db:"content"`         // English, at most 512 characters
	ContentChinese *string       `db:"content_chinese"` // Chinese, at most 512 characters
	InfoType       *int          `db:"info_type"`
	SendType       *SendType     `db:"send_type"`
	Remark         *string       `db:"remark"`
	Authors
	Stamps
	Params
	// ResolvedContent and ResolvedContentChinese are the message sent when
	// a firing scene × country resolves (additions to the seed, migration
	// 7; at most 512 characters each). Opt-in: a template without either
	// sends no resolved message.
	ResolvedContent        *string `db:"resolved_content"`
	ResolvedContentChinese *string `db:"resolved_content_chinese"`
	// NoDataContent and NoDataContentChinese are the message sent when a
	// scene × country stops reporting (additions, migration 7). Without
	// them a no-data message uses Content and ContentChinese, with {state}.
	NoDataContent        *string `db:"nodata_content"`
	NoDataContentChinese *string `db:"nodata_content_chinese"`
}

// CountryTemplate is a row of monitor_country_mod: scene InfoType in country
// CountryNo uses template ModNo.
type CountryTemplate struct {
	ID          int64         `db:"id"`
	BuNo        *string       `db:"bu_no"` // generated when empty
	CountryNo   *string       `db:"country_no"`
	CountryName *string       `db:"country_name"`
	ModNo       *string       `db:"mod_no"`
	InfoType    *int          `db:"info_type"`
	Status      *ConfigStatus `db:"status"`
	Remark      *string       `db:"remark"`
	Authors
	Stamps
	Params
}

// RuleRoute is a row of monitor_rule_route: rule RuleNo applies to scene
// InfoType in country CountryNo ("*" for every country).
type RuleRoute struct {
	ID        int64            `db:"id"`
	BuNo      *string          `db:"bu_no"` // generated when empty
	InfoType  *int             `db:"info_type"`
	CountryNo *string          `db:"country_no"`
	RuleNo    *string          `db:"rule_no"`
	Sort      *decimal.Decimal `db:"sort"`
	Status    *ConfigStatus    `db:"status"`
	Remark    *string          `db:"remark"`
	Stamps
	Params
}

// AllCountries is the country_no of a rule route that applies to every
// country.
const AllCountries = "*"

// Rule is a row of monitor_rule: a CEL expression (FunCode, at most 64
// characters) with its threshold (ThresholdVal, at most 255).
type Rule struct {
	ID           int64            `db:"id"`
	RuleNo       *string          `db:"rule_no"` // generated when empty
	Sort         *decimal.Decimal `db:"sort"`
	FunCode      *string          `db:"fun_code"`
	FunDesc      *string          `db:"fun_desc"`
	ThresholdVal *string          `db:"threshold_val"`
	Status       *ConfigStatus    `db:"status"`
	Remark       *string          `db:"remark"`
	Stamps
	Params
}

// SendLog is a row of monitor_send_log: one pending or finished alert of a
// country and scene for one send slot (ExpectSendTime). Content holds the
// template's values as name=value pairs separated by ";" (see EncodeValues).
//
// Param3 counts the alerts merged into the row (1 when none was:
// MergeCount), Param4 holds the bu_no of the latest monitor_record that
// raised it (RecordBuNo): read and set them through those methods.
type SendLog struct {
	ID               int64       `db:"id"`
	SlNo             *string     `db:"sl_no"` // generated when empty
	CountryNo        *string     `db:"country_no"`
	ChannelProductNo *string     `db:"channel_product_no"`
	ModNo            *string     `db:"mod_no"`
	Content          *string     `db:"content"` // at most SendLogContentMax (255) characters
	InfoType         *int        `db:"info_type"`
	ExpectSendTime   *time.Time  `db:"expect_send_time"`
	RealitySendTime  *time.Time  `db:"reality_send_time"`
	Status           *SendStatus `db:"status"`
	RetryTimes       *int        `db:"retry_times"` // remaining retries
	Stamps
	Params
	Claim
	// Reason says why the row is in its status: the last failure, or what
	// configuration is missing (an addition to the seed).
	Reason *string `db:"reason"`
	// ChannelState is the per-channel delivery state as JSON (an addition
	// to the seed), so that a retry never re-sends to a channel that
	// already succeeded.
	ChannelState *string `db:"channel_state"`
}

// SendLogHist is a row of monitor_send_log_hist: a finished send-log row,
// moved there by the archive stage. It has the same columns as SendLog
// except the claim.
type SendLogHist struct {
	ID               int64       `db:"id"`
	SlNo             *string     `db:"sl_no"`
	CountryNo        *string     `db:"country_no"`
	ChannelProductNo *string     `db:"channel_product_no"`
	ModNo            *string     `db:"mod_no"`
	Content          *string     `db:"content"`
	InfoType         *int        `db:"info_type"`
	ExpectSendTime   *time.Time  `db:"expect_send_time"`
	RealitySendTime  *time.Time  `db:"reality_send_time"`
	Status           *SendStatus `db:"status"`
	RetryTimes       *int        `db:"retry_times"`
	Stamps
	Params
	Reason       *string `db:"reason"`
	ChannelState *string `db:"channel_state"`
}
