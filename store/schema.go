package store

// The shape of the seed's tables as the Go side needs it: which columns
// exist, how long a text may be, how many digits a decimal holds, and the
// seed's column defaults. Writes are checked against it so that nothing is
// ever truncated or rounded silently, whatever the server's SQL mode. A test
// compares it with the columns a migrated MySQL database reports.

type columnKind int

const (
	kindInt      columnKind = iota // int(n): a 32-bit integer
	kindVarchar                    // varchar(n): at most n characters
	kindText                       // text: at most 65,535 bytes
	kindDecimal                    // decimal(p,s)
	kindTime                       // timestamp: UTC, whole seconds
	kindBigintPK                   // bigint auto-increment primary key
)

// String is the kind's SQL type name.
func (k columnKind) String() string {
	switch k {
	case kindInt:
		return "int"
	case kindVarchar:
		return "varchar"
	case kindText:
		return "text"
	case kindDecimal:
		return "decimal"
	case kindTime:
		return "timestamp"
	}
	return "bigint"
}

type column struct {
	name      string
	kind      columnKind
	size      int // varchar characters
	precision int // decimal digits in all
	scale     int // decimal digits after the point
	notNull   bool
	def       any // the seed's default, applied by the store when a field is nil on insert
}

// tableSpec describes one table.
type tableSpec struct {
	name     string
	codeCol  string // the business code the store generates when empty ("" for none)
	prefix   string // the generated code's prefix
	hasClaim bool   // carries claim_owner and claim_until
	cols     []column
}

func pk() column                   { return column{name: "id", kind: kindBigintPK, notNull: true} }
func vc(name string, n int) column { return column{name: name, kind: kindVarchar, size: n} }
func in(name string) column        { return column{name: name, kind: kindInt} }
func ts(name string) column        { return column{name: name, kind: kindTime} }
func dec(name string, p, s int) column {
	return column{name: name, kind: kindDecimal, precision: p, scale: s}
}
func def(c column, v any) column { c.def = v; return c }
func notNull(c column) column    { c.notNull = true; return c }
func text(name string) column    { return column{name: name, kind: kindText} }

// params returns param1..param6 with the sizes of param4..param6.
func params(p4, p5, p6 int) []column {
	return []column{in("param1"), in("param2"), in("param3"), vc("param4", p4), vc("param5", p5), vc("param6", p6)}
}

func cols(groups ...[]column) []column {
	var out []column
	for _, g := range groups {
		out = append(out, g...)
	}
	return out
}

func one(c ...column) []column { return c }

var authorsCols = one(vc("create_uid", 32), ts("create_time"), vc("update_uid", 32), ts("update_time"))
var stampCols = one(ts("create_time"), ts("update_time"))
var claimCols = one(vc("claim_owner", 64), ts("claim_until"))

// Table names.
const (
	tableChannel         = "monitor_channel"
	tableChannelDetail   = "monitor_channel_detail"
	tableRouting         = "monitor_routing"
	tableTemplate        = "monitor_mod"
	tableCountryTemplate = "monitor_country_mod"
	tableRuleRoute       = "monitor_rule_route"
	tableRule            = "monitor_rule"
	tableSendLog         = "monitor_send_log"
	tableSendLogHist     = "monitor_send_log_hist"
	tableHistData        = "monitor_hist_data"
	tableRecord          = "monitor_record"
	tableBasicData       = "monitor_basic_data"
	tableBasicDataItem   = "monitor_basic_data_item"
)

// schemaTables builds the description of every table, seed columns first
// and this module's additions (migration 2) after them.
func schemaTables() []*tableSpec {
	sendLogCols := func(claims bool) []column {
		c := cols(one(pk(), vc("sl_no", 32), vc("country_no", 32), vc("channel_product_no", 32), vc("mod_no", 32),
			vc("content", SendLogContentMax), in("info_type"), ts("expect_send_time"), ts("reality_send_time"), in("status"),
			def(in("retry_times"), DefaultRetries)), stampCols, params(32, 64, 128))
		if claims {
			c = append(c, claimCols...)
		}
		return append(c, vc("reason", ReasonMax), text("channel_state"))
	}
	return []*tableSpec{
		{name: tableChannel, codeCol: "channel_no", prefix: "CH", cols: cols(
			one(pk(), vc("channel_no", 32), vc("channel_name", 20), def(in("type"), 0), dec("sort", 4, 2),
				def(in("status"), 0), vc("remark", 20)), authorsCols, params(32, 64, 128))},
		{name: tableChannelDetail, cols: cols(
			one(pk(), vc("channel_no", 32), vc("data_key", 128), vc("data_value", 128), vc("data_remark", 20),
				def(in("status"), 0)), authorsCols, params(32, 64, 128))},
		{name: tableRouting, codeCol: "routing_no", prefix: "RT", cols: cols(
			one(pk(), notNull(vc("routing_no", 32)), notNull(vc("country_no", 32)), notNull(vc("country_name", 32)),
				in("info_type"), vc("channel_no", 32), vc("channel_name", 20), dec("sort", 4, 2), def(in("status"), 0)),
			authorsCols, params(20, 32, 64))},
		{name: tableTemplate, codeCol: "mod_no", prefix: "MD", cols: cols(
			one(pk(), vc("mod_no", 32), vc("title", 20), def(in("status"), 0), vc("content", 512),
				vc("content_chinese", 512), in("info_type"), in("send_type"), vc("remark", 20)),
			authorsCols, params(20, 32, 64), one(vc("resolved_content", 512), vc("resolved_content_chinese", 512),
				vc("nodata_content", 512), vc("nodata_content_chinese", 512)))},
		{name: tableCountryTemplate, codeCol: "bu_no", prefix: "CM", cols: cols(
			one(pk(), vc("bu_no", 32), vc("country_no", 32), vc("country_name", 32), vc("mod_no", 32),
				in("info_type"), def(in("status"), 0), vc("remark", 20)), authorsCols, params(32, 32, 128))},
		{name: tableRuleRoute, codeCol: "bu_no", prefix: "RR", cols: cols(
			one(pk(), vc("bu_no", 32), in("info_type"), vc("country_no", 32), vc("rule_no", 32), dec("sort", 4, 2),
				def(in("status"), 0), vc("remark", 20)), stampCols, params(20, 32, 64))},
		{name: tableRule, codeCol: "rule_no", prefix: "RU", cols: cols(
			one(pk(), vc("rule_no", 32), dec("sort", 4, 2), vc("fun_code", 64), vc("fun_desc", 64),
				vc("threshold_val", 255), def(in("status"), 0), vc("remark", 20)), stampCols, params(20, 32, 64))},
		{name: tableSendLog, codeCol: "sl_no", prefix: "SL", hasClaim: true, cols: sendLogCols(true)},
		{name: tableSendLogHist, cols: sendLogCols(false)},
		{name: tableHistData, codeCol: "bu_no", prefix: "HD", hasClaim: true, cols: cols(
			one(pk(), vc("bu_no", 32), in("info_type"), ts("begin_time"), ts("end_time"), in("numerator_count"),
				in("denominator_count"), dec("rate", 8, 4), vc("remark", 20)), stampCols, params(20, 32, 64),
			claimCols, one(ts("collected_time")))},
		{name: tableRecord, codeCol: "bu_no", prefix: "RC", hasClaim: true, cols: cols(
			one(pk(), vc("bu_no", 32), in("info_type"), vc("country_no", 32), ts("begin_time"), ts("end_time"),
				vc("content", RecordContentMax), vc("compare_val", 512), def(in("rule_retry_time"), DefaultRetries),
				def(in("send_retry_time"), DefaultRetries), def(in("status"), 0), vc("remark", 20)),
			stampCols, params(20, 32, 64), claimCols, one(vc("reason", ReasonMax)))},
		{name: tableBasicData, codeCol: "group_no", prefix: "BD", hasClaim: true, cols: cols(
			one(pk(), vc("group_no", 32), vc("country_name", 20), ts("begin_time"), ts("end_time"), in("info_type"),
				def(in("status"), 0), vc("file_url", FileURLMax), def(in("retry_time"), DefaultRetries), vc("remark", 20)),
			stampCols, params(20, 32, 64), claimCols, one(vc("reason", ReasonMax)))},
		{name: tableBasicDataItem, cols: cols(
			one(pk(), vc("group_no", 32), vc("case_id", 32), vc("external_no", 128), dec("repayment_money", 20, 8),
				dec("practical_repayment_money", 20, 8)), stampCols, params(20, 32, 64))},
	}
}
