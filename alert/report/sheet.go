package report

import (
	"fmt"
	"strconv"

	"github.com/xuri/excelize/v2"
)

// sheet is one worksheet being streamed: its title and header are written
// when it starts, then one row per detail row.
type sheet struct {
	sw    *excelize.StreamWriter
	st    styles
	row   int // the last row written
	cells [columnCount]excelize.Cell
	vals  []any // pointers to cells, reused for every row
}

// startSheet adds part n (from 1) of report m to f, with its title and
// header.
func startSheet(f *excelize.File, st styles, m Meta, part int) (*sheet, error) {
	name := sheetName(m, part)
	if part == 1 {
		if err := f.SetSheetName(f.GetSheetName(0), name); err != nil {
			return nil, fmt.Errorf("name sheet %q: %w", name, err)
		}
	} else if _, err := f.NewSheet(name); err != nil {
		return nil, fmt.Errorf("add sheet %q: %w", name, err)
	}
	if err := setPrint(f, name); err != nil {
		return nil, fmt.Errorf("page setup of sheet %q: %w", name, err)
	}
	sw, err := f.NewStreamWriter(name)
	if err != nil {
		return nil, fmt.Errorf("stream sheet %q: %w", name, err)
	}
	s := &sheet{sw: sw, st: st}
	for i := range s.cells {
		s.vals = append(s.vals, &s.cells[i])
	}
	if err := s.begin(m, part); err != nil {
		return nil, fmt.Errorf("sheet %q: %w", name, err)
	}
	return s, nil
}

// begin sets the columns and panes and writes the title and header.
func (s *sheet) begin(m Meta, part int) error {
	cols := columns()
	// excelize puts each new column setting first: set them from the last
	// so that the <col> elements come out in ascending order, as Excel
	// wants.
	for i := len(cols) - 1; i >= 0; i-- {
		if err := s.sw.SetColWidth(i+1, i+1, cols[i].width); err != nil {
			return err
		}
	}
	if err := s.sw.SetPanes(&excelize.Panes{
		Freeze: true, YSplit: headerRow, TopLeftCell: "A" + strconv.Itoa(firstRow), ActivePane: "bottomLeft",
	}); err != nil {
		return err
	}
	title := "A" + strconv.Itoa(titleRow)
	if err := s.sw.SetRow(title, []any{excelize.Cell{StyleID: s.st.title, Value: titleText(m, part)}},
		excelize.RowOpts{Height: 22}); err != nil {
		return err
	}
	if err := s.sw.MergeCell(title, lastColumn+strconv.Itoa(titleRow)); err != nil {
		return err
	}
	head := make([]any, len(cols))
	for i, c := range cols {
		head[i] = excelize.Cell{StyleID: s.st.header, Value: c.title}
	}
	if err := s.sw.SetRow("A"+strconv.Itoa(headerRow), head, excelize.RowOpts{Height: 20}); err != nil {
		return err
	}
	s.row = headerRow
	return nil
}

// detailRows is how many detail rows the sheet holds.
func (s *sheet) detailRows() int { return s.row - headerRow }

// add writes one detail row; due and paid are its amounts as exact text
// (Decimal.String), which go in an amount style and which numericWriter
// makes numbers.
func (s *sheet) add(r Row, due, paid string) error {
	s.cells[0] = excelize.Cell{StyleID: s.st.text, Value: r.CaseID}
	s.cells[1] = excelize.Cell{StyleID: s.st.text, Value: r.ExternalNo}
	s.cells[2] = excelize.Cell{StyleID: s.st.amount, Value: due}
	s.cells[3] = excelize.Cell{StyleID: s.st.amount, Value: paid}
	return s.put()
}

// total writes the totals row.
func (s *sheet) total(sum Summary) error {
	s.cells[0] = excelize.Cell{StyleID: s.st.totalLabel, Value: "Total / 合计"}
	s.cells[1] = excelize.Cell{StyleID: s.st.totalLabel, Value: totalLabel(sum.Rows)}
	s.cells[2] = excelize.Cell{StyleID: s.st.totalAmount, Value: sum.Due.String()}
	s.cells[3] = excelize.Cell{StyleID: s.st.totalAmount, Value: sum.Paid.String()}
	return s.put()
}

func (s *sheet) put() error {
	s.row++
	if err := s.sw.SetRow("A"+strconv.Itoa(s.row), s.vals); err != nil {
		return fmt.Errorf("row %d: %w", s.row, err)
	}
	return nil
}

// end finishes the sheet.
func (s *sheet) end() error {
	if err := s.sw.Flush(); err != nil {
		return fmt.Errorf("flush sheet %q: %w", s.sw.Sheet, err)
	}
	return nil
}
