package report

import (
	"bytes"
	"strings"
	"testing"
)

func TestNumericWriter(t *testing.T) {
	const (
		in = `<sheetData><row r="3">` +
			`<c r="A3" s="3" t="inlineStr"><is><t>C-1</t></is></c>` +
			`<c r="C3" s="4" t="inlineStr"><is><t>12345678901.12345678</t></is></c>` +
			`<c r="D3" s="6" t="inlineStr"><is><t>-0.00000001</t></is></c>` +
			`<c r="E3" s="5" t="inlineStr"><is><t>7</t></is></c>` + // not an amount style
			`<c r="F3" s="4" t="inlineStr"><is><t>1e5</t></is></c>` + // not decimal text
			`<c r="G3" s="4" t="inlineStr"><is><t>.5</t></is></c>` +
			`<c r="H3" s="4" t="inlineStr"><is><t>5.</t></is></c>` +
			`<c r="I3" s="4" t="inlineStr"><is><t>-</t></is></c>` +
			`<c r="J3" s="4" t="inlineStr"><is><t></t></is></c>` +
			`<c xml:space="preserve" r="K3" s="4" t="inlineStr"><is><t> 1</t></is></c>` +
			`<c r="L3" s="4"><v>2</v></c>` +
			`<c r="M3" s="44" t="inlineStr"><is><t>3</t></is></c>` +
			`<c r="N3" s="4" t="str"><f>1+1</f><v>2</v></c>` +
			`</row></sheetData><cols><col min="1" max="1"/></cols>`
		want = `<sheetData><row r="3">` +
			`<c r="A3" s="3" t="inlineStr"><is><t>C-1</t></is></c>` +
			`<c r="C3" s="4"><v>12345678901.12345678</v></c>` +
			`<c r="D3" s="6"><v>-0.00000001</v></c>` +
			`<c r="E3" s="5" t="inlineStr"><is><t>7</t></is></c>` +
			`<c r="F3" s="4" t="inlineStr"><is><t>1e5</t></is></c>` +
			`<c r="G3" s="4" t="inlineStr"><is><t>.5</t></is></c>` +
			`<c r="H3" s="4" t="inlineStr"><is><t>5.</t></is></c>` +
			`<c r="I3" s="4" t="inlineStr"><is><t>-</t></is></c>` +
			`<c r="J3" s="4" t="inlineStr"><is><t></t></is></c>` +
			`<c xml:space="preserve" r="K3" s="4" t="inlineStr"><is><t> 1</t></is></c>` +
			`<c r="L3" s="4"><v>2</v></c>` +
			`<c r="M3" s="44" t="inlineStr"><is><t>3</t></is></c>` +
			`<c r="N3" s="4" t="str"><f>1+1</f><v>2</v></c>` +
			`</row></sheetData><cols><col min="1" max="1"/></cols>`
	)
	// Every way of cutting the input into two writes, and byte by byte.
	for cut := 0; cut <= len(in); cut++ {
		var out bytes.Buffer
		w := newNumericWriter(&out, []int{4, 6})
		if _, err := w.Write([]byte(in[:cut])); err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(in[cut:])); err != nil {
			t.Fatal(err)
		}
		if err := w.Flush(); err != nil {
			t.Fatal(err)
		}
		if out.String() != want {
			t.Fatalf("cut at %d:\n got %s\nwant %s", cut, out.String(), want)
		}
	}
	var out bytes.Buffer
	w := newNumericWriter(&out, []int{4, 6})
	for i := range len(in) {
		if _, err := w.Write([]byte{in[i]}); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if out.String() != want {
		t.Fatalf("byte by byte:\n got %s\nwant %s", out.String(), want)
	}
}

func TestNumericWriterLongCell(t *testing.T) {
	// A cell longer than maxCellBytes passes through as it is, and the
	// cells after it are still rewritten.
	long := `<c r="B3" s="3" t="inlineStr"><is><t>` + strings.Repeat("x", maxCellBytes+10) + `</t></is></c>`
	in := long + `<c r="C3" s="4" t="inlineStr"><is><t>1.5</t></is></c>`
	var out bytes.Buffer
	w := newNumericWriter(&out, []int{4})
	if n, err := w.Write([]byte(in)); err != nil || n != len(in) {
		t.Fatalf("Write = %d, %v", n, err)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if want := long + `<c r="C3" s="4"><v>1.5</v></c>`; out.String() != want {
		t.Errorf("output differs (len %d, want %d)", out.Len(), len(want))
	}
	if cap(w.pend) > 2*maxCellBytes {
		t.Errorf("pending buffer grew to %d bytes", cap(w.pend))
	}
}
