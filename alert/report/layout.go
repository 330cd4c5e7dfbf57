package report

import (
	"fmt"
	"strconv"

	"github.com/xuri/excelize/v2"
)

// The sheet: a title line, a header row, the detail rows, and after the
// last detail row of the report a totals row.
const (
	titleRow    = 1
	headerRow   = 2
	firstRow    = 3
	layoutRows  = 3 // rows that are not detail rows: title, header, totals
	columnCount = 4
	lastColumn  = "D"
)

// amountFormat shows an amount with thousands separators, at least two
// decimals and up to the eight decimal(20,8) has.
const amountFormat = "#,##0.00######"

// column is one column of the sheet.
type column struct {
	title string  // the header, in English and Chinese
	width float64 // in characters
}

// columns are the sheet's columns; the widths fit a 32-character case id,
// most external numbers, and 999,999,999,999.99999999.
func columns() [columnCount]column {
	return [columnCount]column{
		{"Case ID / 订单号", 34},
		{"External No / 外部流水号", 40},
		{"Amount due / 应还金额", 26},
		{"Amount paid / 实还金额", 26},
	}
}

// styles are the style ids of a workbook's cells.
type styles struct {
	title, header, text, amount, totalLabel, totalAmount int
}

// amountStyles are the styles whose cells numericWriter turns into
// numbers; no other cell uses them.
func (s styles) amountStyles() []int { return []int{s.amount, s.totalAmount} }

func newStyles(f *excelize.File) (styles, error) {
	format := amountFormat
	topBorder := []excelize.Border{{Type: "top", Color: "000000", Style: 1}}
	var s styles
	defs := []struct {
		id    *int
		style excelize.Style
	}{
		{&s.title, excelize.Style{Font: &excelize.Font{Bold: true, Size: 13}}},
		{&s.header, excelize.Style{
			Font:      &excelize.Font{Bold: true},
			Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9E1F2"}},
			Border:    []excelize.Border{{Type: "bottom", Color: "000000", Style: 1}},
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true},
		}},
		{&s.text, excelize.Style{NumFmt: 49}}, // "@": text
		{&s.amount, excelize.Style{CustomNumFmt: &format}},
		{&s.totalLabel, excelize.Style{Font: &excelize.Font{Bold: true}, Border: topBorder, NumFmt: 49}},
		{&s.totalAmount, excelize.Style{Font: &excelize.Font{Bold: true}, Border: topBorder, CustomNumFmt: &format}},
	}
	for _, d := range defs {
		id, err := f.NewStyle(&d.style)
		if err != nil {
			return styles{}, fmt.Errorf("style: %w", err)
		}
		*d.id = id
	}
	// numericWriter relies on amount styles that no other cell uses.
	if s.amount == 0 || s.totalAmount == 0 || s.amount == s.text || s.totalAmount == s.totalLabel {
		return styles{}, fmt.Errorf("style: amount styles not distinct (%d, %d)", s.amount, s.totalAmount)
	}
	return s, nil
}

// titleText heads part n of a report, e.g. "Collections · Philippines (PH) ·
// 2026-11-24 00:00 – 2026-11-25 00:00 (Asia/Manila, UTC+08:00)".
func titleText(m Meta, part int) string {
	scene := m.Scene
	if scene == "" {
		scene = "Report"
	}
	country := m.Country
	switch {
	case country == "":
		country = m.CountryNo
	case m.CountryNo != "" && m.CountryNo != country:
		country += " (" + m.CountryNo + ")"
	}
	loc := m.location()
	b, e := m.Begin.In(loc), m.End.In(loc)
	zone := "UTC" + b.Format("-07:00")
	if eo := e.Format("-07:00"); eo != b.Format("-07:00") {
		zone += "/" + eo
	}
	if name := loc.String(); name != "UTC" {
		zone = name + ", " + zone
	}
	const layout = "2006-01-02 15:04"
	title := scene + " · " + country + " · " + b.Format(layout) + " – " + e.Format(layout) + " (" + zone + ")"
	if part > 1 {
		title += " · part " + strconv.Itoa(part) + " / 续 " + strconv.Itoa(part)
	}
	return title
}

// totalLabel labels the totals row's second cell, e.g. "1,234 rows / 条".
func totalLabel(rows int) string {
	s := strconv.Itoa(rows)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s + " rows / 条"
}

// setPrint prints a sheet in landscape, as wide as one page. It must run
// before the sheet's StreamWriter is made (which writes the sheet's
// properties at once).
func setPrint(f *excelize.File, sheet string) error {
	landscape, fitToPage, wide, tall := "landscape", true, 1, 0
	if err := f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fitToPage}); err != nil {
		return err
	}
	return f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Orientation: &landscape, FitToWidth: &wide, FitToHeight: &tall})
}
