package report

import (
	"archive/zip"
	"context"
	"io"
	"io/fs"
	"path"
	"strings"
)

// zipWriter is the excelize.ZipWriter Write gives excelize: it writes the
// workbook's zip straight to the destination (excelize's own Write would
// first build the whole file in a bytes.Buffer) and passes worksheets
// through a numericWriter.
type zipWriter struct {
	zw     *zip.Writer
	styles []int          // the amount styles, for numericWriter
	sheet  *numericWriter // the worksheet being written, if any
}

func newZipWriter(dst io.Writer, styles []int) *zipWriter {
	return &zipWriter{zw: zip.NewWriter(dst), styles: styles}
}

// Create starts the next file of the zip.
func (z *zipWriter) Create(name string) (io.Writer, error) {
	if err := z.endSheet(); err != nil {
		return nil, err
	}
	w, err := z.zw.Create(name)
	if err != nil {
		return nil, err
	}
	if isWorksheet(name) {
		z.sheet = newNumericWriter(w, z.styles)
		return z.sheet, nil
	}
	return w, nil
}

// AddFS adds the files of fsys (excelize does not call it).
func (z *zipWriter) AddFS(fsys fs.FS) error {
	if err := z.endSheet(); err != nil {
		return err
	}
	return z.zw.AddFS(fsys)
}

// Close finishes the zip.
func (z *zipWriter) Close() error {
	if err := z.endSheet(); err != nil {
		return err
	}
	return z.zw.Close()
}

func (z *zipWriter) endSheet() error {
	if z.sheet == nil {
		return nil
	}
	err := z.sheet.Flush()
	z.sheet = nil
	return err
}

func isWorksheet(name string) bool {
	return path.Dir(name) == "xl/worksheets" && strings.HasSuffix(name, ".xml")
}

// ctxWriter writes to w until the first error or until ctx is done, then
// fails every later write with that error (excelize does not stop at a
// failed write, and a long zip should stop when its caller gives up).
type ctxWriter struct {
	ctx context.Context
	w   io.Writer
	err error
}

func (c *ctxWriter) Write(p []byte) (int, error) {
	if c.err != nil {
		return 0, c.err
	}
	if err := c.ctx.Err(); err != nil {
		c.err = context.Cause(c.ctx)
		return 0, c.err
	}
	n, err := c.w.Write(p)
	if err != nil {
		c.err = err
	}
	return n, err
}
