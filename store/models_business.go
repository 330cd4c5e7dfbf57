package store

import (
	"time"

	"github.com/shopspring/decimal"
)

// HistData is a row of monitor_hist_data: a scene's total for one window.
// The row also marks the window as collected (an addition to the seed): a
// host claims the window by inserting the row, and sets CollectedTime once
// the window's records are stored.
type HistData struct {
	ID               int64            `db:"id"`
	BuNo             *string          `db:"bu_no"` // generated when empty
	InfoType         *int             `db:"info_type"`
	BeginTime        *time.Time       `db:"begin_time"`
	EndTime          *time.Time       `db:"end_time"`
	NumeratorCount   *int             `db:"numerator_count"`
	DenominatorCount *int             `db:"denominator_count"`
	Rate             *decimal.Decimal `db:"rate"` // decimal(8,4)
	Remark           *string          `db:"remark"`
	Stamps
	Params
	Claim
	CollectedTime *time.Time `db:"collected_time"`
}

// Record is a row of monitor_record: one scene's value for one country and
// window, and its way through the rules and the pending alert.
//
// CompareVal holds the rate the rules compared (decimal text), Content the
// sample's values as name=value pairs separated by ";" (see EncodeValues).
// Param5 holds the rule that fired (RuleNo), Param6 the sl_no of the
// send-log row the alert went into (SlNo): read and set them through those
// methods.
type Record struct {
	ID            int64         `db:"id"`
	BuNo          *string       `db:"bu_no"` // generated when empty
	InfoType      *int          `db:"info_type"`
	CountryNo     *string       `db:"country_no"`
	BeginTime     *time.Time    `db:"begin_time"`
	EndTime       *time.Time    `db:"end_time"`
	Content       *string       `db:"content"`     // at most RecordContentMax (1024) characters
	CompareVal    *string       `db:"compare_val"` // at most 512 characters
	RuleRetryTime *int          `db:"rule_retry_time"`
	SendRetryTime *int          `db:"send_retry_time"`
	Status        *RecordStatus `db:"status"`
	Remark        *string       `db:"remark"`
	Stamps
	Params
	Claim
	// Reason says why the row is in its status (an addition to the seed).
	Reason *string `db:"reason"`
}

// BasicData is a row of monitor_basic_data: one report (detail rows of a
// scene for one country and window) and its upload. Param3 holds the
// uploaded file's size (FileSize), Param4 the report's country_no
// (CountryNo): read and set them through those methods.
type BasicData struct {
	ID          int64            `db:"id"`
	GroupNo     *string          `db:"group_no"` // generated when empty
	CountryName *string          `db:"country_name"`
	BeginTime   *time.Time       `db:"begin_time"`
	EndTime     *time.Time       `db:"end_time"`
	InfoType    *int             `db:"info_type"`
	Status      *BasicDataStatus `db:"status"`
	FileURL     *string          `db:"file_url"`
	RetryTime   *int             `db:"retry_time"`
	Remark      *string          `db:"remark"`
	Stamps
	Params
	Claim
	// Reason says why the row is in its status (an addition to the seed).
	Reason *string `db:"reason"`
}

// BasicDataItem is a row of monitor_basic_data_item: one detail row of a
// report. The amounts are decimal(20,8), exact.
type BasicDataItem struct {
	ID                      int64            `db:"id"`
	GroupNo                 *string          `db:"group_no"`
	CaseID                  *string          `db:"case_id"`
	ExternalNo              *string          `db:"external_no"`
	RepaymentMoney          *decimal.Decimal `db:"repayment_money"`
	PracticalRepaymentMoney *decimal.Decimal `db:"practical_repayment_money"`
	Stamps
	Params
}
