package report

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/shopspring/decimal"
)

// Summary is what Write saw.
type Summary struct {
	Rows int             // detail rows written
	Due  decimal.Decimal // exact sum of Row.Due
	Paid decimal.Decimal // exact sum of Row.Paid

	// Problems lists rows that break the table's rules (in the order
	// met, at most MaxProblems). A row with a problem is still written as
	// it came: problems are reported, never fixed or dropped.
	Problems []Problem
	// ProblemsOmitted counts the problems past MaxProblems, not listed.
	ProblemsOmitted int
}

// MaxProblems is how many problems a Summary lists; the rest are counted.
const MaxProblems = 1000

// Problem is something wrong with one row.
type Problem struct {
	Row    int    // the row's position among the detail rows, from 1
	CaseID string // the row's case id, as given
	Reason string // e.g. "negative amount due"
}

// String returns e.g. `row 7 (case "C-1"): negative amount due`.
func (p Problem) String() string {
	return "row " + strconv.Itoa(p.Row) + " (case " + strconv.Quote(p.CaseID) + "): " + p.Reason
}

// The limits of monitor_basic_data_item's columns.
const (
	maxCaseID     = 32 // case_id varchar(32)
	maxExternalNo = 128
	amountScale   = 8  // decimal(20,8)
	amountDigits  = 12 // digits before the point
)

// add counts row r, the n-th (from 1), into s and notes its problems. due
// and paid are r's amounts as text (Decimal.String, which Write needs
// anyway: checking the text is much cheaper than decimal arithmetic).
func (s *Summary) add(n int, r Row, due, paid string) {
	s.Rows++
	s.Due = s.Due.Add(r.Due)
	s.Paid = s.Paid.Add(r.Paid)
	note := func(reason string) {
		if len(s.Problems) < MaxProblems {
			s.Problems = append(s.Problems, Problem{Row: n, CaseID: r.CaseID, Reason: reason})
			return
		}
		s.ProblemsOmitted++
	}
	checkText(r.CaseID, "case id", maxCaseID, true, note)
	checkText(r.ExternalNo, "external no", maxExternalNo, false, note)
	checkAmount(due, "amount due", note)
	checkAmount(paid, "amount paid", note)
}

func checkText(s, name string, limit int, required bool, note func(string)) {
	switch {
	case required && strings.TrimSpace(s) == "":
		note("missing " + name)
	case !utf8.ValidString(s):
		note(name + " is not valid UTF-8")
	case utf8.RuneCountInString(s) > limit:
		note(name + " longer than " + strconv.Itoa(limit) + " characters")
	}
}

// checkAmount notes a negative amount, or one decimal(20,8) cannot hold:
// more than 12 digits before the point or 8 after it. text is the
// amount's Decimal.String: no exponent, no trailing zeros after the point.
func checkAmount(text, name string, note func(string)) {
	digits, negative := strings.CutPrefix(text, "-")
	if negative {
		note("negative " + name)
	}
	whole, frac, _ := strings.Cut(digits, ".")
	if len(whole) > amountDigits || len(frac) > amountScale {
		note(name + " " + text + " does not fit decimal(20,8)")
	}
}
