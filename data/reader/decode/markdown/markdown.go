// Package markdown decodes highlights documents written in Markdown, as
// converters write the office's PDFs: headings with # (or a whole line
// in bold capitals), bullets that wrap, a bullet's (date, place) pushed
// onto a line of its own.
package markdown

import (
	"embed"
	"sync"

	"github.com/unoct/unoct/data/reader/decode"
)

//go:embed *.go
var source embed.FS

// Decoder reads Markdown. It takes any text, so it comes after the
// decoders that recognise their files by a signature.
type Decoder struct{}

func (Decoder) Name() string { return "markdown" }

func (Decoder) Version() string { return version() }

var version = sync.OnceValue(func() string { return decode.SourceVersion(source) })

// Sniff takes any file: text that is not Markdown is Markdown without
// structure, and Decode refuses what is not text at all.
func (Decoder) Sniff([]byte) bool { return true }

func (Decoder) Decode(raw []byte) (*decode.Doc, error) {
	lines, notes, err := decode.TextLines(raw, "Markdown", "give a highlights document: its PDF, text or Markdown")
	if err != nil {
		return nil, err
	}
	return &decode.Doc{Lines: lines, Sections: splitSections(lines), Notes: notes}, nil
}
