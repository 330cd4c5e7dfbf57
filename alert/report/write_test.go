package report

import (
	"context"
	"errors"
	"fmt"
	"io"
	"iter"
	"slices"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
)

func TestWriteExactAmounts(t *testing.T) {
	amounts := []struct{ due, paid string }{
		{"12345678901.12345678", "12345678901.12345678"},
		{"-0.00000001", "0.00000001"},
		{"999999999999.99999999", "999999999999.99999998"},
		{"0", "100"},
		{"1.5", "0.10000000"},
	}
	var rows []Row
	wantDue, wantPaid := decimal.Zero, decimal.Zero
	for i, a := range amounts {
		r := Row{CaseID: fmt.Sprintf("C%03d", i), ExternalNo: fmt.Sprintf("EXT-%d", i), Due: dec(a.due), Paid: dec(a.paid)}
		rows = append(rows, r)
		wantDue, wantPaid = wantDue.Add(r.Due), wantPaid.Add(r.Paid)
	}
	m := testMeta(t)
	sum, data, f := writeBook(t, m, rowsOf(rows...), 100)

	if sum.Rows != len(rows) || !sum.Due.Equal(wantDue) || !sum.Paid.Equal(wantPaid) {
		t.Errorf("summary = %d rows, due %s, paid %s; want %d, %s, %s", sum.Rows, sum.Due, sum.Paid, len(rows), wantDue, wantPaid)
	}
	// The sums, worked out by hand: no float could hold them.
	if got, want := sum.Due.String(), "1012345678902.62345676"; got != want {
		t.Errorf("due sum = %s, want %s", got, want)
	}

	sheet := SheetName(m)
	got := rawRows(t, f, sheet)
	if len(got) != firstRow-1+len(rows)+1 {
		t.Fatalf("sheet has %d rows, want %d", len(got), firstRow-1+len(rows)+1)
	}
	for i, r := range rows {
		row := got[firstRow-1+i]
		want := []string{r.CaseID, r.ExternalNo, r.Due.String(), r.Paid.String()}
		if !slices.Equal(row, want) {
			t.Errorf("row %d = %q, want %q", i+1, row, want)
		}
		for _, col := range []string{"C", "D"} {
			cell := fmt.Sprintf("%s%d", col, firstRow+i)
			typ, err := f.GetCellType(sheet, cell)
			if err != nil {
				t.Fatal(err)
			}
			if typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber {
				t.Errorf("%s has type %v, want a number", cell, typ)
			}
		}
	}
	total := got[len(got)-1]
	if want := []string{"Total / 合计", "5 rows / 条", wantDue.String(), wantPaid.String()}; !slices.Equal(total, want) {
		t.Errorf("totals row = %q, want %q", total, want)
	}

	// At the XML level: numeric cells whose value is the exact text.
	xml := zipEntry(t, data, "xl/worksheets/sheet1.xml")
	for _, v := range []string{"12345678901.12345678", "-0.00000001", "999999999999.99999999", "1012345678902.62345676"} {
		if !strings.Contains(xml, "<v>"+v+"</v>") {
			t.Errorf("sheet XML has no <v>%s</v>", v)
		}
		if strings.Contains(xml, "<t>"+v+"</t>") {
			t.Errorf("sheet XML holds %s as text", v)
		}
	}
	if n := strings.Count(xml, `t="inlineStr"`); n != 1+columnCount+2*len(rows)+2 {
		t.Errorf("%d text cells, want title, header, ids and total labels only (%d)", n, 1+columnCount+2*len(rows)+2)
	}
}

func TestWriteLayout(t *testing.T) {
	m := testMeta(t)
	_, data, f := writeBook(t, m, rowsOf(Row{CaseID: "C1", Due: dec("1"), Paid: dec("2")}), 100)

	sheet := SheetName(m)
	if got := f.GetSheetList(); !slices.Equal(got, []string{sheet}) {
		t.Fatalf("sheets = %q, want [%q]", got, sheet)
	}
	rows := rawRows(t, f, sheet)
	title := rows[titleRow-1][0]
	for _, want := range []string{"Collections", "Philippines (PH)", "2026-11-24 00:00", "2026-11-25 00:00", "Asia/Manila", "UTC+08:00"} {
		if !strings.Contains(title, want) {
			t.Errorf("title %q does not say %q", title, want)
		}
	}
	wantHeader := []string{"Case ID / 订单号", "External No / 外部流水号", "Amount due / 应还金额", "Amount paid / 实还金额"}
	if got := rows[headerRow-1]; !slices.Equal(got, wantHeader) {
		t.Errorf("header = %q, want %q", got, wantHeader)
	}
	merged, err := f.GetMergeCells(sheet)
	if err != nil || len(merged) != 1 || merged[0].GetStartAxis() != "A1" || merged[0].GetEndAxis() != "D1" {
		t.Errorf("merged cells = %v (%v), want the title over A1:D1", merged, err)
	}
	for i, c := range columns() {
		name, _ := excelize.ColumnNumberToName(i + 1)
		if w, err := f.GetColWidth(sheet, name); err != nil || w != c.width {
			t.Errorf("column %s width = %v (%v), want %v", name, w, err, c.width)
		}
	}
	xml := zipEntry(t, data, "xl/worksheets/sheet1.xml")
	if i, j := strings.Index(xml, `<col min="1"`), strings.Index(xml, `<col min="4"`); i < 0 || j < i {
		t.Errorf("<col> elements not in ascending order: %s", xml[strings.Index(xml, "<cols>"):strings.Index(xml, "</cols>")])
	}
	panes, err := f.GetPanes(sheet)
	if err != nil || !panes.Freeze || panes.YSplit != headerRow {
		t.Errorf("panes = %+v (%v), want the header frozen", panes, err)
	}
	style := func(cell string) *excelize.Style {
		id, err := f.GetCellStyle(sheet, cell)
		if err != nil {
			t.Fatal(err)
		}
		s, err := f.GetStyle(id)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	if s := style("A2"); s.Font == nil || !s.Font.Bold || s.Fill.Type != "pattern" {
		t.Errorf("header style = %+v, want bold and filled", s)
	}
	if s := style("C3"); s.CustomNumFmt == nil || *s.CustomNumFmt != amountFormat {
		t.Errorf("amount number format = %v, want %q", s.CustomNumFmt, amountFormat)
	}
	if s := style("C4"); s.Font == nil || !s.Font.Bold || s.CustomNumFmt == nil || *s.CustomNumFmt != amountFormat {
		t.Errorf("total amount style = %+v, want bold amounts", s)
	}
	if layout, err := f.GetPageLayout(sheet); err != nil || layout.Orientation == nil || *layout.Orientation != "landscape" ||
		layout.FitToWidth == nil || *layout.FitToWidth != 1 {
		t.Errorf("page layout = %+v (%v), want landscape, one page wide", layout, err)
	}
	// Shown as Excel would, with the number format.
	if v, err := f.GetCellValue(sheet, "C3"); err != nil || v != "1.00" {
		t.Errorf("formatted C3 = %q (%v), want 1.00", v, err)
	}
}

func TestWriteEmpty(t *testing.T) {
	m := testMeta(t)
	sum, _, f := writeBook(t, m, rowsOf(), 100)
	if sum.Rows != 0 || !sum.Due.IsZero() || len(sum.Problems) != 0 {
		t.Errorf("summary = %+v", sum)
	}
	rows := rawRows(t, f, SheetName(m))
	if want := []string{"Total / 合计", "0 rows / 条", "0", "0"}; len(rows) != 3 || !slices.Equal(rows[2], want) {
		t.Errorf("rows = %q, want title, header, totals %q", rows, want)
	}
}

func TestWriteProblems(t *testing.T) {
	rows := []Row{
		{CaseID: "C1", ExternalNo: "E1", Due: dec("10"), Paid: dec("10")},
		{CaseID: "C2", Due: dec("-1"), Paid: dec("0")},
		{CaseID: "  ", Due: dec("1"), Paid: dec("1")},
		{CaseID: strings.Repeat("x", 33), ExternalNo: strings.Repeat("é", 128), Due: dec("1"), Paid: dec("1")},
		{CaseID: "C5", ExternalNo: strings.Repeat("e", 129), Due: dec("1000000000000"), Paid: dec("0.000000001")},
		{CaseID: "C6\xff", Due: dec("1"), Paid: dec("-999999999999.99999999")},
	}
	m := testMeta(t)
	sum, _, f := writeBook(t, m, rowsOf(rows...), 100)
	want := []Problem{
		{2, "C2", "negative amount due"},
		{3, "  ", "missing case id"},
		{4, strings.Repeat("x", 33), "case id longer than 32 characters"},
		{5, "C5", "external no longer than 128 characters"},
		{5, "C5", "amount due 1000000000000 does not fit decimal(20,8)"},
		{5, "C5", "amount paid 0.000000001 does not fit decimal(20,8)"},
		{6, "C6\xff", "case id is not valid UTF-8"},
		{6, "C6\xff", "negative amount paid"},
	}
	if !slices.Equal(sum.Problems, want) {
		t.Errorf("problems:\n%v\nwant:\n%v", sum.Problems, want)
	}
	if got := rawRows(t, f, SheetName(m)); len(got) != 2+len(rows)+1 {
		t.Errorf("sheet has %d rows, want every row written (%d)", len(got), 2+len(rows)+1)
	}
	if sum.Rows != len(rows) || sum.Due.String() != "1000000000012" {
		t.Errorf("summary rows %d, due %s", sum.Rows, sum.Due)
	}
	if s := want[1].String(); s != `row 3 (case "  "): missing case id` {
		t.Errorf("Problem.String() = %q", s)
	}
}

func TestWriteProblemsCapped(t *testing.T) {
	n := MaxProblems + 10
	bad := func(yield func(Row, error) bool) {
		for i := range n {
			if !yield(Row{CaseID: fmt.Sprint(i), Due: dec("-1")}, nil) {
				return
			}
		}
	}
	sum, err := Write(context.Background(), io.Discard, testMeta(t), bad)
	if err != nil {
		t.Fatal(err)
	}
	if len(sum.Problems) != MaxProblems || sum.ProblemsOmitted != 10 || sum.Rows != n {
		t.Errorf("%d problems listed, %d omitted, %d rows; want %d, 10, %d", len(sum.Problems), sum.ProblemsOmitted, sum.Rows, MaxProblems, n)
	}
}

func TestWriteSpillsIntoSheets(t *testing.T) {
	var rows []Row
	for i := range 7 {
		rows = append(rows, Row{CaseID: fmt.Sprint("C", i), Due: decimal.New(int64(i), -8), Paid: dec("1")})
	}
	m := testMeta(t)
	sum, _, f := writeBook(t, m, rowsOf(rows...), 3)
	first := SheetName(m)
	wantSheets := []string{first, first + " (2)", first + " (3)"}
	if got := f.GetSheetList(); !slices.Equal(got, wantSheets) {
		t.Fatalf("sheets = %q, want %q", got, wantSheets)
	}
	var seen []string
	for i, name := range wantSheets {
		got := rawRows(t, f, name)
		if !strings.Contains(got[0][0], "Collections") || got[1][0] != "Case ID / 订单号" {
			t.Errorf("sheet %q lacks its title or header: %q", name, got[:2])
		}
		if i > 0 && !strings.Contains(got[0][0], fmt.Sprint("part ", i+1)) {
			t.Errorf("sheet %q title %q does not say it is part %d", name, got[0][0], i+1)
		}
		for _, r := range got[2:] {
			seen = append(seen, r[0])
		}
	}
	want := []string{"C0", "C1", "C2", "C3", "C4", "C5", "C6", "Total / 合计"}
	if !slices.Equal(seen, want) {
		t.Errorf("first cells across sheets = %q, want %q", seen, want)
	}
	last := rawRows(t, f, wantSheets[2])
	if got := last[len(last)-1]; got[2] != "0.00000021" || got[3] != "7" || sum.Rows != 7 {
		t.Errorf("totals = %q (rows %d), want 0.00000021 and 7 over all sheets", got, sum.Rows)
	}
}

var errSource = errors.New("business store down")

func TestWriteSourceError(t *testing.T) {
	rows := func(yield func(Row, error) bool) {
		if !yield(Row{CaseID: "C1"}, nil) || !yield(Row{CaseID: "C2"}, nil) {
			return
		}
		if yield(Row{}, errSource) {
			t.Error("Write asked for more rows after an error")
		}
	}
	sum, err := Write(context.Background(), io.Discard, testMeta(t), rows)
	if !errors.Is(err, errSource) {
		t.Fatalf("err = %v, want the source's error", err)
	}
	if !strings.Contains(err.Error(), "collections_PH_20261124-0000_20261125-0000.xlsx") {
		t.Errorf("error %q does not name the report", err)
	}
	if sum.Rows != 2 {
		t.Errorf("summary counts %d rows, want the 2 seen", sum.Rows)
	}
}

func TestWriteContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Write(ctx, io.Discard, testMeta(t), rowsOf()); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled before: err = %v", err)
	}

	ctx, cancel = context.WithCancel(context.Background())
	defer cancel()
	var yielded int
	rows := func(yield func(Row, error) bool) {
		for i := 0; ; i++ {
			if i == 5000 {
				cancel()
			}
			yielded++
			if !yield(Row{CaseID: "C"}, nil) {
				return
			}
		}
	}
	if _, err := Write(ctx, io.Discard, testMeta(t), rows); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled while reading rows: err = %v", err)
	}
	if yielded > 5000+1024 {
		t.Errorf("read %d rows after the cancel, want at most 1024", yielded-5000)
	}
}

// failingWriter fails once it has taken n bytes.
type failingWriter struct{ n int }

var errDisk = errors.New("disk full")

func (w *failingWriter) Write(p []byte) (int, error) {
	if len(p) > w.n {
		k := w.n
		w.n = 0
		return k, errDisk
	}
	w.n -= len(p)
	return len(p), nil
}

func TestWriteDestinationError(t *testing.T) {
	for _, n := range []int{0, 100, 5000} {
		_, err := Write(context.Background(), &failingWriter{n: n}, testMeta(t), rowsOf(Row{CaseID: "C1"}))
		if !errors.Is(err, errDisk) {
			t.Errorf("failing after %d bytes: err = %v, want the writer's error", n, err)
		}
	}
}

// Write's rows are an iter.Seq2 so that a scene's callback API adapts in a
// few lines; this is the shape the engine uses.
func ExampleWrite() {
	// rows adapts a callback API (scene.ReportScene.Rows) to an iterator.
	rows := func(emit func(each func(Row) error) error) iter.Seq2[Row, error] {
		return func(yield func(Row, error) bool) {
			stop := errors.New("stop")
			err := emit(func(r Row) error {
				if !yield(r, nil) {
					return stop
				}
				return nil
			})
			if err != nil && err != stop {
				yield(Row{}, err)
			}
		}
	}
	source := func(each func(Row) error) error {
		for _, amount := range []string{"12345678901.12345678", "0.00000001"} {
			if err := each(Row{CaseID: "C1", Due: decimal.RequireFromString(amount), Paid: decimal.Zero}); err != nil {
				return err
			}
		}
		return nil
	}
	sum, err := Write(context.Background(), io.Discard, Meta{Scene: "Collections", CountryNo: "PH"}, rows(source))
	fmt.Println(sum.Rows, sum.Due, err)
	// Output: 2 12345678901.12345679 <nil>
}

// TestWriteLarge writes enough rows that excelize moves the sheet's XML to
// a temporary file (past 16 MiB) before it is zipped, and checks every
// amount came out a number.
func TestWriteLarge(t *testing.T) {
	if testing.Short() {
		t.Skip("writes 50,000 rows")
	}
	const n = 50_000
	rows := func(yield func(Row, error) bool) {
		for i := range n {
			id := fmt.Sprintf("%032d", i)
			r := Row{CaseID: id, ExternalNo: strings.Repeat(id, 4), Due: decimal.New(int64(i), -8), Paid: dec("1")}
			if !yield(r, nil) {
				return
			}
		}
	}
	var buf strings.Builder
	sum, err := Write(context.Background(), &buf, testMeta(t), rows)
	if err != nil {
		t.Fatal(err)
	}
	xml := zipEntry(t, []byte(buf.String()), "xl/worksheets/sheet1.xml")
	if len(xml) < 16<<20 {
		t.Fatalf("sheet XML is %d bytes, want past excelize's 16 MiB chunk", len(xml))
	}
	if got, want := strings.Count(xml, "<v>"), 2*n+2; got != want {
		t.Errorf("%d numeric cells, want %d", got, want)
	}
	if got, want := strings.Count(xml, `t="inlineStr"`), 1+columnCount+2*n+2; got != want {
		t.Errorf("%d text cells, want %d", got, want)
	}
	// 0 + 1 + … + (n-1) hundred-millionths.
	if want := decimal.New(n*(n-1)/2, -8); !sum.Due.Equal(want) || !strings.Contains(xml, "<v>"+want.String()+"</v></c><c r=\"D") {
		t.Errorf("due total %s, want %s in the totals row", sum.Due, want)
	}
	if !strings.HasSuffix(xml, "</worksheet>") {
		t.Errorf("sheet XML ends in %q", xml[len(xml)-40:])
	}
}
