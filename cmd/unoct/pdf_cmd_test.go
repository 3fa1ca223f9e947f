package main

import (
	"bytes"
	"os"

	"codeberg.org/go-pdf/fpdf"
	"github.com/rogpeppe/go-internal/testscript"

	"github.com/unoct/unoct/data/reader/decode/pdf/pdftest"
)

// cmdPDF writes a test PDF: "pdf seed FILE" the seed document laid out
// in two columns, "pdf scan FILE" a page with shapes and no text.
func cmdPDF(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: pdf seed|scan FILE")
	}
	var raw []byte
	switch args[0] {
	case "seed":
		md, err := os.ReadFile("../../data/highlights/2020-02.md")
		ts.Check(err)
		raw = pdftest.Render(pdftest.FromMarkdown(string(md)),
			pdftest.Layout{Title: "February 2020", Columns: 2, Hyphenate: true, Footer: true})
	case "scan":
		f := fpdf.New("P", "pt", "A4", "")
		f.AddPage()
		for y := 50.0; y < 700; y += 14 {
			f.Rect(50, y, 480, 8, "F")
		}
		var b bytes.Buffer
		ts.Check(f.Output(&b))
		raw = b.Bytes()
	default:
		ts.Fatalf("pdf: unknown kind %s", args[0])
	}
	ts.Check(os.WriteFile(ts.MkAbs(args[1]), raw, 0o644))
}
