package report

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"iter"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
)

// testMeta is a one-day report of the Philippines (UTC+8).
func testMeta(t testing.TB) Meta {
	t.Helper()
	loc, err := time.LoadLocation("Asia/Manila")
	if err != nil {
		t.Fatal(err)
	}
	return Meta{
		Scene:     "Collections",
		InfoType:  0,
		Country:   "Philippines",
		CountryNo: "PH",
		Begin:     time.Date(2026, 11, 23, 16, 0, 0, 0, time.UTC),
		End:       time.Date(2026, 11, 24, 16, 0, 0, 0, time.UTC),
		Location:  loc,
		GroupNo:   "G20261124PH",
	}
}

// rowsOf yields rows.
func rowsOf(rows ...Row) iter.Seq2[Row, error] {
	return func(yield func(Row, error) bool) {
		for _, r := range rows {
			if !yield(r, nil) {
				return
			}
		}
	}
}

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// writeBook writes a report into memory and opens it with excelize.
func writeBook(t *testing.T, m Meta, rows iter.Seq2[Row, error], perSheet int) (Summary, []byte, *excelize.File) {
	t.Helper()
	var buf bytes.Buffer
	sum, err := write(context.Background(), &buf, m, rows, perSheet)
	if err != nil {
		t.Fatalf("write: %v", err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatalf("excelize cannot open the file: %v", err)
	}
	t.Cleanup(func() { f.Close() })
	return sum, buf.Bytes(), f
}

// rawRows returns a sheet's cells as stored (no number formatting).
func rawRows(t *testing.T, f *excelize.File, sheet string) [][]string {
	t.Helper()
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatalf("GetRows(%q): %v", sheet, err)
	}
	return rows
}

// zipEntry returns the content of the file name in the zip data.
func zipEntry(t *testing.T, data []byte, name string) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	rc, err := zr.Open(name)
	if err != nil {
		t.Fatalf("open %s in the zip: %v", name, err)
	}
	defer rc.Close()
	b, err := io.ReadAll(rc)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
