package reader

import (
	"github.com/unoct/unoct/data/reader/decode"
	"github.com/unoct/unoct/data/reader/decode/markdown"
	"github.com/unoct/unoct/data/reader/decode/pdf"
	"github.com/unoct/unoct/data/reader/decode/text"
)

// newDecoders are the input formats a reader reads, asked in this order
// which one reads a file: those that know their files by a signature
// first, text extracted from a PDF (which Sniff tells from Markdown by
// its look) next, Markdown (which takes any text) last. A new format is
// one line here and its package under decode/. The PDF decoder is a
// value of its own per reader: it owns the PDFium runtime, started on
// the reader's first PDF.
func newDecoders() []decode.Decoder {
	return []decode.Decoder{pdf.New(), text.Decoder{}, markdown.Decoder{}}
}
