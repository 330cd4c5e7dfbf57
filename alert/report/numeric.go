package report

import (
	"bufio"
	"bytes"
	"io"
	"slices"
	"strconv"
)

// excelize's StreamWriter has no cell value it writes verbatim as a
// number: integers are exact but amounts are not integers, and a float64
// keeps only 15 significant digits while decimal(20,8) has 20. So Write
// gives each amount to excelize as its exact decimal text, in a style used
// by amounts only, and numericWriter rewrites those cells, as the
// worksheet's XML is zipped, from inline strings into numeric cells holding
// the same text:
//
//	<c r="C3" s="4" t="inlineStr"><is><t>-0.00000001</t></is></c>
//	<c r="C3" s="4"><v>-0.00000001</v></c>
//
// A cell is rewritten only when it has exactly this shape, one of the
// amount styles, and decimal text; anything else passes through untouched,
// so a change in excelize's output shows up as text cells (which the tests
// catch), never as a broken file.

const (
	// Markup around the cells numericWriter looks at.
	cellOpen    = "<c "
	cellClose   = "</c>"
	inlineOpen  = `" t="inlineStr"><is><t>`
	inlineClose = `</t></is></c>`

	// numericChunk is how much of a Write numericWriter takes at a time.
	numericChunk = 64 << 10
	// maxCellBytes bounds a cell numericWriter waits for; a longer one
	// (never an amount) passes through unread.
	maxCellBytes = 1 << 20
)

// numericWriter rewrites amount cells (see above) in a worksheet's XML
// stream and writes the result to out. Call Flush at the end.
type numericWriter struct {
	out    *bufio.Writer
	styles []int  // the amount styles
	pend   []byte // data not yet written: at most an unfinished cell
}

func newNumericWriter(out io.Writer, styles []int) *numericWriter {
	return &numericWriter{out: bufio.NewWriterSize(out, numericChunk), styles: styles}
}

// Write takes p in chunks, writing out every complete cell.
func (w *numericWriter) Write(p []byte) (int, error) {
	n := 0
	for len(p) > 0 {
		k := min(len(p), numericChunk)
		w.pend = append(w.pend, p[:k]...)
		if err := w.drain(); err != nil {
			return n, err
		}
		n += k
		p = p[k:]
	}
	return n, nil
}

// Flush writes what is pending and flushes out.
func (w *numericWriter) Flush() error {
	if _, err := w.out.Write(w.pend); err != nil {
		return err
	}
	w.pend = w.pend[:0]
	return w.out.Flush()
}

// drain writes pend up to its last unfinished cell, rewriting the cells.
func (w *numericWriter) drain() error {
	buf := w.pend
	for {
		i := bytes.Index(buf, []byte(cellOpen))
		if i < 0 {
			// Keep what could be the start of a split "<c ".
			keep := min(len(buf), len(cellOpen)-1)
			if _, err := w.out.Write(buf[:len(buf)-keep]); err != nil {
				return err
			}
			buf = buf[len(buf)-keep:]
			break
		}
		if _, err := w.out.Write(buf[:i]); err != nil {
			return err
		}
		buf = buf[i:]
		j := bytes.Index(buf, []byte(cellClose))
		if j < 0 {
			if len(buf) > maxCellBytes {
				if _, err := w.out.Write(buf); err != nil {
					return err
				}
				buf = buf[len(buf):]
			}
			break
		}
		end := j + len(cellClose)
		if err := w.writeCell(buf[:end]); err != nil {
			return err
		}
		buf = buf[end:]
	}
	w.pend = append(w.pend[:0], buf...)
	return nil
}

// writeCell writes one cell, as a numeric cell when it is an amount.
func (w *numericWriter) writeCell(cell []byte) error {
	head, text, ok := w.amountCell(cell)
	if !ok {
		_, err := w.out.Write(cell)
		return err
	}
	// A bufio.Writer's error sticks: the last write reports it.
	_, _ = w.out.Write(head)
	_, _ = w.out.WriteString(`"><v>`)
	_, _ = w.out.Write(text)
	_, err := w.out.WriteString(`</v></c>`)
	return err
}

// amountCell splits an amount cell `<c r="C3" s="4" t="inlineStr"><is><t>1.5</t></is></c>`
// into its head `<c r="C3" s="4` and text `1.5`.
func (w *numericWriter) amountCell(cell []byte) (head, text []byte, ok bool) {
	head, rest, ok := bytes.Cut(cell, []byte(inlineOpen))
	if !ok {
		return nil, nil, false
	}
	text, ok = bytes.CutSuffix(rest, []byte(inlineClose))
	if !ok || !isDecimalText(text) {
		return nil, nil, false
	}
	// head is `<c r="REF" s="STYLE`.
	ref, style, ok := bytes.Cut(head[len(cellOpen):], []byte(`" s="`))
	if !ok || !bytes.HasPrefix(ref, []byte(`r="`)) || bytes.Count(ref, []byte(`"`)) != 1 {
		return nil, nil, false
	}
	s, err := strconv.Atoi(string(style))
	if err != nil || !slices.Contains(w.styles, s) {
		return nil, nil, false
	}
	return head, text, true
}

// isDecimalText reports whether b is -?digits(.digits)?, the form
// decimal.Decimal.String gives.
func isDecimalText(b []byte) bool {
	b, _ = bytes.CutPrefix(b, []byte("-"))
	whole, frac, hasPoint := bytes.Cut(b, []byte("."))
	return allDigits(whole) && (!hasPoint || allDigits(frac))
}

func allDigits(b []byte) bool {
	if len(b) == 0 {
		return false
	}
	for _, c := range b {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}
