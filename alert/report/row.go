package report

import (
	"time"

	"github.com/shopspring/decimal"
)

// Row is one detail row (monitor_basic_data_item).
type Row struct {
	CaseID     string          // case_id, the order number (at most 32 characters)
	ExternalNo string          // external_no, the third party's transaction number (at most 128)
	Due        decimal.Decimal // repayment_money, decimal(20,8)
	Paid       decimal.Decimal // practical_repayment_money, decimal(20,8)
}

// Meta describes one report: a scene's rows of one country in one window
// (one monitor_basic_data row).
type Meta struct {
	Scene     string         // the scene's name, e.g. "Collections"
	InfoType  int            // monitor_basic_data.info_type
	Country   string         // country name (monitor_basic_data.country_name)
	CountryNo string         // country code, e.g. "PH"
	Begin     time.Time      // start of the window (inclusive)
	End       time.Time      // end of the window (exclusive)
	Location  *time.Location // the country's zone for showing times; nil means UTC
	GroupNo   string         // monitor_basic_data.group_no
}

// location is the zone times are shown in.
func (m Meta) location() *time.Location {
	if m.Location == nil {
		return time.UTC
	}
	return m.Location
}
