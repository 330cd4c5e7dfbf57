package report

import (
	"context"
	"errors"
	"fmt"
	"io"
	"iter"

	"github.com/xuri/excelize/v2"
)

// Write streams rows into an .xlsx written to w and returns what it saw.
//
// The workbook has one sheet, named by SheetName: a title line (scene,
// country, window in the country's zone), a header row in English and
// Chinese, one row per detail row, and a totals row with the exact sums.
// A report longer than a sheet holds (1,048,573 detail rows) goes on in
// further sheets named like the first plus " (2)", " (3)", …, and the
// totals row ends the last.
//
// Memory stays flat as rows grow (some 60 MiB of heap at most, for a
// million rows as for ten thousand; each further sheet keeps about 30 MiB
// more): excelize's StreamWriter moves the sheet's XML to a temporary file
// in os.TempDir past 16 MiB (that file takes about 280 bytes a row), and the
// zip goes straight to w (about 30 bytes a row).
//
// Amounts are exact: from decimal.Decimal to the file there is no float64.
// Each amount cell is a numeric cell whose stored value is the decimal's
// exact text (`<v>12345678901.12345678</v>`), shown with the number format
// "#,##0.00######". excelize has no value type it writes verbatim as a
// number, so the amounts are given to it as text and turned into numeric
// cells as the zip is written (see numericWriter). Readers that keep the
// cell's text (excelize with RawCellValue, most XML-level tools) get every
// digit; Excel and LibreOffice read a number into a float64 and show at
// most 15 significant digits, so an amount with more (e.g.
// 12345678901.12345678, 19 digits) is shown rounded there, while the totals
// in the file are exact.
//
// rows is read once. An error from it, from ctx, or from w stops Write and
// is returned; what was written to w is then not a usable file. Rows that
// break the table's rules (see Summary.Problems) are written and reported,
// not an error.
func Write(ctx context.Context, w io.Writer, m Meta, rows iter.Seq2[Row, error]) (Summary, error) {
	return write(ctx, w, m, rows, excelize.TotalRows-layoutRows)
}

// write is Write with a limit on detail rows per sheet.
func write(ctx context.Context, w io.Writer, m Meta, rows iter.Seq2[Row, error], perSheet int) (sum Summary, err error) {
	defer func() {
		if err != nil {
			err = fmt.Errorf("report: write %s: %w", FileName(m), err)
		}
	}()
	if err := ctx.Err(); err != nil {
		return sum, context.Cause(ctx)
	}
	f := excelize.NewFile()
	defer func() { err = errors.Join(err, closeFile(f)) }()
	st, err := newStyles(f)
	if err != nil {
		return sum, err
	}
	part := 1
	sh, err := startSheet(f, st, m, part)
	if err != nil {
		return sum, err
	}
	for r, rerr := range rows {
		if rerr != nil {
			return sum, fmt.Errorf("reading rows: %w", rerr)
		}
		if sum.Rows%1024 == 0 && ctx.Err() != nil {
			return sum, context.Cause(ctx)
		}
		if sh.detailRows() == perSheet {
			if err := sh.end(); err != nil {
				return sum, err
			}
			part++
			if sh, err = startSheet(f, st, m, part); err != nil {
				return sum, err
			}
		}
		due, paid := r.Due.String(), r.Paid.String()
		sum.add(sum.Rows+1, r, due, paid)
		if err := sh.add(r, due, paid); err != nil {
			return sum, err
		}
	}
	if err := sh.total(sum); err != nil {
		return sum, err
	}
	if err := sh.end(); err != nil {
		return sum, err
	}
	return sum, save(ctx, f, w, st)
}

// save zips f straight to w through a zipWriter (excelize's Write would
// first build the whole file in memory: the buffer it hands the zip writer
// stays empty here).
//
// Nothing may read a worksheet once it is streamed (SetActiveSheet, for
// one, would parse the streamed XML back into memory); the first sheet is
// the active one already.
func save(ctx context.Context, f *excelize.File, w io.Writer, st styles) error {
	zw := newZipWriter(&ctxWriter{ctx: ctx, w: w}, st.amountStyles())
	f.SetZipWriter(func(io.Writer) excelize.ZipWriter { return zw })
	if err := f.Write(io.Discard); err != nil {
		return fmt.Errorf("zip: %w", err)
	}
	return nil
}

func closeFile(f *excelize.File) error {
	if err := f.Close(); err != nil {
		return fmt.Errorf("close workbook: %w", err)
	}
	return nil
}
