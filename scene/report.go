package scene

import (
	"context"
	"time"

	"github.com/shopspring/decimal"
)

// ReportScene is a scene that reports detail rows rather than a rate (the
// seed's info_type 0, collections): for each window and country, the rows
// the platform turns into an Excel file, uploads, and links from an alert.
type ReportScene interface {
	// InfoType is the scene's code (monitor_basic_data.info_type).
	InfoType() int
	// Name is a human-readable name for file names, logs and messages.
	Name() string
	// Window is the length of one window (often a day), aligned as for
	// Scene.
	Window() time.Duration
	// Countries returns the countries that have rows in window w.
	Countries(ctx context.Context, w Window) ([]Country, error)
	// Rows hands over the rows of one country in window w, one emit call
	// per row, in whatever pages suit the business store (a window may
	// hold a million rows; the engine writes them in batches and never
	// holds them all). Stop and return emit's error when it returns one.
	Rows(ctx context.Context, w Window, country Country, emit func(DetailRow) error) error
}

// Country names a country of a report: monitor_basic_data is keyed by the
// name (country_name, at most 20 characters); the code routes its alert.
type Country struct {
	No   string // country_no, e.g. "PH"
	Name string // country_name, e.g. "Philippines"
}

// DetailRow is one detail row (monitor_basic_data_item). Amounts are exact
// decimals, at most 12 digits before the point and 8 after
// (decimal(20,8)).
type DetailRow struct {
	CaseID                  string          // the order (case_id), at most 32 characters
	ExternalNo              string          // the third party's transaction number, at most 128
	RepaymentMoney          decimal.Decimal // amount due
	PracticalRepaymentMoney decimal.Decimal // amount paid
}
