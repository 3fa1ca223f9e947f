// Package text rebuilds a document's reading order and structure from
// runs of text placed on pages, and mends what extracting text from a
// PDF breaks. The PDF decoder hands it the runs PDFium finds; its own
// Decoder reads what pdftotext writes (with or without -layout, where
// columns stand side by side), cut into runs at wide gaps. Both give
// the same rebuilt text, Markdown with page marks, which is what the
// store keeps and this Decoder reads again.
package text

import (
	"bytes"
	"embed"
	"regexp"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/unoct/unoct/data/reader/decode"
)

//go:embed *.go
var source embed.FS

// Version is the version of the layout and repair code, which the PDF
// decoder's version includes.
func Version() string { return version() }

var version = sync.OnceValue(func() string { return decode.SourceVersion(source) })

// Decoder reads text extracted from a PDF, and the text this package
// rebuilds. Words are what a word broken at a line's end is checked
// against; nil leaves the document's own words alone to decide.
type Decoder struct{ Words decode.Words }

func (Decoder) Name() string    { return "text" }
func (Decoder) Version() string { return version() }

// Sniff takes rebuilt text by its first line, and text pdftotext
// wrote by the form feed it ends every page with, unless the text has a
// Markdown heading or bold (Markdown that went through a tool that
// paginates).
func (Decoder) Sniff(raw []byte) bool {
	if bytes.HasPrefix(raw, []byte("<!-- unoct:")) {
		return true
	}
	head := raw[:min(len(raw), 64<<10)]
	if bytes.IndexByte(head, '\f') < 0 || bytes.IndexByte(head, 0) >= 0 {
		return false
	}
	return !mdHeadingRE.Match(head) && !bytes.Contains(head, []byte("**"))
}

var (
	mdHeadingRE = regexp.MustCompile(`(?m)^#{1,6} `)
	gapRE       = regexp.MustCompile(` {3,}`)
)

const hint = "give the PDF itself, or text extracted from it with pdftotext"

// Decode rebuilds the text's reading order and structure from the
// positions of its words, as the PDF decoder does from a PDF.
func (d Decoder) Decode(raw []byte) (*decode.Doc, error) {
	if bytes.HasPrefix(raw, []byte("<!-- unoct:")) {
		return DecodeKeep(raw)
	}
	var pages []Page
	for i, chunk := range bytes.Split(raw, []byte("\f")) {
		lines, _, err := decode.TextLines(chunk, "text", hint)
		if err != nil {
			return nil, err
		}
		p := Page{Num: i + 1, Grid: true, Height: float64(len(lines))}
		for y, l := range lines {
			l = strings.TrimRight(l, " ")
			p.Width = max(p.Width, float64(utf8.RuneCountInString(l)))
			at := 0
			for _, seg := range splitGaps(l) {
				at = strings.Index(l[at:], seg) + at
				x := float64(utf8.RuneCountInString(l[:at]))
				p.Frags = append(p.Frags, Frag{Text: seg, X0: x, X1: x + float64(utf8.RuneCountInString(seg)),
					Y0: float64(y), Y1: float64(y) + 1, Size: 0})
				at += len(seg)
			}
		}
		if len(p.Frags) > 0 || i == 0 {
			pages = append(pages, p)
		}
	}
	doc, err := FromPages(pages, d.Words)
	if err != nil {
		if de, ok := err.(*decode.Error); ok {
			de.Msg = strings.Replace(de.Msg, "the PDF has no text layer: its pages are images (a scan)", "the text is nearly empty", 1)
		}
		return nil, err
	}
	return doc, nil
}

// splitGaps cuts a line of laid-out text at gaps of three spaces or
// more, where one column ends and the next begins.
func splitGaps(l string) []string {
	var out []string
	for _, s := range gapRE.Split(l, -1) {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}
